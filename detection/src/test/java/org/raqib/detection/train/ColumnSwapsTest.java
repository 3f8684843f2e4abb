package org.raqib.detection.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.raqib.detection.dataset.LabelledPhotos;
import org.raqib.detection.opencv.OpenCvLoader;
import org.raqib.detection.read.GlyphReader;
import org.raqib.detection.synth.PlateSpec;
import org.raqib.detection.synth.SyntheticPlates;
import org.raqib.models.PlateLayout;

/** Plates made by swapping the strips of a real plate's characters: both rows move, the text alike. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ColumnSwapsTest {

    @BeforeAll
    static void openCv() {
        OpenCvLoader.load();
    }

    /** A photo 400 x 200 with a 200 x 100 box at (100, 50); strip i of the digits painted 10 + 10 i, of the letters 100 + 10 i. */
    private static ColumnSwaps.Columns painted(String text, int[] digitEdges, int[] letterEdges) {
        Mat img = new Mat(200, 400, CvType.CV_8UC3, new Scalar(0, 0, 0));
        int[][] edges = {digitEdges, letterEdges};
        for (int g = 0; g < 2; g++) {
            for (int i = 0; i + 1 < edges[g].length; i++) {
                int v = (g == 0 ? 10 : 100) + 10 * i;
                img.submat(new Rect(edges[g][i], 0, edges[g][i + 1] - edges[g][i], 200)).setTo(new Scalar(v, v, v));
            }
        }
        var photo = new LabelledPhotos.Photo(Path.of("painted.png"), text, 100, 50, 200, 100);
        return new ColumnSwaps.Columns(new RealCrops.Loaded(photo, img), edges, digitEdges.length - 1);
    }

    private static int at(Mat m, int x, int y) {
        return (int) m.get(y, x)[0];
    }

    @Test
    void swappingMovesEachStripWholeOverThePlatesBandAndPermutesTheTextAlike() {
        // given four digit strips of 20 px and three letter strips of 25 px
        ColumnSwaps.Columns c = painted("1234ABD", new int[] {110, 130, 150, 170, 190}, new int[] {200, 225, 250, 275});
        // when the first two digits and the outer letters change places
        RealCrops.Loaded v = ColumnSwaps.swapped(c, new int[][] {{1, 0, 2, 3}, {2, 1, 0}});
        // then the text is permuted alike and so are the strips, over the band around the box
        assertEquals("2134DBA", v.photo().plateText());
        assertEquals(List.of(20, 10, 30, 40), List.of(at(v.image(), 115, 100), at(v.image(), 135, 100),
                at(v.image(), 155, 100), at(v.image(), 175, 100)));
        assertEquals(List.of(120, 110, 100), List.of(at(v.image(), 210, 100), at(v.image(), 235, 100), at(v.image(), 260, 100)));
        int top = (int) Math.floor(50 - ColumnSwaps.BAND_MARGIN * 100);
        assertEquals(20, at(v.image(), 115, top), "the band's first row");
        assertEquals(10, at(v.image(), 115, top - 1), "above the band nothing moves");
        assertEquals(10, at(c.source().image(), 115, 100), "the source photo is left as it was");
        assertEquals(c.source().photo().x(), v.photo().x());
    }

    @Test
    void stripsOfUnlikeWidthsStayWhereTheyAre() {
        // digits 20 and 27 px wide (35% apart), letters 25 and 32 px (28% apart)
        ColumnSwaps.Columns c = painted("12ABD", new int[] {110, 130, 157}, new int[] {200, 225, 250, 282});
        assertFalse(c.swappable(0));
        assertTrue(c.swappable(1));
        for (RealCrops.Loaded v : ColumnSwaps.variants(c, 10, new Random(1))) {
            assertTrue(v.photo().plateText().startsWith("12"), "digits never swapped");
        }
        assertEquals(5, ColumnSwaps.variants(c, 10, new Random(1)).size(), "the letters' five other orders");
    }

    @Test
    void eachPlateMadeHasATextOfItsOwn() {
        ColumnSwaps.Columns all = painted("1234ABD", new int[] {110, 130, 150, 170, 190}, new int[] {200, 225, 250, 275});
        Set<String> texts = new HashSet<>();
        for (RealCrops.Loaded v : ColumnSwaps.variants(all, 200, new Random(2))) {
            assertTrue(texts.add(v.photo().plateText()));
        }
        assertEquals(24 * 6 - 1, texts.size(), "every order but the plate's own");
        assertFalse(texts.contains("1234ABD"));
        // like characters: swapping the two 1s or the two As gives no new text
        ColumnSwaps.Columns like = painted("1123AAB", new int[] {110, 130, 150, 170, 190}, new int[] {200, 225, 250, 275});
        Set<String> likeTexts = new HashSet<>();
        for (RealCrops.Loaded v : ColumnSwaps.variants(like, 200, new Random(3))) {
            assertNotEquals("1123AAB", v.photo().plateText());
            assertTrue(likeTexts.add(v.photo().plateText()));
        }
        assertEquals(12 * 3 - 1, likeTexts.size());
        assertEquals(2, ColumnSwaps.variants(like, 2, new Random(4)).size());
    }

    @Test
    void aPlatesStripsAreFoundByTheReaderAndAPlateMadeFromThemReadsAsItsNewText() {
        // given a clean standard plate in a photo, its box labelled with its text
        GlyphReader reader = GlyphReader.loadDefault();
        Mat plate = new SyntheticPlates(7L).plate(new PlateSpec("4821BKD", "4821BKD", PlateLayout.STANDARD, false,
                "Liberation Sans Narrow", "DejaVu Sans", false, true, false), 0).image();
        Mat photo = new Mat(plate.rows() * 3, plate.cols() * 2, CvType.CV_8UC3, new Scalar(90, 90, 90));
        int x = plate.cols() / 2;
        int y = plate.rows();
        plate.copyTo(photo.submat(new Rect(x, y, plate.cols(), plate.rows())));
        var l = new RealCrops.Loaded(new LabelledPhotos.Photo(Path.of("clean.png"), "4821BKD", x, y, plate.cols(),
                plate.rows()), photo);
        // when its strips are found
        ColumnSwaps.Columns c = ColumnSwaps.columns(l, reader).orElseThrow();
        // then four digit strips and three letter strips stand left to right inside the plate
        assertEquals(5, c.edges()[0].length);
        assertEquals(4, c.edges()[1].length);
        assertTrue(c.edges()[0][0] >= x && c.edges()[1][3] <= x + plate.cols(), "inside the plate");
        assertTrue(c.edges()[0][4] <= c.edges()[1][0], "digits before letters");
        // and a plate made by swapping them reads as its new text
        RealCrops.Loaded v = ColumnSwaps.swapped(c, new int[][] {{3, 1, 2, 0}, {1, 0, 2}});
        assertEquals("1824KBD", v.photo().plateText());
        Mat crop = RealCrops.evalCrop(v);
        assertEquals("1824KBD", reader.read(crop).orElseThrow().text());
        crop.release();
        plate.release();
    }

    @Test
    void noStripsForAWidePlateOrAnUnlabelledOne() {
        GlyphReader reader = GlyphReader.loadDefault();
        Mat photo = new Mat(200, 400, CvType.CV_8UC3, new Scalar(200, 200, 200));
        var wide = new RealCrops.Loaded(new LabelledPhotos.Photo(Path.of("w.png"), "4821BKD", 50, 50, 300, 60), photo);
        var unlabelled = new RealCrops.Loaded(new LabelledPhotos.Photo(Path.of("u.png"), "", 100, 50, 200, 100), photo);
        assertTrue(ColumnSwaps.columns(wide, reader).isEmpty());
        assertTrue(ColumnSwaps.columns(unlabelled, reader).isEmpty());
    }

    @Test
    void theTrainingLogNamesTheCharacterReaderTheStripsWereFoundWith() {
        // the committed model file, the two nets it names, and a digest of their bytes (a later reader gives another)
        String named = ReaderTrainer.characterReaderDigest();
        assertTrue(named.matches("\\(glyph-classifier\\.json, glyph-net\\.onnx, glyph-net-top\\.onnx: sha256 [0-9a-f]{16}\\)"),
                named);
        assertEquals(named, ReaderTrainer.characterReaderDigest());
    }
}
