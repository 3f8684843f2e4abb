package org.raqib.ingest.registry;

import java.time.Instant;
import org.raqib.models.Camera;
import org.raqib.models.RoadCalibration;

/**
 * One camera of the registry file, with the shared secret that authenticates its uploads. The secret
 * stays inside the gateway: {@link #toCamera(Instant)} leaves it out of the record published to Kafka.
 *
 * @param id registry id, e.g. {@code RUH-KFR-N-008}; the Kafka key of its frames
 * @param secret shared HMAC secret of the unit (demo values only in the committed file)
 * @param name human-readable name shown to operators
 * @param latitude WGS84 latitude in degrees
 * @param longitude WGS84 longitude in degrees
 * @param roadId road the camera watches
 * @param direction direction of travel watched (N, S, E, W, NE, NW, SE, SW)
 * @param kmMarker position along the road in kilometres
 * @param speedLimitKmh posted limit in km/h
 * @param toleranceKmh tolerance above the limit before a violation, km/h
 * @param region patrol region
 * @param hasRadar true when the unit measures speed by radar
 * @param calibrationValidUntil expiry of the calibration certificate, or null when there is none
 * @param enabled false to reject the camera's frames
 * @param calibration image-to-road calibration for speed from video, or null when not calibrated
 */
public record RegisteredCamera(String id, String secret, String name, double latitude, double longitude,
        String roadId, String direction, double kmMarker, int speedLimitKmh, int toleranceKmh, String region,
        boolean hasRadar, Instant calibrationValidUntil, boolean enabled, RoadCalibration calibration) {

    /** A camera without a video calibration. */
    public RegisteredCamera(String id, String secret, String name, double latitude, double longitude,
            String roadId, String direction, double kmMarker, int speedLimitKmh, int toleranceKmh, String region,
            boolean hasRadar, Instant calibrationValidUntil, boolean enabled) {
        this(id, secret, name, latitude, longitude, roadId, direction, kmMarker, speedLimitKmh, toleranceKmh, region,
                hasRadar, calibrationValidUntil, enabled, null);
    }

    /** The speed above which a radar reading is a violation: limit plus tolerance, in km/h. */
    public int thresholdKmh() {
        return speedLimitKmh + toleranceKmh;
    }

    /** This camera enabled or disabled. */
    public RegisteredCamera withEnabled(boolean on) {
        return new RegisteredCamera(id, secret, name, latitude, longitude, roadId, direction, kmMarker, speedLimitKmh,
                toleranceKmh, region, hasRadar, calibrationValidUntil, on, calibration);
    }

    /** The registry record for {@code raqib.cameras} (without the secret), stamped {@code updatedAt}. */
    public Camera toCamera(Instant updatedAt) {
        return Camera.newBuilder()
                .setCameraId(id)
                .setName(name)
                .setLatitude(latitude)
                .setLongitude(longitude)
                .setRoadId(roadId)
                .setDirection(direction)
                .setKmMarker(kmMarker)
                .setSpeedLimitKmh(speedLimitKmh)
                .setToleranceKmh(toleranceKmh)
                .setRegion(region)
                .setHasRadar(hasRadar)
                // A copy: the record handed out must not share the registry's mutable Avro object.
                .setCalibration(calibration == null ? null : RoadCalibration.newBuilder(calibration).build())
                .setCalibrationValidUntil(calibrationValidUntil)
                .setEnabled(enabled)
                .setUpdatedAt(updatedAt)
                .build();
    }

    @Override
    public String toString() {
        // Never print the secret, e.g. in a log line or an assertion message.
        return "RegisteredCamera[" + id + ", " + name + ", road " + roadId + " " + direction + " km " + kmMarker
                + ", limit " + speedLimitKmh + "+" + toleranceKmh + ", radar " + hasRadar + ", enabled " + enabled
                + (calibration == null ? "" : ", calibrated") + "]";
    }
}
