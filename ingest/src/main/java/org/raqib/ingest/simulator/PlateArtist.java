package org.raqib.ingest.simulator;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.font.FontRenderContext;
import java.awt.font.GlyphVector;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import org.raqib.models.PlateLayout;
import org.raqib.models.plate.SaudiPlate;

/**
 * Draws a Saudi plate with Java2D, as vector shapes at the size it has in the frame (no up-scaled
 * bitmap), so small plates stay as sharp as the camera would make them.
 *
 * <p>The look follows photos of real plates: a white plate with a dark rim; the digits on the left,
 * the letters on the right; the bottom row in Western digits and Latin letters, the top row in
 * Arabic-Indic digits and Arabic letters. Every Arabic character stands directly above its Latin twin:
 * the digits and the letters both run left to right in the two rows (GUJ is topped by qaf, waw, hah
 * from left to right: the Arabic letters are not laid out in Arabic reading order). A
 * standard plate (about 2:1) carries a vertical strip at its right end with the emblem, "KSA" read
 * downwards and a dot; a wide plate (about 4.7:1) carries the emblem, "السعودية" and "KSA" in a panel
 * between the digits and the letters.
 */
public final class PlateArtist {

    /** Width:height of a standard plate (real ones measure about 2:1 in photos). */
    public static final double STANDARD_ASPECT = 2.0;
    /** Width:height of a wide plate (real ones measure 4.3-5.0 in photos). */
    public static final double WIDE_ASPECT = 4.7;

    private static final Color PLATE_WHITE = new Color(246, 246, 242);
    private static final Color INK = new Color(18, 18, 20);
    private static final Color STRIP_BLUE = new Color(28, 76, 168);
    private static final String SAUDI = "\u0627\u0644\u0633\u0639\u0648\u062F\u064A\u0629";

    private final PlateFonts fonts;

    /** @param fonts fonts that can draw every plate glyph ({@link PlateFonts#installed()}) */
    public PlateArtist(PlateFonts fonts) {
        this.fonts = fonts;
    }

    /**
     * Draws {@code plate} with its top-left corner at ({@code x}, {@code y}) and width {@code width}
     * (height follows from the layout) in the current user space of {@code g}.
     */
    public void draw(Graphics2D g, SimulatedPlate plate, double x, double y, double width) {
        double h = width / plate.aspect();
        AffineTransform saved = g.getTransform();
        g.translate(x, y);
        try {
            // Dark rim and white face: the rim is what a localiser first finds.
            double rim = h * 0.035;
            g.setColor(new Color(35, 35, 38));
            g.fill(new RoundRectangle2D.Double(0, 0, width, h, h * 0.14, h * 0.14));
            g.setColor(PLATE_WHITE);
            g.fill(new RoundRectangle2D.Double(rim, rim, width - 2 * rim, h - 2 * rim, h * 0.11, h * 0.11));
            if (plate.layout() == PlateLayout.WIDE) {
                drawWide(g, plate, width, h, rim);
            } else {
                drawStandard(g, plate, width, h, rim);
            }
        } finally {
            g.setTransform(saved);
        }
    }

    private void drawStandard(Graphics2D g, SimulatedPlate plate, double w, double h, double rim) {
        double stripX = w * 0.868;
        double splitX = w * 0.515;
        double midY = h * 0.5;
        drawStandardStrip(g, plate.blueStrip(), stripX, rim, w - rim - stripX, h - 2 * rim);
        g.setColor(INK);
        g.setStroke(new BasicStroke((float) Math.max(1.0, h * 0.022)));
        g.draw(new Line2D.Double(stripX, rim, stripX, h - rim));
        g.draw(new Line2D.Double(splitX, rim, splitX, h - rim));
        g.draw(new Line2D.Double(rim, midY, stripX, midY));

        double rowTop = rim + h * 0.02;
        double rowH = midY - rowTop;
        drawDigits(g, SaudiPlate.digits(plate.text()), rim + h * 0.06, splitX - h * 0.05, rowTop, midY,
                rowH * 0.60, rowH * 0.64);
        drawLetters(g, SaudiPlate.letters(plate.text()), splitX + h * 0.05, stripX - h * 0.05, rowTop, midY,
                rowH * 0.60, rowH * 0.64);
    }

