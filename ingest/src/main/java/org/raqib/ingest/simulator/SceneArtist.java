package org.raqib.ingest.simulator;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.MultipleGradientPaint;
import java.awt.RadialGradientPaint;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.ConvolveOp;
import java.awt.image.Kernel;
import java.util.SplittableRandom;
import org.raqib.models.PlateLayout;

/**
 * Paints a roadside camera frame: the road, one vehicle seen from behind or in front, and its plate.
 * The vehicle is simple but has what real frames have around a plate (bumper, lights, grille or rear
 * window, tyres, a shadow), so a plate finder has to tell the plate from other bright rectangles.
 */
public final class SceneArtist {

    /** Plate width as a share of vehicle width: 32 cm on a 1.8 m car. */
    static final double STANDARD_PLATE_SHARE = 0.19;
    /** Wide plates are 52 cm. */
    static final double WIDE_PLATE_SHARE = 0.28;

    private final PlateArtist plates;

    /** @param plates draws the plate */
    public SceneArtist(PlateArtist plates) {
        this.plates = plates;
    }

    /**
     * A rendered frame and where its plate is.
     *
     * @param image the frame (3-byte BGR)
     * @param plateBounds bounding box of the plate in image pixels
     */
    public record Rendered(BufferedImage image, Rectangle plateBounds) {
    }

    /** Draws {@code scene}; {@code noiseSeed} drives the sensor noise. */
    public Rendered render(Scene scene, long noiseSeed) {
        BufferedImage img = new BufferedImage(scene.width(), scene.height(), BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = img.createGraphics();
        Rectangle plateBounds;
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            drawRoad(g, scene);
            AffineTransform base = g.getTransform();
            g.rotate(Math.toRadians(scene.tiltDegrees()), scene.carCentreX(), scene.groundY());
            Rectangle2D plate = scene.view() == Scene.View.REAR ? drawRear(g, scene) : drawFront(g, scene);
            plateBounds = g.getTransform().createTransformedShape(plate).getBounds();
            g.setTransform(base);
        } finally {
            g.dispose();
        }
        BufferedImage out = scene.blur() ? soften(img) : img;
        expose(out, scene.light(), scene.noise(), new SplittableRandom(noiseSeed));
        return new Rendered(out, plateBounds.intersection(new Rectangle(0, 0, scene.width(), scene.height())));
    }

    private static void drawRoad(Graphics2D g, Scene s) {
        int w = s.width();
        int h = s.height();
        double horizon = h * 0.12;
        // Desert verge and a wall in the distance, then asphalt that darkens towards the camera.
        g.setPaint(new GradientPaint(0, 0, new Color(214, 200, 168), 0, (float) horizon, new Color(190, 172, 138)));
        g.fill(new Rectangle2D.Double(0, 0, w, horizon));
        g.setPaint(new GradientPaint(0, (float) horizon, new Color(118, 116, 112), 0, h, new Color(78, 77, 76)));
        g.fill(new Rectangle2D.Double(0, horizon, w, h - horizon));
        // Lane lines converge to a vanishing point above the frame.
        Point2D vp = new Point2D.Double(w * 0.5 + (s.variant() % 3 - 1) * w * 0.08, -h * 0.6);
        g.setColor(new Color(225, 225, 215));
        for (int lane = -2; lane <= 2; lane++) {
            double xb = w * 0.5 + lane * w * 0.62 + (s.carCentreX() - w * 0.5) * 0.3;
            boolean solid = Math.abs(lane) == 2;
            for (double t = 0; t < 1; t += solid ? 1 : 0.16) {
                double t1 = Math.min(1, t + (solid ? 1 : 0.08));
                double y0 = horizon + t * (h - horizon);
                double y1 = horizon + t1 * (h - horizon);
                double wd0 = 3 + 14 * t;
                double wd1 = 3 + 14 * t1;
                double x0 = vp.getX() + (xb - vp.getX()) * (y0 - vp.getY()) / (h - vp.getY());
                double x1 = vp.getX() + (xb - vp.getX()) * (y1 - vp.getY()) / (h - vp.getY());
                Path2D dash = new Path2D.Double();
                dash.moveTo(x0 - wd0 / 2, y0);
                dash.lineTo(x0 + wd0 / 2, y0);
                dash.lineTo(x1 + wd1 / 2, y1);
                dash.lineTo(x1 - wd1 / 2, y1);
                dash.closePath();
                g.fill(dash);
            }
        }
        // Oil stain along the lane centre, as on real roads.
        g.setColor(new Color(60, 58, 56, 60));
        g.fill(new Ellipse2D.Double(s.carCentreX() - w * 0.1, h * 0.35, w * 0.2, h * 0.6));
    }

