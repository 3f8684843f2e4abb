package org.raqib.jobs.recognition;

import java.util.ArrayList;
import java.util.List;

import org.raqib.detection.Alternative;
import org.raqib.detection.PlateResult;
import org.raqib.detection.Recognition;
import org.raqib.models.CameraFrame;
import org.raqib.models.PlateAlternative;
import org.raqib.models.PlateBox;
import org.raqib.models.PlateLayout;
import org.raqib.models.PlateRead;

/** Turns the recogniser's result for one frame into {@link PlateRead} records. Pure. */
public final class PlateReads {

    private PlateReads() {
    }

    /** The id of the {@code index}-th plate read in frame {@code frameId}. */
    public static String readId(String frameId, int index) {
        return frameId + "#" + index;
    }

    /**
     * One read per plate found, in the recogniser's order; the frame's camera, capture time, radar
     * speed and lane are carried over.
     *
     * @param evidenceSha256 hex SHA-256 of the frame's JPEG bytes
     */
    public static List<PlateRead> of(CameraFrame frame, Recognition recognition, String evidenceSha256) {
        List<PlateRead> reads = new ArrayList<>(recognition.plates().size());
        int index = 0;
        for (PlateResult plate : recognition.plates()) {
            List<Double> characterConfidences = new ArrayList<>();
            for (double c : plate.characterConfidences()) {
                characterConfidences.add(c);
            }
            List<PlateAlternative> alternatives = new ArrayList<>();
            for (Alternative a : plate.alternatives()) {
                alternatives.add(new PlateAlternative(a.text(), a.confidence()));
            }
            reads.add(PlateRead.newBuilder()
                    .setReadId(readId(frame.getFrameId(), index++))
                    .setFrameId(frame.getFrameId())
                    .setCameraId(frame.getCameraId())
                    .setCaptureTime(frame.getCaptureTime())
                    .setPlateText(plate.text())
                    .setPlateArabic(plate.arabic() == null ? "" : plate.arabic())
                    .setConfidence(plate.confidence())
                    .setCharacterConfidences(characterConfidences)
                    .setAlternatives(alternatives)
                    .setBox(new PlateBox(plate.box().x(), plate.box().y(), plate.box().width(), plate.box().height()))
                    .setLayout(plate.layout() == null ? PlateLayout.UNKNOWN : plate.layout())
                    .setEvidenceSha256(evidenceSha256)
                    .setRadarSpeedKmh(frame.getRadarSpeedKmh())
                    .setLane(frame.getLane())
                    .build());
        }
        return reads;
    }
}
