package org.raqib.jobs;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.raqib.models.Camera;
import org.raqib.models.CameraFrame;
import org.raqib.models.PlateBox;
import org.raqib.models.PlateLayout;
import org.raqib.models.PlateRead;
import org.raqib.models.plate.SaudiPlate;

/** Test records with sensible defaults. */
public final class Fixtures {

    private Fixtures() {
    }

    /** MiniCluster configuration for ITCases: a failure fails the test instead of being retried. */
    public static Configuration noRestarts() {
        Configuration config = new Configuration();
        config.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        return config;
    }

    /** An enabled radar camera with {@code limit} and {@code tolerance}. */
    public static Camera camera(String id, int limit, int tolerance) {
        return Camera.newBuilder().setCameraId(id).setName("Camera " + id).setLatitude(24.71).setLongitude(46.67)
                .setRoadId("R-" + id).setDirection("N").setKmMarker(12.5).setSpeedLimitKmh(limit)
                .setToleranceKmh(tolerance).setRegion("riyadh").setHasRadar(true).setEnabled(true)
                .setUpdatedAt(Instant.ofEpochMilli(1_700_000_000_000L)).build();
    }

    /** A read of {@code plate} at {@code camera}, {@code speed} km/h, at epoch millis {@code at}. */
    public static PlateRead read(String frameId, String camera, String plate, double confidence, Double speed, long at) {
        return PlateRead.newBuilder().setReadId(frameId + "#0").setFrameId(frameId).setCameraId(camera)
                .setCaptureTime(Instant.ofEpochMilli(at)).setPlateText(plate).setPlateArabic(SaudiPlate.isValid(plate) ? SaudiPlate.toArabic(plate) : "")
                .setConfidence(confidence).setCharacterConfidences(List.of()).setAlternatives(List.of())
                .setBox(new PlateBox(10, 20, 120, 30)).setLayout(PlateLayout.STANDARD)
                .setEvidenceSha256("ab".repeat(32)).setRadarSpeedKmh(speed).setLane(1).build();
    }

    /** A frame of {@code camera} carrying {@code jpeg}. */
    public static CameraFrame frame(String frameId, String camera, byte[] jpeg, int width, int height, Double speed,
                                    long at) {
        return CameraFrame.newBuilder().setFrameId(frameId).setCameraId(camera).setCaptureTime(Instant.ofEpochMilli(at))
                .setReceiveTime(Instant.ofEpochMilli(at + 40)).setJpeg(ByteBuffer.wrap(jpeg)).setWidth(width)
                .setHeight(height).setLane(2).setRadarSpeedKmh(speed).setOrigin("simulator").build();
    }
}