    private Rectangle2D drawRear(Graphics2D g, Scene s) {
        double u = s.carWidth();
        double cx = s.carCentreX();
        double gy = s.groundY();
        Color body = s.body();
        drawShadowAndTyres(g, cx, gy, u);

        // Cabin (C-pillars and roof) behind the trunk, with the rear window inset.
        Path2D cabin = trapezoid(cx, gy - 0.60 * u, 0.45 * u, gy - 0.93 * u, 0.34 * u);
        g.setPaint(new GradientPaint(0, (float) (gy - 0.93 * u), shade(body, 1.05), 0, (float) (gy - 0.6 * u),
                shade(body, 0.85)));
        g.fill(cabin);
        Path2D glass = trapezoid(cx, gy - 0.62 * u, 0.40 * u, gy - 0.89 * u, 0.30 * u);
        g.setPaint(new GradientPaint(0, (float) (gy - 0.89 * u), new Color(40, 44, 52), 0, (float) (gy - 0.62 * u),
                new Color(18, 20, 24)));
        g.fill(glass);
        g.setColor(new Color(255, 255, 255, 28));
        g.fill(trapezoid(cx - 0.12 * u, gy - 0.66 * u, 0.06 * u, gy - 0.86 * u, 0.03 * u));

        // Body: bumper and trunk as one rounded block, lighter at the top where the sky reflects.
        Path2D shell = new Path2D.Double();
        shell.moveTo(cx - 0.49 * u, gy - 0.14 * u);
        shell.lineTo(cx - 0.50 * u, gy - 0.46 * u);
        shell.quadTo(cx - 0.50 * u, gy - 0.60 * u, cx - 0.43 * u, gy - 0.61 * u);
        shell.lineTo(cx + 0.43 * u, gy - 0.61 * u);
        shell.quadTo(cx + 0.50 * u, gy - 0.60 * u, cx + 0.50 * u, gy - 0.46 * u);
        shell.lineTo(cx + 0.49 * u, gy - 0.14 * u);
        shell.quadTo(cx + 0.48 * u, gy - 0.10 * u, cx + 0.44 * u, gy - 0.10 * u);
        shell.lineTo(cx - 0.44 * u, gy - 0.10 * u);
        shell.quadTo(cx - 0.48 * u, gy - 0.10 * u, cx - 0.49 * u, gy - 0.14 * u);
        shell.closePath();
        g.setPaint(new GradientPaint(0, (float) (gy - 0.61 * u), shade(body, 1.12), 0, (float) (gy - 0.1 * u),
                shade(body, 0.72)));
        g.fill(shell);

        // Trunk lid gap and bumper crease.
        g.setStroke(new BasicStroke((float) Math.max(1, u * 0.004)));
        g.setColor(shade(body, 0.55));
        g.draw(new Line2D.Double(cx - 0.27 * u, gy - 0.445 * u, cx + 0.27 * u, gy - 0.445 * u));
        g.setColor(shade(body, 0.8));
        g.draw(new Line2D.Double(cx - 0.47 * u, gy - 0.25 * u, cx + 0.47 * u, gy - 0.25 * u));

        // Tail lights.
        for (int side = -1; side <= 1; side += 2) {
            Path2D lamp = new Path2D.Double();
            lamp.moveTo(cx + side * 0.49 * u, gy - 0.575 * u);
            lamp.lineTo(cx + side * (s.variant() % 2 == 0 ? 0.25 : 0.30) * u, gy - 0.575 * u);
            lamp.lineTo(cx + side * 0.29 * u, gy - 0.49 * u);
            lamp.lineTo(cx + side * 0.495 * u, gy - 0.465 * u);
            lamp.closePath();
            g.setPaint(new GradientPaint(0, (float) (gy - 0.575 * u), new Color(210, 40, 38), 0,
                    (float) (gy - 0.465 * u), new Color(120, 12, 14)));
            g.fill(lamp);
            g.setColor(new Color(235, 225, 215));
            g.fill(new RoundRectangle2D.Double(cx + side * 0.42 * u - 0.025 * u, gy - 0.54 * u, 0.05 * u, 0.035 * u,
                    0.01 * u, 0.01 * u));
            g.setColor(new Color(150, 20, 20));
            g.fill(new Rectangle2D.Double(cx + side * 0.43 * u - 0.03 * u, gy - 0.21 * u, 0.06 * u, 0.018 * u));
        }
        // Maker badge above the plate.
        drawBadge(g, cx, gy - 0.51 * u, u);

        // Lower bumper in black plastic, with the exhaust.
        g.setColor(new Color(32, 32, 34));
        g.fill(new RoundRectangle2D.Double(cx - 0.46 * u, gy - 0.16 * u, 0.92 * u, 0.06 * u, 0.03 * u, 0.03 * u));
        g.setColor(new Color(70, 70, 72));
        g.fill(new Ellipse2D.Double(cx + 0.30 * u, gy - 0.145 * u, 0.07 * u, 0.035 * u));

        return drawPlateInRecess(g, s, cx, gy - 0.36 * u, u, shade(body, 0.45));
    }

