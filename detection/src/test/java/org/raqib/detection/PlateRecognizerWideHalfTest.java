package org.raqib.detection;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.raqib.detection.synth.PlateSpec;
import org.raqib.detection.synth.SceneGenerator;
import org.raqib.models.PlateLayout;

/**
 * A large wide plate with one digit (about 470 px wide in a 598x598 scene): its whole framing is read with a standard
 * layout and misread, its letters half (the emblem panel read as the digit) more surely, and the half's box was
 * reported, leaving out the digits' part of the plate. No ../shared needed.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PlateRecognizerWideHalfTest {

    private static PlateRecognizer recognizer;

    @BeforeAll
    static void load() {
        recognizer = PlateRecognizer.loadDefault();
    }

    @AfterAll
    static void close() {
        recognizer.close();
    }

    @Test
    void oneDigitWidePlateIsFramedWholeNotAsItsLettersHalf() {
        // An invented text (not a development photo's), drawn as the generators draw wide special plates.
        PlateSpec spec = new PlateSpec("3ENX", "3ENX", PlateLayout.WIDE, false, "DejaVu Sans Mono", "DejaVu Sans", false,
                false, false);
        SceneGenerator.Scene s = new SceneGenerator().render(spec, 43, 0.25346024977558324, 469.63662555192053);
        Box truth = new Box(s.box().x, s.box().y, s.box().width, s.box().height);
        Recognition r = recognizer.recognize(s.image());
        assertFalse(r.plates().isEmpty(), "no plate found");
        PlateResult best = r.plates().stream().max((a, b) -> Double.compare(a.box().iou(truth), b.box().iou(truth))).get();
        // The letters half alone covers about 0.6 of the plate; the whole framing about 0.87.
        assertTrue(best.box().iou(truth) >= 0.75, "box " + best.box() + " frames only part of the plate " + truth
                + " (IoU " + best.box().iou(truth) + ")");
        assertTrue(best.box().x() <= truth.x() + 0.1 * truth.width(), "the digits' part is left out: " + best.box());
        assertTrue(best.confidence() < 0.9 || best.text().equals(spec.text()), "a wrong reading is automatic");
    }
}
