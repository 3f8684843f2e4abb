package org.raqib.detection.synth;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.util.Random;
import org.opencv.core.Mat;
import org.raqib.detection.PlateMeasure;
import org.raqib.detection.opencv.Mats;
import org.raqib.detection.opencv.OpenCvLoader;
import org.raqib.models.PlateLayout;

/**
 * Synthetic full scenes for localiser tests: the rear or front of a car-like body on a road, with one
 * Saudi plate (60-400 px wide, perspective, blur, glare, JPEG) and the plate's true text, box and
 * corners. Deterministic for a given seed.
 */
public final class SceneGenerator {

    /**
     * One rendered scene.
     *
     * @param image  the scene (RGB, {@code width x height})
     * @param text   canonical plate text, e.g. {@code 6531UJD}
     * @param layout plate layout
     * @param box    axis-aligned bounding box of the plate's four corners, in image pixels
     * @param quadXs x of the plate's corners, clockwise from top-left
     * @param quadYs y of the plate's corners, clockwise from top-left
     */
    public record Scene(BufferedImage image, String text, PlateLayout layout, Rectangle box, double[] quadXs,
            double[] quadYs) {
    }

    /** Width of the development photos, and of the default scenes. */
    static final int DEVELOPMENT_WIDTH = 598;

    private final int width;
    private final int height;

    /** Scenes of 598x598 pixels, the size of the development photos. */
    public SceneGenerator() {
        this(DEVELOPMENT_WIDTH, DEVELOPMENT_WIDTH);
    }

    /** Scenes of the given size (e.g. 1920x1080). */
    public SceneGenerator(int width, int height) {
        if (width < 160 || height < 120) {
            throw new IllegalArgumentException("scene must be at least 160x120, got " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
        OpenCvLoader.load();
    }

    /** Renders the scene for {@code seed} with a random plate. */
    public Scene render(long seed) {
        Random rnd = new Random(seed);
        return render(SyntheticPlates.randomSpec(SyntheticPlates.randomText(rnd), rnd), rnd, 0.2 + rnd.nextDouble() * 0.6);
    }

    /** Renders {@code spec} in a scene drawn from {@code seed} with degradation {@code strength} (0..1). */
    public Scene render(PlateSpec spec, long seed, double strength) {
        return render(spec, new Random(seed), strength);
    }

    /**
     * Renders {@code spec} {@code plateWidth} pixels wide (before perspective) in a scene drawn from {@code seed} with
     * degradation {@code strength} (0..1).
     */
    public Scene render(PlateSpec spec, long seed, double strength, double plateWidth) {
        if (!(plateWidth >= 20 && plateWidth <= width * 0.95)) {
            throw new IllegalArgumentException("plate width must be 20.." + (int) (width * 0.95) + " px, got " + plateWidth);
        }
        return render(spec, new Random(seed), strength, plateWidth);
    }

    private Scene render(PlateSpec spec, Random rnd, double strength) {
        int maxPlate = Math.min(400, (int) (width * 0.8));
        return render(spec, rnd, strength, 60 * Math.exp(rnd.nextDouble() * Math.log(Math.max(1.01, maxPlate / 60.0))));
    }

    private Scene render(PlateSpec spec, Random rnd, double strength, double pw) {
        BufferedImage bg = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = bg.createGraphics();
        double aspect = spec.layout() == PlateLayout.WIDE ? PlateMeasure.WIDE_ASPECT : PlateMeasure.STANDARD_ASPECT;
        double ph = pw / aspect;
        double cx = width * (0.3 + rnd.nextDouble() * 0.4);
        double cy = height * (0.45 + rnd.nextDouble() * 0.4);
        cx = Math.max(pw * 0.6, Math.min(width - pw * 0.6, cx));
        cy = Math.max(ph * 2, Math.min(height - ph * 2, cy));
        try {
            // Sky/wall above, road below, the car body around the plate.
            g.setPaint(new GradientPaint(0, 0, new Color(150 + rnd.nextInt(90), 160 + rnd.nextInt(80), 170 + rnd.nextInt(80)),
                    0, height, new Color(70 + rnd.nextInt(60), 70 + rnd.nextInt(60), 70 + rnd.nextInt(60))));
            g.fillRect(0, 0, width, height);
            int carW = (int) Math.min(width * 0.98, pw * (3.5 + rnd.nextDouble() * 2.5));
            int carH = (int) Math.min(height * 0.9, carW * (0.5 + rnd.nextDouble() * 0.3));
            int carX = (int) (cx - carW / 2.0 + (rnd.nextDouble() - 0.5) * carW * 0.15);
            int carY = (int) (cy - carH * (0.6 + rnd.nextDouble() * 0.25));
            BufferedImage body = BackgroundPainter.paint(Math.max(8, carW), Math.max(8, carH), rnd, true);
            g.setClip(new RoundRectangle2D.Double(carX, carY, carW, carH, carW * 0.2, carH * 0.3));
            g.drawImage(body, carX, carY, null);
            g.setClip(null);
        } finally {
            g.dispose();
        }
        Mat canvas = Mats.toBgr(bg);
        Mat plate = Mats.toBgr(PlateRenderer.render(spec));
        double[] q = Degrader.warpOnto(plate, canvas, cx, cy, pw, rnd, strength);
        plate.release();
        // The plate is as wide in pixels on any canvas (60-400 px), so is its blur: as on a scene of the development
        // photos' size. Scaled with the canvas, a 1920x1080 frame blurred a plate 3.2 times as much as the same scene at
        // 598x598 (bench --photos 1 --frames 200: 173 found, 102 read exactly; blurred alike, 193 and 153; BENCHMARKS.md).
        Degrader.photometric(canvas, rnd, strength * 0.6, Math.min(width, DEVELOPMENT_WIDTH));
        BufferedImage out = Mats.toImage(canvas);
        canvas.release();
        double[] xs = {q[0], q[2], q[4], q[6]};
        double[] ys = {q[1], q[3], q[5], q[7]};
        int x0 = (int) Math.floor(Math.min(Math.min(xs[0], xs[1]), Math.min(xs[2], xs[3])));
        int y0 = (int) Math.floor(Math.min(Math.min(ys[0], ys[1]), Math.min(ys[2], ys[3])));
        int x1 = (int) Math.ceil(Math.max(Math.max(xs[0], xs[1]), Math.max(xs[2], xs[3])));
        int y1 = (int) Math.ceil(Math.max(Math.max(ys[0], ys[1]), Math.max(ys[2], ys[3])));
        x0 = Math.max(0, x0);
        y0 = Math.max(0, y0);
        x1 = Math.min(width, x1);
        y1 = Math.min(height, y1);
        return new Scene(out, spec.text(), spec.layout(), new Rectangle(x0, y0, x1 - x0, y1 - y0), xs, ys);
    }
}