    private void drawWide(Graphics2D g, SimulatedPlate plate, double w, double h, double rim) {
        double panelL = w * 0.44;
        double panelR = w * 0.565;
        double midY = h * 0.5;
        drawPanel(g, plate.blueStrip(), panelL, rim, panelR - panelL, h - 2 * rim);
        g.setColor(INK);
        g.setStroke(new BasicStroke((float) Math.max(1.0, h * 0.02)));
        g.draw(new Line2D.Double(panelL, rim, panelL, h - rim));
        g.draw(new Line2D.Double(panelR, rim, panelR, h - rim));
        g.draw(new Line2D.Double(rim, midY, panelL, midY));
        g.draw(new Line2D.Double(panelR, midY, w - rim, midY));

        double rowTop = rim + h * 0.02;
        double rowH = midY - rowTop;
        // Wide plates spread the characters over the whole field, with little air at the ends (as in photos).
        drawDigits(g, SaudiPlate.digits(plate.text()), rim + h * 0.1, panelL - h * 0.1, rowTop, midY,
                rowH * 0.60, rowH * 0.64);
        drawLetters(g, SaudiPlate.letters(plate.text()), panelR + h * 0.15, w - rim - h * 0.15, rowTop, midY,
                rowH * 0.60, rowH * 0.64);
    }

    /**
     * Digits sit in four equal slots; shorter numbers are centred, as on real plates. Each
     * Arabic-Indic digit is drawn in the slot of its Western twin.
     */
    private void drawDigits(Graphics2D g, String digits, double left, double right, double rowTop, double midY,
            double arabicH, double latinH) {
        double slot = (right - left) / 4;
        double start = left + (4 - digits.length()) * slot / 2;
        double rowH = midY - rowTop;
        for (int i = 0; i < digits.length(); i++) {
            double cx = start + (i + 0.5) * slot;
            char d = digits.charAt(i);
            drawArabic(g, String.valueOf(SaudiPlate.ARABIC_DIGITS.charAt(d - '0')), cx, rowTop + rowH / 2, arabicH,
                    slot * 0.9);
            drawLatin(g, String.valueOf(d), cx, midY + rowH / 2 + rowH * 0.02, latinH, slot * 0.9);
        }
    }

    /** Three letters in three slots, each Arabic letter in the slot of its Latin twin. */
    private void drawLetters(Graphics2D g, String letters, double left, double right, double rowTop, double midY,
            double arabicH, double latinH) {
        double slot = (right - left) / 3;
        double rowH = midY - rowTop;
        for (int i = 0; i < 3; i++) {
            double cx = left + (i + 0.5) * slot;
            char c = letters.charAt(i);
            drawArabic(g, SaudiPlate.arabicLetter(c), cx, rowTop + rowH / 2, arabicH * 0.92, slot * 0.92);
            drawLatin(g, String.valueOf(c), cx, midY + rowH / 2 + rowH * 0.02, latinH * 0.86, slot * 0.8);
        }
    }

    /** A Latin glyph whose cap height is {@code capH}, centred on ({@code cx}, {@code cy}). */
    private void drawLatin(Graphics2D g, String s, double cx, double cy, double capH, double maxW) {
        FontRenderContext frc = g.getFontRenderContext();
        Font ref = fonts.latin();
        double refCap = ref.createGlyphVector(frc, "H").getVisualBounds().getHeight();
        Font font = ref.deriveFont((float) (ref.getSize2D() * capH / refCap));
        GlyphVector gv = font.createGlyphVector(frc, s);
        Rectangle2D b = gv.getVisualBounds();
        // Centre horizontally on the glyph's ink, vertically on the cap box, so all glyphs share a baseline.
        Shape outline = gv.getOutline((float) (-b.getCenterX()), (float) (capH / 2));
        fill(g, outline, cx, cy, b.getWidth() > maxW ? maxW / b.getWidth() : 1.0);
    }

    /** An Arabic glyph scaled so that a tall reference glyph is {@code height} high, its ink centred. */
    private void drawArabic(Graphics2D g, String s, double cx, double cy, double height, double maxW) {
        FontRenderContext frc = g.getFontRenderContext();
        Font ref = fonts.arabic();
        double refH = ref.createGlyphVector(frc, "\u0662").getVisualBounds().getHeight();
        Font font = ref.deriveFont((float) (ref.getSize2D() * height / refH));
        GlyphVector gv = font.createGlyphVector(frc, s);
        Rectangle2D b = gv.getVisualBounds();
        Shape outline = gv.getOutline((float) (-b.getCenterX()), (float) (-b.getCenterY()));
        fill(g, outline, cx, cy, b.getWidth() > maxW ? maxW / b.getWidth() : 1.0);
    }

