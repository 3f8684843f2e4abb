package org.raqib.cli.demo;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.raqib.ingest.simulator.GroundTruth;
import org.raqib.models.Violation;
import org.raqib.models.ViolationType;

/**
 * How the spot-speed violations that came out compare with what the simulator drew (other types are
 * skipped here; {@link EnforcementScore} scores section cases). Matching is by evidence frame
 * id, so it needs no plate text from the pipeline other than the one being checked.
 *
 * @param frames frames with known truth
 * @param overLimit of those, vehicles over limit plus tolerance
 * @param ticketedRightPlate over-limit vehicles with a violation that names the drawn plate
 * @param ticketedWrongPlate over-limit vehicles whose only violations name another plate
 * @param falseTickets violations whose evidence frame shows a vehicle under the threshold
 * @param duplicateIds violation ids that appear more than once
 * @param unknownFrames violations whose evidence frame the simulator did not draw in this run
 */
public record DemoScore(int frames, int overLimit, int ticketedRightPlate, int ticketedWrongPlate, int falseTickets,
        int duplicateIds, int unknownFrames) {

    /** Scores {@code violations} against the simulator's {@code truths}. */
    public static DemoScore of(Collection<GroundTruth> truths, List<Violation> violations) {
        Map<String, GroundTruth> byFrame = new HashMap<>();
        for (GroundTruth t : truths) {
            byFrame.put(t.frameId(), t);
        }
        Map<String, Set<String>> platesByFrame = new HashMap<>();
        Set<String> ids = new HashSet<>();
        int duplicates = 0;
        int falseTickets = 0;
        int unknown = 0;
        for (Violation v : violations) {
            if (v.getType() != ViolationType.SPOT_SPEEDING) {
                continue; // section cases rest on two frames legal on their own: EnforcementScore scores them
            }
            if (!ids.add(v.getViolationId())) {
                duplicates++;
            }
            boolean known = false;
            boolean justified = false;
            for (String frameId : v.getFrameIds()) {
                GroundTruth t = byFrame.get(frameId);
                if (t != null) {
                    known = true;
                    justified |= t.overLimit();
                    platesByFrame.computeIfAbsent(frameId, k -> new HashSet<>()).add(v.getPlateText());
                }
            }
            if (!known) {
                unknown++;
            } else if (!justified) {
                falseTickets++;
            }
        }
        PlateTally tally = PlateTally.of(byFrame.values(), GroundTruth::overLimit, GroundTruth::frameId,
                GroundTruth::plateText, platesByFrame);
        return new DemoScore(byFrame.size(), tally.overLimit(), tally.rightPlate(), tally.otherPlate(), falseTickets,
                duplicates, unknown);
    }

    /** Share of over-limit vehicles ticketed with the right plate (1 when there were none). */
    public double rightPlateRate() {
        return overLimit == 0 ? 1.0 : ticketedRightPlate / (double) overLimit;
    }

    /** One line for the final summary (no plate numbers). */
    public String describe() {
        return String.format("%d of %d vehicles over the limit ticketed with the right plate (%.0f%%), %d with "
                        + "another plate; %d tickets for vehicles under the limit; %d duplicate ids",
                ticketedRightPlate, overLimit, 100 * rightPlateRate(), ticketedWrongPlate, falseTickets, duplicateIds);
    }
}
