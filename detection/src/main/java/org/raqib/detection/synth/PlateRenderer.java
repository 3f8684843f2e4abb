package org.raqib.detection.synth;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.FontRenderContext;
import java.awt.font.GlyphVector;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.raqib.detection.PlateMeasure;
import org.raqib.models.PlateLayout;
import org.raqib.models.plate.SaudiPlate;

/**
 * Draws a clean, front-facing Saudi plate with Java2D. Geometry follows real plates: digits in the left
 * part, letters in the right part, the Arabic row on top. Each Arabic-Indic digit and each Arabic letter
 * stands directly above its Latin twin, as on real plates (the letters are not laid out in Arabic
 * reading order: the left-most Arabic letter is the twin of the left-most Latin one). Standard plates
 * carry a vertical KSA strip at the right end; wide plates carry the emblem panel in the middle (or, less
 * often, a KSA strip at the right end instead) and centre their digit and letter groups at one pitch.
 */
public final class PlateRenderer {

    /** Height in pixels of rendered plates; the width follows from the layout's aspect ratio. */
    public static final int HEIGHT = 120;

    private static final Color INK = new Color(20, 20, 22);
    private static final Color BLUE = new Color(30, 80, 170);
    private static final Set<String> CHECKED = ConcurrentHashMap.newKeySet();

    private PlateRenderer() {
    }