    private static void fill(Graphics2D g, Shape shapeAtOrigin, double cx, double cy, double squeezeX) {
        AffineTransform t = AffineTransform.getTranslateInstance(cx, cy);
        t.scale(squeezeX, 1.0);
        g.fill(t.createTransformedShape(shapeAtOrigin));
    }

    /** The vertical strip of a standard plate: emblem, K-S-A read downwards, a dot. */
    private void drawStandardStrip(Graphics2D g, boolean blue, double x, double y, double w, double h) {
        Color fg = blue ? Color.WHITE : INK;
        if (blue) {
            g.setColor(STRIP_BLUE);
            g.fill(new Rectangle2D.Double(x, y, w, h));
        }
        g.setColor(fg);
        double cx = x + w / 2;
        drawEmblem(g, cx, y + h * 0.13, Math.min(w * 0.7, h * 0.16));
        double cell = h * 0.155;
        for (int i = 0; i < 3; i++) {
            drawLatin(g, "KSA".substring(i, i + 1), cx, y + h * 0.38 + i * cell, cell * 0.72, w * 0.7);
        }
        double d = Math.min(w * 0.6, h * 0.13);
        g.fill(new Ellipse2D.Double(cx - d / 2, y + h * 0.95 - d, d, d));
    }

    /** The middle panel of a wide plate: emblem, the word "Saudi" in Arabic, KSA, a grey tag and a dot. */
    private void drawPanel(Graphics2D g, boolean blue, double x, double y, double w, double h) {
        Color fg = blue ? Color.WHITE : INK;
        if (blue) {
            g.setColor(STRIP_BLUE);
            g.fill(new Rectangle2D.Double(x, y, w, h));
        }
        g.setColor(fg);
        double cx = x + w / 2;
        drawEmblem(g, cx, y + h * 0.17, h * 0.22);
        Font arabic = fonts.arabic().deriveFont((float) (h * 0.13));
        GlyphVector word = arabic.layoutGlyphVector(g.getFontRenderContext(), SAUDI.toCharArray(), 0, SAUDI.length(),
                Font.LAYOUT_RIGHT_TO_LEFT);
        Rectangle2D wb = word.getVisualBounds();
        g.fill(word.getOutline((float) (cx - wb.getCenterX()), (float) (y + h * 0.42 - wb.getCenterY())));
        drawLatin(g, "KSA", cx, y + h * 0.62, h * 0.16, w * 0.8);
        g.setColor(blue ? new Color(200, 210, 230) : new Color(150, 150, 150));
        g.fill(new Rectangle2D.Double(x + w * 0.12, y + h * 0.80, w * 0.35, h * 0.07));
        g.setColor(fg);
        double d = h * 0.15;
        g.fill(new Ellipse2D.Double(x + w * 0.58, y + h * 0.76, d, d));
    }

    /** A small palm over two crossed swords, drawn with strokes proportional to {@code size}. */
    private static void drawEmblem(Graphics2D g, double cx, double cy, double size) {
        g.setStroke(new BasicStroke((float) Math.max(0.8, size * 0.09), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        double top = cy - size * 0.5;
        g.draw(new Line2D.Double(cx, top + size * 0.12, cx, cy + size * 0.25));
        Path2D fronds = new Path2D.Double();
        for (int side = -1; side <= 1; side += 2) {
            fronds.moveTo(cx, top + size * 0.14);
            fronds.quadTo(cx + side * size * 0.25, top - size * 0.02, cx + side * size * 0.42, top + size * 0.22);
            fronds.moveTo(cx, top + size * 0.16);
            fronds.quadTo(cx + side * size * 0.2, top + size * 0.12, cx + side * size * 0.3, top + size * 0.36);
        }
        g.draw(fronds);
        Path2D swords = new Path2D.Double();
        swords.moveTo(cx - size * 0.42, cy + size * 0.42);
        swords.quadTo(cx, cy + size * 0.12, cx + size * 0.44, cy + size * 0.2);
        swords.moveTo(cx + size * 0.42, cy + size * 0.42);
        swords.quadTo(cx, cy + size * 0.12, cx - size * 0.44, cy + size * 0.2);
        g.draw(swords);
        g.setStroke(new BasicStroke(1f));
    }
}
