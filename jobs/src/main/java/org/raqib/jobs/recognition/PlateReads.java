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
     * One read per plate found, in the recogniser's order; the frame's camera, capture time and lane
     * are carried over to every read. The radar speed goes to one read only: a radar unit measures
     * the vehicle that triggered the snapshot, and that vehicle's plate is the largest in the frame
     * (the nearest to the camera). Other plates in the frame (parked cars, the next lane, false
     * candidates) get no speed, so they can never be ticketed with somebody else's speed.
     *
     * @param evidenceSha256 hex SHA-256 of the frame's JPEG bytes
     */
    public static List<PlateRead> of(CameraFrame frame, Recognition recognition, String evidenceSha256) {
        List<PlateRead> reads = new ArrayList<>(recognition.plates().size());
        int measured = measuredPlateIndex(recognition.plates());
        int index = 0;
        for (PlateResult plate : recognition.plates()) {
            boolean isMeasured = index == measured;
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
                    .setRadarSpeedKmh(isMeasured ? frame.getRadarSpeedKmh() : null)
                    .setLane(frame.getLane())
                    .build());
        }
        return reads;
    }

    /** Index of the plate the radar measured: the largest box; the more confident one on a tie. */
    static int measuredPlateIndex(List<PlateResult> plates) {
        int best = -1;
        long bestArea = -1;
        double bestConfidence = -1;
        for (int i = 0; i < plates.size(); i++) {
            PlateResult p = plates.get(i);
            long area = (long) p.box().width() * p.box().height();
            if (area > bestArea || (area == bestArea && p.confidence() > bestConfidence)) {
                best = i;
                bestArea = area;
                bestConfidence = p.confidence();
            }
        }
        return best;
    }
}
