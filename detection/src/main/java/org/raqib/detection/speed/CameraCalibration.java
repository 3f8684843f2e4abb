package org.raqib.detection.speed;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.raqib.models.RoadCalibration;

/**
 * A camera's image-to-road mapping for measuring speed: a homography from pixels to metres on the
 * horizontal plane at {@code referenceHeightMetres} above the road (the height of the plate's centre),
 * so that the centre of a plate's box maps straight to where the plate is, without the parallax a
 * road-level mapping would add (a plate 0.5 m up under a lens 7 m up would look 8% further away, and so
 * 8% faster, if mapped to the road surface).
 *
 * @param homography image pixels -> metres on the reference plane (X along the road, Y across)
 * @param referenceHeightMetres height of that plane above the road
 * @param reprojectionErrorMetres RMS distance between the calibration marks and their mapped pixels, metres
 * @param imageWidth frame width the mapping applies to
 * @param imageHeight frame height the mapping applies to
 */
public record CameraCalibration(Homography homography, double referenceHeightMetres, double reprojectionErrorMetres,
                                int imageWidth, int imageHeight) {

    public CameraCalibration {
        Objects.requireNonNull(homography, "homography");
        if (!(referenceHeightMetres >= 0) || !(reprojectionErrorMetres >= 0) || imageWidth <= 0 || imageHeight <= 0) {
            throw new IllegalArgumentException("calibration needs a height >= 0, an error >= 0 and a positive image size");
        }
    }

    /** Road-plane position {X, Y} in metres of pixel {@code (x, y)}. */
    public double[] toRoad(double x, double y) {
        return homography.apply(x, y);
    }

    /** The calibration as the registry's Avro record. */
    public RoadCalibration toAvro() {
        List<Double> h = new ArrayList<>(9);
        for (double v : homography.toArray()) {
            h.add(v);
        }
        return RoadCalibration.newBuilder().setHomography(h).setReferenceHeightMetres(referenceHeightMetres)
                .setReprojectionErrorMetres(reprojectionErrorMetres).setImageWidth(imageWidth)
                .setImageHeight(imageHeight).build();
    }

    /** The calibration of a registry record. */
    public static CameraCalibration of(RoadCalibration avro) {
        return new CameraCalibration(Homography.of(avro.getHomography()), avro.getReferenceHeightMetres(),
                avro.getReprojectionErrorMetres(), avro.getImageWidth(), avro.getImageHeight());
    }

    /**
     * The {@code calibration:} block of a camera in {@code config/cameras.yaml}, indented by
     * {@code indent} spaces.
     */
    public String toYaml(int indent) {
        String p = " ".repeat(indent);
        double[] h = homography.toArray();
        StringBuilder sb = new StringBuilder();
        sb.append(p).append("calibration:\n");
        sb.append(p).append("  homography: [");
        for (int i = 0; i < 9; i++) {
            sb.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.10g", h[i]));
        }
        sb.append("]\n");
        sb.append(p).append(String.format(Locale.ROOT, "  referenceHeightMetres: %.3f%n", referenceHeightMetres));
        sb.append(p).append(String.format(Locale.ROOT, "  reprojectionErrorMetres: %.4f%n", reprojectionErrorMetres));
        sb.append(p).append("  imageWidth: ").append(imageWidth).append('\n');
        sb.append(p).append("  imageHeight: ").append(imageHeight).append('\n');
        return sb.toString();
    }
}
