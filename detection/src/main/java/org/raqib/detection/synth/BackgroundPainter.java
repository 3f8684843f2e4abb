package org.raqib.detection.synth;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.util.Random;

/**
 * Paints car-like surroundings: body paint with gradients, bumper edges, grille bars, lamps, stickers
 * and dealer text. Used behind synthetic plates, as negatives for the plate/not-plate head, and as
 * the car in synthetic scenes.
 */
final class BackgroundPainter {

    private static final Color[] PAINT = {
        new Color(235, 235, 235), new Color(190, 192, 195), new Color(120, 122, 125), new Color(25, 25, 28),
        new Color(150, 20, 25), new Color(30, 50, 120), new Color(200, 190, 160), new Color(60, 90, 60),
        new Color(240, 240, 236), new Color(90, 60, 40), new Color(180, 30, 30), new Color(20, 120, 60),
    };
    private static final String[] WORDS = {
        "TOYOTA", "HYUNDAI", "NISSAN", "LEXUS", "GMC", "CAMRY", "ACCENT", "KIA", "4x4", "HYBRID", "V6",
        "\u0627\u0644\u0631\u064A\u0627\u0636", "\u062C\u062F\u0629", "\u0645\u0639\u0631\u0636", "AL-JAZIRA",
        "ABDUL LATIF", "SUNNY", "1435", "TEL 920", "www", "LAND CRUISER", "\u0633\u064A\u0627\u0631\u0627\u062A",
    };

    private BackgroundPainter() {
    }

    static BufferedImage paint(int w, int h, Random rnd, boolean clutter) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            Color base = PAINT[rnd.nextInt(PAINT.length)];
            g.setPaint(new GradientPaint(0, 0, shade(base, 1.15, rnd), 0, h, shade(base, 0.75, rnd)));
            g.fillRect(0, 0, w, h);
            int parts = 2 + rnd.nextInt(6);
            for (int i = 0; i < parts; i++) {
                paintPart(g, w, h, base, rnd, clutter);
            }
        } finally {
            g.dispose();
        }
        return img;
    }

    private static void paintPart(Graphics2D g, int w, int h, Color base, Random rnd, boolean clutter) {
        int kind = rnd.nextInt(clutter ? 7 : 5);
        int x = rnd.nextInt(Math.max(1, w));
        int y = rnd.nextInt(Math.max(1, h));
        switch (kind) {
            case 0 -> { // bumper / panel edge
                g.setColor(shade(base, 0.4 + rnd.nextDouble() * 0.9, rnd));
                g.setStroke(new BasicStroke(1 + rnd.nextInt(Math.max(2, h / 20))));
                g.drawLine(0, y, w, y + rnd.nextInt(Math.max(1, h / 8)) - h / 16);
            }
            case 1 -> { // grille bars
                int gw = w / 3 + rnd.nextInt(Math.max(1, w / 2));
                int gh = h / 6 + rnd.nextInt(Math.max(1, h / 3));
                g.setColor(new Color(15 + rnd.nextInt(40), 15 + rnd.nextInt(40), 15 + rnd.nextInt(40)));
                g.fillRect(x - gw / 2, y - gh / 2, gw, gh);
                g.setColor(new Color(150 + rnd.nextInt(100), 150 + rnd.nextInt(100), 150 + rnd.nextInt(100)));
                boolean vertical = rnd.nextBoolean();
                int step = 3 + rnd.nextInt(Math.max(2, Math.min(gw, gh) / 5 + 1));
                g.setStroke(new BasicStroke(1 + rnd.nextInt(3)));
                for (int k = 0; k < (vertical ? gw : gh); k += step) {
                    if (vertical) {
                        g.drawLine(x - gw / 2 + k, y - gh / 2, x - gw / 2 + k, y + gh / 2);
                    } else {
                        g.drawLine(x - gw / 2, y - gh / 2 + k, x + gw / 2, y - gh / 2 + k);
                    }
                }
            }
            case 2 -> { // lamp
                int lw = w / 8 + rnd.nextInt(Math.max(1, w / 4));
                int lh = lw / 3 + rnd.nextInt(Math.max(1, lw / 2));
                g.setColor(rnd.nextBoolean() ? new Color(170 + rnd.nextInt(80), 20, 20)
                        : new Color(200 + rnd.nextInt(55), 200 + rnd.nextInt(55), 200 + rnd.nextInt(55)));
                g.fill(new RoundRectangle2D.Double(x - lw / 2.0, y - lh / 2.0, lw, lh, lh * 0.6, lh * 0.6));
            }
            case 3 -> { // dark shadow region (under bumper, road)
                g.setColor(new Color(0, 0, 0, 60 + rnd.nextInt(120)));
                g.fillRect(0, y, w, h - y);
            }
            case 4 -> { // badge / round emblem
                int r = 4 + rnd.nextInt(Math.max(1, Math.min(w, h) / 6));
                g.setColor(new Color(170 + rnd.nextInt(80), 170 + rnd.nextInt(80), 170 + rnd.nextInt(80)));
                g.setStroke(new BasicStroke(1 + rnd.nextInt(3)));
                g.draw(new Ellipse2D.Double(x - r, y - r, 2 * r, 1.4 * r));
            }
            default -> { // text-like clutter: stickers, dealer frames, model names
                String word = WORDS[rnd.nextInt(WORDS.length)];
                String fam = rnd.nextBoolean() ? "DejaVu Sans" : "DejaVu Sans Condensed";
                int size = 6 + rnd.nextInt(Math.max(2, h / 4));
                Font f = new Font(fam, rnd.nextBoolean() ? Font.BOLD : Font.PLAIN, size);
                if (f.canDisplayUpTo(word) != -1) {
                    return;
                }
                if (rnd.nextBoolean()) {
                    g.setColor(rnd.nextBoolean() ? Color.WHITE : new Color(230, 230, 220));
                    g.fillRect(x - 3, y - size, (int) (word.length() * size * 0.7) + 6, size + 6);
                }
                g.setColor(rnd.nextBoolean() ? Color.BLACK : new Color(rnd.nextInt(256), rnd.nextInt(256), rnd.nextInt(256)));
                g.setFont(f);
                g.drawString(word, x, y);
            }
        }
    }

    static Color shade(Color c, double f, Random rnd) {
        double j = 1 + (rnd.nextDouble() - 0.5) * 0.1;
        return new Color(clamp(c.getRed() * f * j), clamp(c.getGreen() * f * j), clamp(c.getBlue() * f * j));
    }

    private static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }
}