    private Rectangle2D drawFront(Graphics2D g, Scene s) {
        double u = s.carWidth();
        double cx = s.carCentreX();
        double gy = s.groundY();
        Color body = s.body();
        drawShadowAndTyres(g, cx, gy, u);

        // A-pillars and roof with the windscreen inset.
        Path2D cabin = trapezoid(cx, gy - 0.60 * u, 0.46 * u, gy - 0.95 * u, 0.35 * u);
        g.setPaint(shade(body, 0.9));
        g.fill(cabin);
        Path2D screen = trapezoid(cx, gy - 0.62 * u, 0.42 * u, gy - 0.91 * u, 0.31 * u);
        g.setPaint(new GradientPaint(0, (float) (gy - 0.91 * u), new Color(70, 78, 90), 0, (float) (gy - 0.62 * u),
                new Color(28, 32, 38)));
        g.fill(screen);
        g.setColor(new Color(255, 255, 255, 35));
        g.fill(trapezoid(cx + 0.15 * u, gy - 0.65 * u, 0.08 * u, gy - 0.88 * u, 0.04 * u));

        Path2D shell = new Path2D.Double();
        shell.moveTo(cx - 0.49 * u, gy - 0.14 * u);
        shell.lineTo(cx - 0.50 * u, gy - 0.50 * u);
        shell.quadTo(cx - 0.49 * u, gy - 0.60 * u, cx - 0.42 * u, gy - 0.62 * u);
        shell.lineTo(cx + 0.42 * u, gy - 0.62 * u);
        shell.quadTo(cx + 0.49 * u, gy - 0.60 * u, cx + 0.50 * u, gy - 0.50 * u);
        shell.lineTo(cx + 0.49 * u, gy - 0.14 * u);
        shell.quadTo(cx + 0.48 * u, gy - 0.10 * u, cx + 0.44 * u, gy - 0.10 * u);
        shell.lineTo(cx - 0.44 * u, gy - 0.10 * u);
        shell.quadTo(cx - 0.48 * u, gy - 0.10 * u, cx - 0.49 * u, gy - 0.14 * u);
        shell.closePath();
        g.setPaint(new GradientPaint(0, (float) (gy - 0.62 * u), shade(body, 1.15), 0, (float) (gy - 0.1 * u),
                shade(body, 0.75)));
        g.fill(shell);

        // Head lamps: clear housing, a bright projector, a chrome rim.
        for (int side = -1; side <= 1; side += 2) {
            Path2D lamp = new Path2D.Double();
            lamp.moveTo(cx + side * 0.48 * u, gy - 0.56 * u);
            lamp.lineTo(cx + side * 0.26 * u, gy - 0.53 * u);
            lamp.lineTo(cx + side * 0.27 * u, gy - 0.47 * u);
            lamp.lineTo(cx + side * 0.47 * u, gy - 0.45 * u);
            lamp.closePath();
            g.setPaint(new GradientPaint(0, (float) (gy - 0.56 * u), new Color(215, 220, 225), 0,
                    (float) (gy - 0.45 * u), new Color(120, 126, 134)));
            g.fill(lamp);
            g.setColor(new Color(250, 250, 240));
            g.fill(new Ellipse2D.Double(cx + side * 0.37 * u - 0.025 * u, gy - 0.535 * u, 0.05 * u, 0.05 * u));
            g.setColor(new Color(40, 40, 44));
            g.fill(new Ellipse2D.Double(cx + side * 0.38 * u - 0.02 * u, gy - 0.22 * u, 0.04 * u, 0.03 * u));
        }

        // Grille with chrome bars and the maker badge.
        RoundRectangle2D grille = new RoundRectangle2D.Double(cx - 0.22 * u, gy - 0.545 * u, 0.44 * u, 0.12 * u,
                0.04 * u, 0.04 * u);
        g.setColor(new Color(26, 26, 28));
        g.fill(grille);
        g.setColor(new Color(170, 172, 176));
        g.setStroke(new BasicStroke((float) Math.max(1, u * 0.006)));
        int bars = 3 + s.variant() % 3;
        for (int i = 1; i <= bars; i++) {
            double y = gy - 0.545 * u + i * 0.12 * u / (bars + 1);
            g.draw(new Line2D.Double(cx - 0.2 * u, y, cx + 0.2 * u, y));
        }
        drawBadge(g, cx, gy - 0.485 * u, u);

        // Lower air intake.
        g.setColor(new Color(30, 30, 32));
        g.fill(new RoundRectangle2D.Double(cx - 0.30 * u, gy - 0.20 * u, 0.60 * u, 0.07 * u, 0.03 * u, 0.03 * u));

        return drawPlateInRecess(g, s, cx, gy - 0.345 * u, u, new Color(30, 30, 32));
    }

