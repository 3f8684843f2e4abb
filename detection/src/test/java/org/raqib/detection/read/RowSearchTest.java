package org.raqib.detection.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.opencv.core.Rect;

/** The segmentation search on a drawn row, with a scorer that knows where the characters are. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RowSearchTest {

    private static final int W = 220;
    private static final int H = 96;

    /** Four digits (30 rows tall) and three letters (22 rows, on the same baseline), 12 wide, 8 apart. */
    private static List<Rect> glyphs() {
        List<Rect> out = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            int tall = i < 4 ? 30 : 22;
            out.add(new Rect(20 + i * 24 + (i >= 4 ? 10 : 0), 80 - tall, 12, tall));
        }
        return out;
    }

    /** The row's ink: every glyph filled, and a bridge {@code bridge} rows tall from glyph 1 to glyph 2. */
    private static byte[] ink(List<Rect> glyphs, int bridge) {
        byte[] px = new byte[W * H];
        for (Rect r : glyphs) {
            fill(px, r);
        }
        Rect a = glyphs.get(1);
        Rect b = glyphs.get(2);
        fill(px, new Rect(a.x + a.width, 66, b.x - a.x - a.width, bridge));
        return px;
    }

    private static void fill(byte[] px, Rect r) {
        for (int y = r.y; y < r.y + r.height; y++) {
            for (int x = r.x; x < r.x + r.width; x++) {
                px[y * W + x] = (byte) 255;
            }
        }
    }

    /** Scores a box high only where it is one of {@code truth} (give or take a pixel), else as junk. */
    private static RowSearch.BoxScore knowing(List<Rect> truth) {
        return (box, digit) -> {
            for (Rect t : truth) {
                if (Math.abs(box.x - t.x) <= 1 && Math.abs(box.width - t.width) <= 2 && Math.abs(box.height - t.height) <= 2) {
                    return 4;
                }
            }
            return -4;
        };
    }

    private static GlyphSegmenter.Cut cut(byte[] px, List<Rect> blobs) {
        return new GlyphSegmenter.Cut(blobs, List.of(), true, px, 40, 90, Double.NaN, Double.NaN);
    }

    @Test
    void twoTouchingCharactersAreCutApart() {
        // given a row whose second and third digits touch (a bridge 2 rows tall): the blob finder sees six
        // blobs, one of them two characters wide
        List<Rect> truth = glyphs();
        List<Rect> blobs = new ArrayList<>(truth);
        Rect merged = new Rect(truth.get(1).x, truth.get(1).y, truth.get(2).x + truth.get(2).width - truth.get(1).x, 30);
        blobs.remove(2);
        blobs.set(1, merged);
        // when
        List<List<Rect>> found = RowSearch.search(cut(ink(truth, 2), blobs), W, H, blobs, knowing(truth));
        // then the best seven-character cut is the seven characters
        List<Rect> seven = found.stream().filter(c -> c.size() == 7).findFirst().orElse(null);
        assertNotNull(seven, "no seven-character cut in " + found);
        for (int i = 0; i < 7; i++) {
            Rect t = truth.get(i);
            Rect b = seven.get(i);
            assertTrue(Math.abs(b.x - t.x) <= 1 && Math.abs(b.width - t.width) <= 2, "box " + i + ": " + b + " for " + t);
        }
    }

    @Test
    void aCharacterIsNeverSkippedBetweenTwoBoxes() {
        // given a clean row whose fourth digit the classifier does not like at all
        List<Rect> truth = glyphs();
        List<Rect> liked = new ArrayList<>(truth);
        Rect disliked = liked.remove(3);
        // when
        List<List<Rect>> found = RowSearch.search(cut(ink(truth, 0), truth), W, H, truth, knowing(liked));
        // then no cut jumps over its ink: either a box covers it or the cut ends before it or starts after it
        assertFalse(found.isEmpty());
        for (List<Rect> c : found) {
            for (int i = 0; i + 1 < c.size(); i++) {
                Rect a = c.get(i);
                Rect b = c.get(i + 1);
                boolean jumps = a.x + a.width <= disliked.x && b.x >= disliked.x + disliked.width;
                assertFalse(jumps, "cut " + c + " skips " + disliked);
            }
        }
    }

    @Test
    void lettersAreMeasuredAgainstTheirOwnHeight() {
        // given a clean row: the letters are about two thirds of the digits' height
        List<Rect> truth = glyphs();
        // when
        List<List<Rect>> found = RowSearch.search(cut(ink(truth, 0), truth), W, H, truth, knowing(truth));
        // then the seven-character cut keeps the short letters
        List<Rect> seven = found.stream().filter(c -> c.size() == 7).findFirst().orElse(null);
        assertNotNull(seven);
        assertEquals(22, seven.get(6).height, 1);
    }

    @Test
    void aWidePlatesSquatLettersAreFoundLeftOfTheStripsPrint() {
        // given a wide row (480 x 96) from a photo stretched sideways: four digits and three letters, all 24
        // rows tall and 28 wide, the emblem gap between them, and the KSA strip's print at the right end
        // (three short pieces on the same baseline) among the boxes already found
        int w = 480;
        List<Rect> truth = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            truth.add(new Rect(20 + i * 36 + (i >= 4 ? 80 : 0), 56, 28, 24));
        }
        List<Rect> reference = new ArrayList<>(truth);
        for (int i = 0; i < 3; i++) {
            reference.add(new Rect(420 + i * 16, 68, 10, 12));
        }
        byte[] px = new byte[w * H];
        for (Rect r : reference) {
            for (int y = r.y; y < r.y + r.height; y++) {
                for (int x = r.x; x < r.x + r.width; x++) {
                    px[y * w + x] = (byte) 255;
                }
            }
        }
        GlyphSegmenter.Cut c = new GlyphSegmenter.Cut(reference, List.of(), true, px, 40, 90, Double.NaN, Double.NaN);
        // when
        List<List<Rect>> found = RowSearch.search(c, w, H, reference, knowing(truth));
        // then the best seven-character cut is the seven characters
        List<Rect> seven = found.stream().filter(x -> x.size() == 7).findFirst().orElse(null);
        assertNotNull(seven, "no seven-character cut in " + found);
        assertEquals(truth, seven);
    }

    @Test
    void aStandardRowsDigitsAreBoxedWhenTheReferenceDigitsAreMeasuredTallerByAThird() {
        // given a clean standard row whose digits (30 rows of ink) the boxes already found give 42 rows tall
        // (on a hard crop the reference digits are often merged with print above them): the digits' height
        // then comes out 42 and a whole digit is under three quarters of it
        List<Rect> truth = glyphs();
        List<Rect> reference = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            Rect t = truth.get(i);
            reference.add(i < 4 ? new Rect(t.x, 80 - 42, t.width, 42) : t);
        }
        // when
        List<List<Rect>> found = RowSearch.search(cut(ink(truth, 0), reference), W, H, reference, knowing(truth));
        // then the best seven-character cut is still the seven characters
        List<Rect> seven = found.stream().filter(c -> c.size() == 7).findFirst().orElse(null);
        assertNotNull(seven, "no seven-character cut in " + found);
        assertEquals(truth, seven);
    }

    @Test
    void aStandardRowsShortLettersAreFoundWhenTheBoxesAlreadyFoundAreAllDigits() {
        // given a clean standard row whose letters (22 rows, under three quarters of the digits' 30) the blob and
        // run filters dropped: the boxes already found are the four digits alone, so the last three of them give
        // the letters' height as a digit's
        List<Rect> truth = glyphs();
        List<Rect> digits = truth.subList(0, 4);
        // when
        List<List<Rect>> found = RowSearch.search(cut(ink(truth, 0), digits), W, H, digits, knowing(truth));
        // then the row is searched for letters of the printed height too, and its seven-character cut is the seven
        List<Rect> seven = found.stream().filter(c -> c.size() == 7 && c.equals(truth)).findFirst().orElse(null);
        assertNotNull(seven, "no seven-character cut of the truth in " + found);
    }

    @Test
    void aStandardRowsDividerLineBetweenDigitsAndLettersIsSkipped() {
        // given a clean standard row with the plate's divider line (3 columns, as tall as the digits) left in the
        // ink between the last digit and the first letter, and boxed among the boxes already found
        List<Rect> truth = glyphs();
        Rect divider = new Rect(114, 50, 3, 30);
        byte[] px = ink(truth, 0);
        fill(px, divider);
        List<Rect> reference = new ArrayList<>(truth);
        reference.add(4, divider);
        // when
        List<List<Rect>> found = RowSearch.search(cut(px, reference), W, H, reference, knowing(truth));
        // then the best seven-character cut steps over the line from the last digit to the first letter
        List<Rect> seven = found.stream().filter(c -> c.size() == 7).findFirst().orElse(null);
        assertNotNull(seven, "no seven-character cut in " + found);
        assertEquals(truth, seven);
    }

    @Test
    void onlyThinRunsTooTallToSkipAreDroppedFromTheDividersSkippableInk() {
        // given a column profile (character height 30): a thin tall run (a line), a wide tall run (a character),
        // and a thin run short enough to skip anyway
        int[] ink = new int[40];
        for (int x = 2; x < 5; x++) {
            ink[x] = 28;
        }
        for (int x = 10; x < 22; x++) {
            ink[x] = 25;
        }
        for (int x = 30; x < 33; x++) {
            ink[x] = 5;
        }
        // when
        int[] skip = RowSearch.dividerSkipInk(ink, 30);
        // then only the line's columns are cleared
        for (int x = 0; x < ink.length; x++) {
            assertEquals(x >= 2 && x < 5 ? 0 : ink[x], skip[x], "column " + x);
        }
    }

    @Test
    void aTiltedRowIsSearchedLevelled() {
        // given a standard row seen tilted: its baseline drops 0.15 rows per column, so that the end characters' feet
        // lie 13 rows (over 0.4 of a digit's height) from the middle one's
        List<Rect> truth = new ArrayList<>();
        for (Rect r : glyphs()) {
            int drop = (int) Math.round(0.15 * (r.x + r.width / 2.0 - 110));
            truth.add(new Rect(r.x, r.y - 10 + drop, r.width, r.height));
        }
        byte[] px = new byte[W * H];
        for (Rect r : truth) {
            fill(px, r);
        }
        RowSearch.BoxScore scorer = (box, digit) -> {
            for (Rect t : truth) {
                if (Math.abs(box.x - t.x) <= 1 && Math.abs(box.width - t.width) <= 2 && box.y <= t.y + 1
                        && box.y + box.height >= t.y + t.height - 1 && box.height <= t.height + 4) {
                    return 4;
                }
            }
            return -4;
        };
        // when
        List<List<Rect>> level = RowSearch.searchLevelled(cut(px, truth), W, H, truth, scorer);
        List<List<Rect>> plain = RowSearch.search(cut(px, truth), W, H, truth, scorer);
        // then the plain search cannot box the end characters, the levelled one boxes all seven, each around its ink
        assertFalse(plain.stream().anyMatch(c -> c.size() == 7 && matches(c, truth)), "plain search: " + plain);
        List<Rect> seven = level.stream().filter(c -> c.size() == 7).findFirst().orElse(null);
        assertNotNull(seven, "no seven-character cut in " + level);
        assertTrue(matches(seven, truth), seven + " for " + truth);
    }

    @Test
    void aLevelRowIsNotSearchedAgain() {
        List<Rect> truth = glyphs();
        assertTrue(RowSearch.searchLevelled(cut(ink(truth, 0), truth), W, H, truth, knowing(truth)).isEmpty());
    }

    /** Whether each box of {@code cut} covers its character of {@code truth}, at most 4 rows taller. */
    private static boolean matches(List<Rect> cut, List<Rect> truth) {
        for (int i = 0; i < truth.size(); i++) {
            Rect b = cut.get(i);
            Rect t = truth.get(i);
            if (b.x != t.x || b.width != t.width || b.y > t.y || b.y + b.height < t.y + t.height || b.height > t.height + 4) {
                return false;
            }
        }
        return true;
    }

    /** A wide row, 480 x 96: its boxes filled in a binary image. */
    private static byte[] wideInk(List<Rect> boxes) {
        int w = 480;
        byte[] px = new byte[w * H];
        for (Rect r : boxes) {
            for (int y = r.y; y < r.y + r.height; y++) {
                for (int x = r.x; x < r.x + r.width; x++) {
                    px[y * w + x] = (byte) 255;
                }
            }
        }
        return px;
    }

    /** Three letters right of a wide row's middle, 24 rows tall on the baseline y = 80. */
    private static List<Rect> wideLetters() {
        return List.of(new Rect(300, 56, 20, 24), new Rect(336, 56, 20, 24), new Rect(372, 56, 20, 24));
    }

    @Test
    void aWideRowsLoneDigitIsBoxedBelowTheLettersBaseline() {
        // given a wide row seen at a slant: one digit far left, its foot 8 rows (a third of a height) below the
        // three letters' baseline, which alone give the row's baseline
        Rect digit = new Rect(140, 64, 20, 24);
        List<Rect> truth = new ArrayList<>(List.of(digit));
        truth.addAll(wideLetters());
        GlyphSegmenter.Cut c = new GlyphSegmenter.Cut(wideLetters(), List.of(), true, wideInk(truth), 40, 95, Double.NaN, Double.NaN);
        // when
        List<List<Rect>> found = RowSearch.search(c, 480, H, wideLetters(), knowing(truth));
        // then the four-character cut is the digit, whole, and the letters
        List<Rect> four = found.stream().filter(x -> x.size() == 4).findFirst().orElse(null);
        assertEquals(truth, four, "cuts " + found);
    }

    @Test
    void aWideRowsDigitIsReachedAcrossTheEmblemsPrintWhenThePanelWasNotFound() {
        // given a wide row whose emblem panel's borders were not found: the emblem's print (two pieces as tall as
        // a character) lies in the middle among the boxes found, between one digit and the three letters
        Rect digit = new Rect(140, 56, 20, 24);
        List<Rect> emblem = List.of(new Rect(225, 56, 20, 24), new Rect(250, 56, 12, 24));
        List<Rect> truth = new ArrayList<>(List.of(digit));
        truth.addAll(wideLetters());
        List<Rect> reference = new ArrayList<>(truth);
        reference.addAll(emblem);
        List<Rect> inked = new ArrayList<>(reference);
        GlyphSegmenter.Cut c = new GlyphSegmenter.Cut(reference, List.of(), true, wideInk(inked), 40, 95, Double.NaN, Double.NaN);
        // when
        List<List<Rect>> found = RowSearch.search(c, 480, H, reference, knowing(truth));
        // then the four-character cut skips the emblem's print instead of boxing it as the digit
        List<Rect> four = found.stream().filter(x -> x.size() == 4).findFirst().orElse(null);
        assertEquals(truth, four, "cuts " + found);
    }

    @Test
    void aFoundPanelsBorderLeftBesideItIsSkipped() {
        // given a wide row whose panel was found (its border lines centred at 230 and 290) but whose left border
        // left two columns of ink, a character's height, just outside that centre line
        List<Rect> truth = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            truth.add(new Rect(60 + i * 36, 56, 20, 24));
        }
        truth.addAll(wideLetters());
        List<Rect> inked = new ArrayList<>(truth);
        inked.add(new Rect(226, 56, 2, 24));
        GlyphSegmenter.Cut c = new GlyphSegmenter.Cut(truth, List.of(), true, wideInk(inked), 40, 95, 230, 290);
        // when
        List<List<Rect>> found = RowSearch.search(c, 480, H, truth, knowing(truth));
        // then the seven-character cut is the seven characters
        List<Rect> seven = found.stream().filter(x -> x.size() == 7).findFirst().orElse(null);
        assertEquals(truth, seven, "cuts " + found);
    }

    @Test
    void theSkippableInkOfAWideRowLacksOnlyThePanelsBand() {
        // given ink in every column of a 100-column row
        int[] ink = new int[100];
        java.util.Arrays.fill(ink, 5);
        // when
        int[] skip = RowSearch.panelSkipInk(ink, 100);
        // then the columns of the panel's band (0.44-0.66 of the width) are empty, the others and the input kept
        for (int x = 0; x < 100; x++) {
            assertEquals(x >= 44 && x <= 66 ? 0 : 5, skip[x], "column " + x);
            assertEquals(5, ink[x]);
        }
    }

    @Test
    void theCountedRowsStackAsTheScannedOnes() {
        // given sparse random ink, where stacks break at gaps of every size
        java.util.Random rnd = new java.util.Random(5);
        for (int t = 0; t < 300; t++) {
            int w = 5 + rnd.nextInt(60);
            int h = 5 + rnd.nextInt(40);
            byte[] px = new byte[w * h];
            double p = 0.02 + 0.3 * rnd.nextDouble();
            for (int k = 0; k < px.length; k++) {
                px[k] = rnd.nextDouble() < p ? (byte) -1 : 0;
            }
            int y0 = rnd.nextInt(h);
            int y1 = y0 + rnd.nextInt(h - y0 + 1);
            int x0 = rnd.nextInt(w);
            int x1 = x0 + rnd.nextInt(w - x0 + 1);
            int gap = 1 + rnd.nextInt(4);
            // when the row search finds a stack from its counts, then it is the segmenter's, found by scanning
            int[] counted = RowSearch.inkedStack(RowSearch.inkBefore(px, w, y0, y1), w, x0, x1, y0, y1, gap);
            int[] scanned = GlyphSegmenter.inkedStack(px, w, x0, x1, y0, y1, gap);
            assertEquals(List.of(scanned[0], scanned[1]), List.of(counted[0], counted[1]),
                    "w " + w + " rows " + y0 + "-" + y1 + " columns " + x0 + "-" + x1);
        }
    }
}
