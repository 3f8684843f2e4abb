package org.raqib.dashboard;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import javax.imageio.ImageIO;
import org.raqib.models.Camera;
import org.raqib.models.CameraFrame;
import org.raqib.models.PatrolAlert;
import org.raqib.models.PlateBox;
import org.raqib.models.PlateRead;
import org.raqib.models.SpeedSource;
import org.raqib.models.Violation;
import org.raqib.models.ViolationStatus;
import org.raqib.models.ViolationType;
import org.raqib.models.plate.SaudiPlate;

/** Records for the dashboard's tests, built with the models' builders. */
public final class Fixtures {

    /** Where {@link #jpeg} paints the plate. */
    public static final PlateBox PLATE_BOX = PlateBox.newBuilder().setX(270).setY(250).setWidth(100).setHeight(44).build();

    private Fixtures() {
    }

    public static Camera camera(String id, String region, double lat, double lon, double km) {
        return Camera.newBuilder().setCameraId(id).setName("Test road km " + km).setLatitude(lat).setLongitude(lon)
                .setRoadId("RUH-TEST").setDirection("N").setKmMarker(km).setSpeedLimitKmh(80).setToleranceKmh(10)
                .setRegion(region).setHasRadar(true).setEnabled(true).setUpdatedAt(Instant.EPOCH).build();
    }

    /** A 640x360 drawn frame: a dark car front with a white plate showing {@code plate} at {@link #PLATE_BOX}. */
    public static byte[] jpeg(String plate) {
        BufferedImage img = new BufferedImage(640, 360, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setPaint(new GradientPaint(0, 0, new Color(70, 80, 95), 0, 360, new Color(35, 38, 44)));
            g.fillRect(0, 0, 640, 360);
            g.setColor(new Color(25, 60, 110));
            g.fillRoundRect(170, 120, 300, 220, 40, 40);
            g.setColor(new Color(190, 200, 210));
            g.fillRect(200, 150, 240, 60);
            g.setColor(Color.WHITE);
            g.fillRect(PLATE_BOX.getX(), PLATE_BOX.getY(), PLATE_BOX.getWidth(), PLATE_BOX.getHeight());
            g.setColor(Color.BLACK);
            g.setStroke(new BasicStroke(2));
            g.drawRect(PLATE_BOX.getX(), PLATE_BOX.getY(), PLATE_BOX.getWidth(), PLATE_BOX.getHeight());
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
            g.drawString(SaudiPlate.digits(plate) + " " + SaudiPlate.letters(plate), PLATE_BOX.getX() + 8,
                    PLATE_BOX.getY() + 36);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "jpg", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static CameraFrame frame(String frameId, String cameraId, Instant at, byte[] jpeg) {
        return CameraFrame.newBuilder().setFrameId(frameId).setCameraId(cameraId).setCaptureTime(at).setReceiveTime(at)
                .setJpeg(ByteBuffer.wrap(jpeg)).setWidth(640).setHeight(360).setRadarSpeedKmh(121.0)
                .setOrigin("simulator").build();
    }

    public static PlateRead read(String frameId, String cameraId, String plate, Instant at) {
        return PlateRead.newBuilder().setReadId(frameId + "-0").setFrameId(frameId).setCameraId(cameraId)
                .setCaptureTime(at).setPlateText(plate).setPlateArabic(SaudiPlate.toArabic(plate)).setConfidence(0.97)
                .setBox(PLATE_BOX).setEvidenceSha256("00".repeat(32)).build();
    }

    public static Violation violation(String id, String plate, String cameraId, String region, Instant at,
            String frameId, boolean review) {
        return Violation.newBuilder().setViolationId(id).setType(ViolationType.SPOT_SPEEDING)
                .setStatus(review ? ViolationStatus.NEEDS_REVIEW : ViolationStatus.ISSUED).setPlateText(plate)
                .setPlateArabic(SaudiPlate.toArabic(plate)).setConfidence(review ? 0.62 : 0.97)
                .setCameraIds(List.of(cameraId)).setRoadId("RUH-TEST").setRegion(region).setEventTime(at)
                .setMeasuredSpeedKmh(121.0).setSpeedLimitKmh(80).setToleranceKmh(10).setExcessKmh(41.0)
                .setSpeedBand("41-50").setSpeedSource(SpeedSource.RADAR).setEvidenceSha256(List.of("00".repeat(32)))
                .setFrameIds(List.of(frameId)).setDetectedAt(at).build();
    }

    public static PatrolAlert alert(String id, String plate, String cameraId, String region, Instant at) {
        return PatrolAlert.newBuilder().setAlertId(id).setRegion(region).setPlateText(plate)
                .setPlateArabic(SaudiPlate.toArabic(plate)).setHotlistPlate(plate).setReason("stolen").setPriority(1)
                .setCameraId(cameraId).setLatitude(24.7).setLongitude(46.68).setRoadId("RUH-TEST").setDirection("N")
                .setEventTime(at).setConfidence(0.95).setEvidenceSha256("00".repeat(32)).setFrameId("f-alert").build();
    }
}
