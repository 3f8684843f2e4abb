package org.raqib.cli.demo;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.raqib.ingest.simulator.GroundTruth;
import org.raqib.ingest.simulator.SectionTruth;
import org.raqib.models.PatrolAlert;
import org.raqib.models.Violation;
import org.raqib.models.ViolationStatus;
import org.raqib.models.ViolationType;

/**
 * How the section cases and patrol alerts that came out compare with what the simulator drew (the spot
 * cases are {@link DemoScore}'s). Matching is by frame id; the plate is only compared, never printed.
 *
 * @param trips section trips completed (both frames published)
 * @param tripsOverLimit of those, trips whose average was above the section's limit plus tolerance
 * @param sectionCasesRightPlate over-limit trips with a section case (issued or review) naming the drawn plate
 * @param sectionCasesOtherPlate over-limit trips whose section cases all name another plate
 * @param sectionIssuedRightPlate over-limit trips with an automatically issued section case naming the drawn plate
 * @param sectionIssuedOtherPlate over-limit trips whose issued section cases all name another plate (should be 0: a
 *        wrong automatic ticket; a review case with another plate is caught by the reviewer)
 * @param sectionCasesLegal section cases whose trip was within the limit (should be 0)
 * @param wantedFrames frames showing a wanted (hot-listed) vehicle
 * @param alertsRightPlate alerts on a frame of a wanted vehicle, naming its hot-list plate
 * @param alertsOther alerts on any other frame (a misread that looks like a wanted plate)
 */
public record EnforcementScore(int trips, int tripsOverLimit, int sectionCasesRightPlate, int sectionCasesOtherPlate,
        int sectionIssuedRightPlate, int sectionIssuedOtherPlate, int sectionCasesLegal, int wantedFrames,
        int alertsRightPlate, int alertsOther) {

    /** Scores section cases ({@code cases}: issued and review together) and alerts against the truth. */
    public static EnforcementScore of(Collection<SectionTruth> trips, Collection<GroundTruth> frames,
            List<String> wanted, List<Violation> cases, List<PatrolAlert> alerts) {
        Map<String, SectionTruth> byExit = new HashMap<>();
        trips.forEach(t -> byExit.put(t.exitFrameId(), t));
        Map<String, Set<String>> platesByTrip = new HashMap<>();
        Map<String, Set<String>> issuedPlatesByTrip = new HashMap<>();
        int legal = 0;
        for (Violation v : cases) {
            if (v.getType() != ViolationType.SECTION_SPEEDING || v.getFrameIds().size() < 2) {
                continue;
            }
            SectionTruth t = byExit.get(v.getFrameIds().get(v.getFrameIds().size() - 1));
            if (t == null) {
                continue; // not a trip of this run (or its entry frame was another vehicle's)
            }
            if (!t.overLimit()) {
                legal++;
            }
            platesByTrip.computeIfAbsent(t.exitFrameId(), k -> new HashSet<>()).add(v.getPlateText());
            if (v.getStatus() == ViolationStatus.ISSUED) {
                issuedPlatesByTrip.computeIfAbsent(t.exitFrameId(), k -> new HashSet<>()).add(v.getPlateText());
            }
        }
        PlateTally tally = PlateTally.of(byExit.values(), SectionTruth::overLimit, SectionTruth::exitFrameId,
                SectionTruth::plateText, platesByTrip);
        PlateTally issued = PlateTally.of(byExit.values(), SectionTruth::overLimit, SectionTruth::exitFrameId,
                SectionTruth::plateText, issuedPlatesByTrip);
        Map<String, GroundTruth> byFrame = new HashMap<>();
        frames.forEach(f -> byFrame.put(f.frameId(), f));
        int wantedFrames = (int) byFrame.values().stream().filter(f -> wanted.contains(f.plateText())).count();
        int alertsRight = 0;
        int alertsOther = 0;
        for (PatrolAlert a : alerts) {
            GroundTruth f = byFrame.get(a.getFrameId());
            if (f != null && f.plateText().equals(a.getHotlistPlate())) {
                alertsRight++;
            } else {
                alertsOther++;
            }
        }
        return new EnforcementScore(byExit.size(), tally.overLimit(), tally.rightPlate(), tally.otherPlate(),
                issued.rightPlate(), issued.otherPlate(), legal, wantedFrames, alertsRight, alertsOther);
    }

    /** Lines for the final summary (no plate numbers). */
    public List<String> describe() {
        return List.of(
                String.format("ground truth, sections: %d trips, %d over the section limit (legal at both cameras or"
                        + " not); %d of those a section case with the right plate, %d with another plate (issued"
                        + " automatically: %d with the right plate, %d with another); %d section cases for legal trips",
                        trips, tripsOverLimit, sectionCasesRightPlate, sectionCasesOtherPlate, sectionIssuedRightPlate,
                        sectionIssuedOtherPlate, sectionCasesLegal),
                String.format("ground truth, hot-list: %d frames of wanted vehicles; %d patrol alerts on them, %d on"
                        + " other vehicles (misreads one OCR edit from a wanted plate)", wantedFrames, alertsRightPlate,
                        alertsOther));
    }
}