    /** Renders {@code spec} as an opaque RGB image of height {@link #HEIGHT}. */
    public static BufferedImage render(PlateSpec spec) {
        boolean wide = spec.layout() == PlateLayout.WIDE;
        int h = HEIGHT;
        int w = (int) Math.round(h * (wide ? PlateMeasure.WIDE_ASPECT : PlateMeasure.STANDARD_ASPECT));
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            // Dark frame around the white body, as the plate holder / embossed rim looks in photos.
            g.setColor(new Color(40, 40, 40));
            g.fillRect(0, 0, w, h);
            double rim = h * PlateMeasure.RIM;
            g.setColor(new Color(247, 247, 245));
            g.fill(new RoundRectangle2D.Double(rim, rim, w - 2 * rim, h - 2 * rim, h * 0.12, h * 0.12));
            g.setColor(INK);
            g.setStroke(new BasicStroke((float) (h * 0.022)));
            if (wide) {
                drawWide(g, spec, w, h, rim);
            } else {
                drawStandard(g, spec, w, h, rim);
            }
        } finally {
            g.dispose();
        }
        return img;
    }

    private static void drawStandard(Graphics2D g, PlateSpec spec, int w, int h, double rim) {
        double stripX = w * PlateMeasure.STANDARD_STRIP_FROM;
        double midY = h * 0.5;
        double splitX = w * PlateMeasure.STANDARD_SPLIT;
        drawStrip(g, spec.blueStrip(), stripX, rim, w - rim - stripX, h - 2 * rim, false);
        g.setColor(INK);
        g.draw(new java.awt.geom.Line2D.Double(stripX, rim, stripX, h - rim));
        g.draw(new java.awt.geom.Line2D.Double(rim, midY, stripX, midY));
        g.draw(new java.awt.geom.Line2D.Double(splitX, rim, splitX, h - rim));

        String digits = SaudiPlate.digits(spec.text());
        String topDigits = SaudiPlate.digits(spec.topText());
        double pad = h * PlateMeasure.STANDARD_PAD;
        Rectangle2D topLeft = new Rectangle2D.Double(rim + pad, rim + pad * 0.6, splitX - rim - 2 * pad, midY - rim - pad * 1.2);
        Rectangle2D bottomLeft = new Rectangle2D.Double(rim + pad, midY + pad * 0.6, splitX - rim - 2 * pad, h - rim - midY - pad * 1.2);
        Rectangle2D topRight = new Rectangle2D.Double(splitX + pad, rim + pad * 0.6, stripX - splitX - 2 * pad, midY - rim - pad * 1.2);
        Rectangle2D bottomRight = new Rectangle2D.Double(splitX + pad, midY + pad * 0.6, stripX - splitX - 2 * pad, h - rim - midY - pad * 1.2);

        drawRow(g, arabicDigits(topDigits), spec.arabicFont(), spec.bold(), topLeft, 4, !spec.centeredDigits(), 0.78);
        drawRow(g, List.of(digits.split("")), spec.latinFont(), spec.bold(), bottomLeft, 4, !spec.centeredDigits(), 0.95);
        drawRow(g, arabicLetters(spec.topText()), spec.arabicFont(), spec.bold(), topRight, 3, false, 0.66);
        drawRow(g, List.of(SaudiPlate.letters(spec.text()).split("")), spec.latinFont(), spec.bold(), bottomRight, 3, false, 0.72);
    }

    /**
     * Wide plates come in two layouts (the training photos' 51 wide plates: 43 and 8). Most carry the emblem
     * panel in the middle, digits left of it and letters right of it; the rest carry no middle panel but a KSA
     * strip at the right end, with digits and letters side by side on one white field. Both space digits and
     * letters at one pitch, about 0.09 of the plate's width, and centre each group in its part: measured on
     * the training photos' wide plates (digit and letter centres at 0.10-0.36 and 0.71-0.89 of the width with
     * the middle panel, 0.12-0.39 and 0.60-0.78 with the right strip). Latin digits and letters stand equally tall,
     * about 0.31 of the plate's height (median of those photos' plate boxes).
     */
    private static void drawWide(Graphics2D g, PlateSpec spec, int w, int h, double rim) {
        boolean rightStrip = spec.wideRightStrip();
        double midY = h * 0.5;
        double digitsTo;
        double lettersFrom;
        double lettersTo;
        g.setColor(INK);
        if (rightStrip) {
            double strip = w * WIDE_STRIP_FROM;
            drawStrip(g, spec.blueStrip(), strip, rim, w - rim - strip, h - 2 * rim, false);
            g.setColor(INK);
            g.draw(new java.awt.geom.Line2D.Double(strip, rim, strip, h - rim));
            g.draw(new java.awt.geom.Line2D.Double(rim, midY, strip, midY));
            digitsTo = w * WIDE_SPLIT;
            lettersFrom = digitsTo;
            lettersTo = strip;
        } else {
            double panelL = w * PlateMeasure.WIDE_PANEL_FROM;
            double panelR = w * PlateMeasure.WIDE_PANEL_TO;
            drawStrip(g, spec.blueStrip(), panelL, rim, panelR - panelL, h - 2 * rim, true);
            g.setColor(INK);
            g.draw(new java.awt.geom.Line2D.Double(panelL, rim, panelL, h - rim));
            g.draw(new java.awt.geom.Line2D.Double(panelR, rim, panelR, h - rim));
            g.draw(new java.awt.geom.Line2D.Double(rim, midY, panelL, midY));
            g.draw(new java.awt.geom.Line2D.Double(panelR, midY, w - rim, midY));
            digitsTo = panelL;
            lettersFrom = panelR;
            lettersTo = w - rim;
        }
        double pad = h * 0.06;
        double pitch = w * PlateMeasure.WIDE_PITCH;
        Rectangle2D topLeft = new Rectangle2D.Double(rim, rim + pad * 0.5, digitsTo - rim, midY - rim - pad);
        Rectangle2D bottomLeft = new Rectangle2D.Double(rim, midY + pad * 0.5, digitsTo - rim, h - rim - midY - pad);
        Rectangle2D topRight = new Rectangle2D.Double(lettersFrom, rim + pad * 0.5, lettersTo - lettersFrom, midY - rim - pad);
        Rectangle2D bottomRight = new Rectangle2D.Double(lettersFrom, midY + pad * 0.5, lettersTo - lettersFrom,
                h - rim - midY - pad);
        // Short (1-3 digit) groups are centred too: every one of the training photos' 21 wide plates with 1-3
        // digits does it, and the reader's lost-digit guards rely on that.
        drawGroup(g, arabicDigits(SaudiPlate.digits(spec.topText())), spec.arabicFont(), spec.bold(), topLeft, pitch, 0.66);
        drawGroup(g, List.of(SaudiPlate.digits(spec.text()).split("")), spec.latinFont(), spec.bold(), bottomLeft, pitch,
                0.77);
        drawGroup(g, arabicLetters(spec.topText()), spec.arabicFont(), spec.bold(), topRight, pitch, 0.54);
        drawGroup(g, List.of(SaudiPlate.letters(spec.text()).split("")), spec.latinFont(), spec.bold(), bottomRight, pitch,
                0.77);
    }

    /** A wide plate without the middle panel: where its digits' part ends and its right KSA strip starts. */
    static final double WIDE_SPLIT = 0.50;
    static final double WIDE_STRIP_FROM = 0.90;

    /** Draws glyphs {@code pitch} apart, the group centred in {@code box}. */
    private static void drawGroup(Graphics2D g, List<String> glyphs, String family, boolean bold, Rectangle2D box,
            double pitch, double heightFraction) {
        Font font = checkedFont(family, bold, String.join("", glyphs));
        g.setColor(INK);
        double start = box.getCenterX() - glyphs.size() * pitch / 2;
        double gh = box.getHeight() * heightFraction;
        for (int i = 0; i < glyphs.size(); i++) {
            double cx = start + (i + 0.5) * pitch;
            drawFitted(g, glyphs.get(i), font, new Rectangle2D.Double(cx - pitch * 0.47, box.getCenterY() - gh / 2,
                    pitch * 0.94, gh));
        }
    }

    /** The KSA strip (standard) or the emblem panel (wide): emblem, "KSA", a dot. */
    private static void drawStrip(Graphics2D g, boolean blue, double x, double y, double w, double h, boolean panel) {
        Color fg = blue ? Color.WHITE : INK;
        if (blue) {
            g.setColor(BLUE);
            g.fill(new Rectangle2D.Double(x, y, w, h));
        }
        g.setColor(fg);
        double cx = x + w / 2;
        // A stylised palm-and-swords emblem: enough to give the network the same clutter as real plates.
        double s = Math.min(w, h) * (panel ? 0.35 : 0.55);
        double ey = y + h * (panel ? 0.22 : 0.13);
        g.setStroke(new BasicStroke((float) Math.max(1, s * 0.1)));
        g.draw(new java.awt.geom.Line2D.Double(cx, ey - s * 0.45, cx, ey + s * 0.35));
        g.draw(new java.awt.geom.QuadCurve2D.Double(cx - s * 0.4, ey - s * 0.2, cx, ey - s * 0.6, cx + s * 0.4, ey - s * 0.2));
        g.draw(new java.awt.geom.Line2D.Double(cx - s * 0.45, ey + s * 0.45, cx + s * 0.45, ey + s * 0.15));
        g.draw(new java.awt.geom.Line2D.Double(cx + s * 0.45, ey + s * 0.45, cx - s * 0.45, ey + s * 0.15));
        Font f = new Font("DejaVu Sans", Font.BOLD, 10);
        if (panel) {
            drawFitted(g, "KSA", f, new Rectangle2D.Double(x + w * 0.12, y + h * 0.5, w * 0.76, h * 0.22));
            g.fill(new Ellipse2D.Double(cx, y + h * 0.78, h * 0.14, h * 0.14));
        } else {
            double cell = h * 0.14;
            for (int i = 0; i < 3; i++) {
                drawFitted(g, "KSA".substring(i, i + 1), f,
                        new Rectangle2D.Double(x + w * 0.2, y + h * 0.34 + i * cell * 1.05, w * 0.6, cell));
            }
            double d = Math.min(w * 0.55, h * 0.13);
            g.fill(new Ellipse2D.Double(cx - d / 2, y + h * 0.84, d, d));
        }
        g.setStroke(new BasicStroke((float) (h * 0.022)));
    }

    /**
     * Draws glyphs in {@code slots} equal cells across {@code box}; with {@code leftAligned} false the
     * glyph group is centred, which is how standard plates space short digit groups and letter rows.
     */
    private static void drawRow(Graphics2D g, List<String> glyphs, String family, boolean bold, Rectangle2D box,
            int slots, boolean leftAligned, double heightFraction) {
        Font font = checkedFont(family, bold, String.join("", glyphs));
        g.setColor(INK);
        double cellW = box.getWidth() / slots;
        double start = leftAligned ? box.getX() : box.getX() + (slots - glyphs.size()) * cellW / 2;
        for (int i = 0; i < glyphs.size(); i++) {
            double cx = start + (i + 0.5) * cellW;
            double gh = box.getHeight() * heightFraction;
            Rectangle2D cell = new Rectangle2D.Double(cx - cellW * 0.47, box.getCenterY() - gh / 2, cellW * 0.94, gh);
            drawFitted(g, glyphs.get(i), font, cell);
        }
    }

    /** Scales the glyph's visual bounds to fill the cell height (capped by its width) and centres it. */
    private static void drawFitted(Graphics2D g, String s, Font font, Rectangle2D cell) {
        FontRenderContext frc = g.getFontRenderContext();
        GlyphVector gv = font.deriveFont(100f).createGlyphVector(frc, s);
        Rectangle2D vb = gv.getVisualBounds();
        if (vb.getWidth() <= 0 || vb.getHeight() <= 0) {
            return;
        }
        // Short glyphs (Arabic alef maksura, dots) keep their relative size instead of being stretched.
        double sy = cell.getHeight() / Math.max(vb.getHeight(), 70);
        double scale = Math.min(sy, cell.getWidth() / vb.getWidth());
        GlyphVector scaled = font.deriveFont((float) (100 * scale)).createGlyphVector(frc, s);
        Rectangle2D b = scaled.getVisualBounds();
        float x = (float) (cell.getCenterX() - b.getCenterX());
        float y = (float) (cell.getCenterY() - b.getCenterY());
        g.fill(scaled.getOutline(x, y));
    }

    private static Font checkedFont(String family, boolean bold, String text) {
        Font f = new Font(family, bold ? Font.BOLD : Font.PLAIN, 100);
        String key = family + bold + text;
        if (!CHECKED.contains(key)) {
            // Java draws a family that is not installed in its fallback face (family "Dialog") without a
            // word: a model trained so, or a test's plate drawn so, would silently differ from the one the
            // seed names. Fail instead, naming the packages.
            if (!isLogical(family) && Font.DIALOG.equals(f.getFamily(Locale.ROOT))) {
                throw new IllegalStateException("font family '" + family + "' is not installed (Debian: "
                        + "fonts-liberation for Liberation, fonts-urw-base35 for Nimbus, fonts-dejavu-core and "
                        + "fonts-dejavu-extra for DejaVu; fonts-kacst, fonts-kacst-one and fonts-arabeyes for train's "
                        + "--top-row-fonts varied)");
            }
            // A font without the glyph would draw empty boxes: fail instead of training on garbage.
            if (f.canDisplayUpTo(text) != -1) {
                throw new IllegalStateException("font '" + family + "' cannot display plate glyphs");
            }
            CHECKED.add(key);
        }
        return f;
    }

    private static boolean isLogical(String family) {
        return switch (family) {
            case Font.DIALOG, Font.DIALOG_INPUT, Font.SANS_SERIF, Font.SERIF, Font.MONOSPACED -> true;
            default -> false;
        };
    }

    private static List<String> arabicDigits(String digits) {
        return digits.chars().mapToObj(c -> String.valueOf(SaudiPlate.ARABIC_DIGITS.charAt(c - '0'))).toList();
    }

    /** The top row's letters from left to right: each one the twin of the Latin letter below it. */
    private static List<String> arabicLetters(String text) {
        return SaudiPlate.letters(text).chars().mapToObj(c -> isolated((char) c)).toList();
    }

    private static String isolated(char latin) {
        // Plates print heh with a tatweel; drawn alone the isolated heh is the shape that is seen.
        return SaudiPlate.arabicLetter(latin).replace("\u0640", "");
    }
}
