package org.raqib.cli.demo;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.raqib.detection.synth.video.RoadCamera;
import org.raqib.detection.synth.video.SyntheticVideo;
import org.raqib.detection.synth.video.VideoOptions;
import org.raqib.detection.synth.video.VideoVehicle;
import org.raqib.ingest.kafka.IngestProducers;
import org.raqib.ingest.registry.CameraRegistry;
import org.raqib.ingest.registry.RegisteredCamera;
import org.raqib.models.CameraFrame;
import org.raqib.models.SpeedSource;
import org.raqib.models.Topics;
import org.raqib.models.Violation;
import org.raqib.models.ViolationType;

/**
 * The demo's video camera: a calibrated camera without radar (the synthetic gantry of
 * {@link RoadCamera#gantry()}) whose frames are generated on the fly and published to
 * {@code raqib.frames}: one vehicle after another, each rendered ahead and then sent in real time at
 * 25 fps while its plate is in view (about 0.4-1.5 s), then a few seconds without traffic. So the
 * recogniser sees some 20 frames per vehicle, about 4 frames/s on average, and the enforcement job
 * has to measure the speed from those frames alone. Ground truth (plate and true speed by frame id)
 * stays here, for the summary.
 */
final class VideoCameraFeeder implements AutoCloseable {

    /** True speeds cycled through, as km/h above (or below) the camera's limit plus tolerance. */
    static final double[] OVER_THRESHOLD = {-35, -20, -8, 6, 12, 20, 35, -15, 25, 50};
    private static final long PAUSE_MILLIS = 3_000;

    private final String cameraId;
    private final int thresholdKmh;
    private final Producer<String, byte[]> producer;
    private final RoadCamera road = RoadCamera.gantry();
    private final long seed;
    private final Thread thread;
    private final Map<String, Double> speedByFrame = new ConcurrentHashMap<>();
    private final AtomicLong vehicles = new AtomicLong();
    private final AtomicLong speeders = new AtomicLong();
    private final AtomicLong frames = new AtomicLong();
    private volatile boolean running = true;

    private VideoCameraFeeder(String cameraId, int thresholdKmh, String bootstrapServers, long seed, Consumer<String> say) {
        this.cameraId = cameraId;
        this.thresholdKmh = thresholdKmh;
        this.seed = seed;
        this.producer = new KafkaProducer<>(IngestProducers.frames(bootstrapServers, "raqib-video-camera"));
        this.thread = new Thread(() -> run(say), "raqib-video-camera");
        this.thread.setDaemon(true);
    }

    /**
     * Starts the feeder for the registry's first enabled camera without radar whose calibration is the
     * gantry's frame size, or returns null when there is none.
     */
    static VideoCameraFeeder startFor(CameraRegistry registry, String bootstrapServers, long seed, Consumer<String> say) {
        RoadCamera road = RoadCamera.gantry();
        for (RegisteredCamera c : registry.cameras()) {
            if (c.enabled() && !c.hasRadar() && c.calibration() != null
                    && c.calibration().getImageWidth() == road.imageWidth()
                    && c.calibration().getImageHeight() == road.imageHeight()) {
                VideoCameraFeeder f = new VideoCameraFeeder(c.id(), c.thresholdKmh(), bootstrapServers, seed, say);
                f.thread.start();
                say.accept("video camera " + c.id() + " (no radar, calibrated): synthetic 1920x1080 video at 25 fps"
                        + " while a vehicle is in view; speeds from the frames alone, tickets only when the lower end"
                        + " of the 95% interval is above " + c.thresholdKmh() + " km/h");
                return f;
            }
        }
        return null;
    }

    private void run(Consumer<String> say) {
        long k = 0;
        try {
            while (running) {
                double speed = thresholdKmh + OVER_THRESHOLD[(int) (k % OVER_THRESHOLD.length)];
                List<VideoVehicle> one = SyntheticVideo.convoy(road, new double[] {speed}, seed * 7919 + k);
                long epoch = System.currentTimeMillis() + 500;
                SyntheticVideo video = new SyntheticVideo(road, one, VideoOptions.defaults(), seed + k, epoch);
                List<SyntheticVideo.Frame> burst = new ArrayList<>();
                for (int i = 0; i < video.frameCount() && running; i++) {
                    SyntheticVideo.Frame f = video.frame(i);
                    if (!f.plates().isEmpty()) {
                        burst.add(f);
                    }
                }
                // Rendering took its time: shift the burst to start now, keeping the frame spacing.
                long shift = burst.isEmpty() ? 0 : Math.max(0, System.currentTimeMillis() - burst.get(0).captureMillis());
                for (SyntheticVideo.Frame f : burst) {
                    if (!running) {
                        return;
                    }
                    long at = f.captureMillis() + shift;
                    long wait = at - System.currentTimeMillis();
                    if (wait > 0) {
                        Thread.sleep(wait);
                    }
                    String frameId = UUID.randomUUID().toString();
                    CameraFrame frame = CameraFrame.newBuilder().setFrameId(frameId).setCameraId(cameraId)
                            .setCaptureTime(Instant.ofEpochMilli(at)).setReceiveTime(Instant.now())
                            .setJpeg(ByteBuffer.wrap(f.jpeg())).setWidth(road.imageWidth()).setHeight(road.imageHeight())
                            .setLane(1).setRadarSpeedKmh(null).setOrigin("simulator").build();
                    speedByFrame.put(frameId, speed);
                    producer.send(new ProducerRecord<>(Topics.FRAMES.name(), cameraId, Topics.FRAMES.wire().encode(frame)));
                    frames.incrementAndGet();
                }
                vehicles.incrementAndGet();
                if (speed > thresholdKmh) {
                    speeders.incrementAndGet();
                }
                k++;
                Thread.sleep(PAUSE_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            say.accept("video camera " + cameraId + " stopped: " + e);
        }
    }

    /** Frames published so far. */
    long frames() {
        return frames.get();
    }

    /**
     * One summary line: vehicles sent, how many were over the threshold, and the spot cases that
     * came out of this camera's frames, checked against the true speeds.
     */
    String describe(List<Violation> cases) {
        int video = 0;
        int justified = 0;
        int wrong = 0;
        for (Violation v : cases) {
            if (v.getType() != ViolationType.SPOT_SPEEDING || v.getSpeedSource() != SpeedSource.VIDEO) {
                continue;
            }
            for (String frameId : v.getFrameIds()) {
                Double truth = speedByFrame.get(frameId);
                if (truth != null) {
                    video++;
                    if (truth > thresholdKmh) {
                        justified++;
                    } else {
                        wrong++;
                    }
                    break;
                }
            }
        }
        return "video camera " + cameraId + ": " + vehicles.get() + " vehicles in " + frames.get() + " frames, "
                + speeders.get() + " over " + thresholdKmh + " km/h; " + video + " spot cases from video (issued or "
                + "review), " + justified + " of vehicles truly over, " + wrong + " of vehicles truly at or under the threshold";
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close();
    }
}