    /** Draws the plate centred at ({@code cx}, {@code cy}) in a darker holder; returns its rectangle. */
    private Rectangle2D drawPlateInRecess(Graphics2D g, Scene s, double cx, double cy, double u, Color recess) {
        boolean wide = s.plate().layout() == PlateLayout.WIDE;
        double pw = u * (wide ? WIDE_PLATE_SHARE : STANDARD_PLATE_SHARE);
        double ph = pw / s.plate().aspect();
        g.setColor(recess);
        g.fill(new RoundRectangle2D.Double(cx - pw / 2 - ph * 0.12, cy - ph / 2 - ph * 0.12, pw + ph * 0.24,
                ph * 1.24, ph * 0.15, ph * 0.15));
        plates.draw(g, s.plate(), cx - pw / 2, cy - ph / 2, pw);
        // Screws, as on real plates: small dark dots near the top corners.
        g.setColor(new Color(90, 90, 90));
        double d = Math.max(2, ph * 0.05);
        g.fill(new Ellipse2D.Double(cx - pw * 0.5 + ph * 0.08, cy - ph * 0.5 + ph * 0.06, d, d));
        g.fill(new Ellipse2D.Double(cx + pw * 0.5 - ph * 0.08 - d, cy - ph * 0.5 + ph * 0.06, d, d));
        return new Rectangle2D.Double(cx - pw / 2, cy - ph / 2, pw, ph);
    }

    private static void drawShadowAndTyres(Graphics2D g, double cx, double gy, double u) {
        g.setPaint(new RadialGradientPaint(new Point2D.Double(cx, gy), (float) (0.62 * u),
                new float[] {0f, 0.7f, 1f},
                new Color[] {new Color(0, 0, 0, 170), new Color(0, 0, 0, 110), new Color(0, 0, 0, 0)},
                MultipleGradientPaint.CycleMethod.NO_CYCLE));
        AffineTransform saved = g.getTransform();
        g.translate(cx, gy);
        g.scale(1, 0.12);
        g.fill(new Ellipse2D.Double(-0.62 * u, -0.62 * u, 1.24 * u, 1.24 * u));
        g.setTransform(saved);
        g.setColor(new Color(22, 22, 24));
        for (int side = -1; side <= 1; side += 2) {
            g.fill(new RoundRectangle2D.Double(cx + side * 0.38 * u - 0.07 * u, gy - 0.17 * u, 0.14 * u, 0.17 * u,
                    0.04 * u, 0.04 * u));
        }
    }

    private static void drawBadge(Graphics2D g, double cx, double cy, double u) {
        g.setPaint(new GradientPaint(0, (float) (cy - 0.02 * u), new Color(225, 228, 232), 0, (float) (cy + 0.02 * u),
                new Color(120, 124, 130)));
        g.fill(new Ellipse2D.Double(cx - 0.035 * u, cy - 0.022 * u, 0.07 * u, 0.044 * u));
        g.setColor(new Color(60, 62, 66));
        g.fill(new Ellipse2D.Double(cx - 0.022 * u, cy - 0.012 * u, 0.044 * u, 0.024 * u));
    }

    private static Path2D trapezoid(double cx, double bottomY, double bottomHalf, double topY, double topHalf) {
        Path2D p = new Path2D.Double();
        p.moveTo(cx - bottomHalf, bottomY);
        p.lineTo(cx - topHalf, topY);
        p.lineTo(cx + topHalf, topY);
        p.lineTo(cx + bottomHalf, bottomY);
        p.closePath();
        return p;
    }

    private static Color shade(Color c, double f) {
        return new Color(clamp(c.getRed() * f), clamp(c.getGreen() * f), clamp(c.getBlue() * f));
    }

    private static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }

    private static BufferedImage soften(BufferedImage img) {
        float[] k = {
            1 / 16f, 2 / 16f, 1 / 16f,
            2 / 16f, 4 / 16f, 2 / 16f,
            1 / 16f, 2 / 16f, 1 / 16f};
        BufferedImage out = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        new ConvolveOp(new Kernel(3, 3, k), ConvolveOp.EDGE_NO_OP, null).filter(img, out);
        return out;
    }

    /** Applies the exposure and sensor noise in place (the last step, as a camera would). */
    private static void expose(BufferedImage img, double light, double noise, SplittableRandom rng) {
        byte[] px = ((java.awt.image.DataBufferByte) img.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < px.length; i++) {
            // Sum of uniforms: close enough to Gaussian and much cheaper than nextGaussian per pixel.
            double n = (rng.nextDouble() + rng.nextDouble() + rng.nextDouble() - 1.5) * 2 * noise;
            px[i] = (byte) clamp((px[i] & 0xFF) * light + n);
        }
    }
}
