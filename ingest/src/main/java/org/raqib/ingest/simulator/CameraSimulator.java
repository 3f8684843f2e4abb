package org.raqib.ingest.simulator;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.raqib.ingest.kafka.IngestProducers;
import org.raqib.ingest.registry.CameraRegistry;
import org.raqib.ingest.registry.RegisteredCamera;
import org.raqib.models.CameraFrame;
import org.raqib.models.Topics;
import org.raqib.models.wire.AvroWire;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Simulated roadside cameras: renders frames of vehicles with Saudi plates and radar speeds and
 * publishes them as {@link CameraFrame} records to {@code raqib.frames} (key: camera id, origin
 * "simulator") at a fixed rate.
 *
 * <p>The plate text exists only as pixels in the frame: the record carries no plate field, no header
 * and no file name that would let the pipeline skip the recogniser. The truth goes to a
 * {@link SimulatorListener} in memory only.
 *
 * <p>A vehicle on a section ({@link SimulatorOptions#sectionShare()}) is published at the entry camera
 * and, once its travel time at its average speed has passed on the clock, at the exit camera: the exit
 * frame takes the first frame slot at or after that moment (the frame rate stays as configured), and the
 * capture times are the real ones, so the pipeline sees the timeline the vehicle drove.
 *
 * <p>Usage: {@link #start()} runs in a background thread until the options' duration or frame limit is
 * reached or {@link #close()} is called; {@link #run()} does the same in the calling thread.
 */
public final class CameraSimulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CameraSimulator.class);

    /** Origin written into every frame. */
    public static final String ORIGIN = "simulator";

    private final SimulatorOptions options;
    private final TrafficModel traffic;
    private final SceneArtist artist;
    private final Producer<String, byte[]> producer;
    private final boolean ownsProducer;
    private final Clock clock;
    private final SimulatorListener listener;
    private final AvroWire<CameraFrame> wire = Topics.FRAMES.wire();
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile boolean stopping;
    private volatile long generated;
    private Thread thread;

    /**
     * A simulated frame with its truth.
     *
     * @param frame the record as published
     * @param truth what the frame shows
     * @param passage the passage it was drawn from (camera, plate, speed, scene)
     * @param plateBounds where the plate is in the image
     */
    public record SimulatedFrame(CameraFrame frame, GroundTruth truth, TrafficModel.Passage passage,
            java.awt.Rectangle plateBounds) {
    }

    /**
     * @param options validated here
     * @param cameras the cameras to simulate ({@link #camerasFor(CameraRegistry, SimulatorOptions)})
     * @param producer where frames go
     * @param ownsProducer true to close the producer in {@link #close()}
     * @param clock capture and receive times
     * @param listener receives each acknowledged frame's ground truth
     * @throws IllegalStateException when no installed font can draw Arabic plate glyphs
     */
    public CameraSimulator(SimulatorOptions options, List<RegisteredCamera> cameras, Producer<String, byte[]> producer,
            boolean ownsProducer, Clock clock, SimulatorListener listener) {
        this.options = options.validate();
        this.traffic = new TrafficModel(options, cameras);
        this.artist = new SceneArtist(new PlateArtist(PlateFonts.installed()));
        this.producer = producer;
        this.ownsProducer = ownsProducer;
        this.clock = clock;
        this.listener = listener;
    }

    /**
     * A simulator publishing to {@code bootstrapServers} with its own idempotent producer.
     *
     * @param registry the camera registry; the simulated cameras are picked from it by the options
     */
    public static CameraSimulator create(SimulatorOptions options, CameraRegistry registry, String bootstrapServers,
            SimulatorListener listener) {
        List<RegisteredCamera> cameras = camerasFor(registry, options.validate());
        return new CameraSimulator(options, cameras, new KafkaProducer<>(producerProperties(bootstrapServers)), true,
                Clock.systemUTC(), listener);
    }

    /**
     * The cameras named in the options, or every enabled radar camera when none are named.
     *
     * @throws IllegalArgumentException for an unknown, disabled or radar-less camera
     */
    public static List<RegisteredCamera> camerasFor(CameraRegistry registry, SimulatorOptions options) {
        if (options.cameraIds().isEmpty()) {
            return registry.enabledRadarCameras();
        }
        List<RegisteredCamera> out = new ArrayList<>();
        for (String id : options.cameraIds()) {
            RegisteredCamera c = registry.find(id).orElseThrow(() -> new IllegalArgumentException(
                    "unknown camera '" + id + "'; registered: " + registry.cameras().stream().map(RegisteredCamera::id)
                            .toList()));
            if (!c.enabled() || !c.hasRadar()) {
                throw new IllegalArgumentException("camera " + id + " cannot be simulated: it is "
                        + (!c.enabled() ? "disabled" : "without radar"));
            }
            out.add(c);
        }
        return out;
    }

    /** Producer settings for the simulator's frames ({@link IngestProducers#frames}). */
    public static Properties producerProperties(String bootstrapServers) {
        return IngestProducers.frames(bootstrapServers, "raqib-simulator");
    }

    /** An exit frame waiting for its vehicle to get there. */
    private record PendingExit(Instant due, TrafficModel.Passage exit, GroundTruth entry) {
    }

    private final java.util.PriorityQueue<PendingExit> pending =
            new java.util.PriorityQueue<>(java.util.Comparator.comparing(PendingExit::due));

    /** The plates of the simulated wanted vehicles (see {@link TrafficModel#wantedPlates()}). */
    public List<String> wantedPlates() {
        return traffic.wantedPlates();
    }

    /** The sections vehicles are driven through (see {@link TrafficModel#sections()}). */
    public List<TrafficModel.Section> sections() {
        return traffic.sections();
    }

    /** Renders the {@code index}-th vehicle's frame at its (first) camera without publishing it. */
    public SimulatedFrame frame(long index) {
        return render(traffic.passage(index));
    }

    private SimulatedFrame render(TrafficModel.Passage p) {
        SceneArtist.Rendered r = artist.render(p.scene(), p.noiseSeed());
        byte[] jpeg = jpeg(r.image(), (float) options.jpegQuality());
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String frameId = UUID.randomUUID().toString();
        CameraFrame frame = CameraFrame.newBuilder()
                .setFrameId(frameId)
                .setCameraId(p.camera().id())
                .setCaptureTime(now)
                .setReceiveTime(now)
                .setJpeg(ByteBuffer.wrap(jpeg))
                .setWidth(r.image().getWidth())
                .setHeight(r.image().getHeight())
                .setLane(p.lane())
                .setRadarSpeedKmh(p.radarSpeedKmh())
                .setOrigin(ORIGIN)
                .build();
        GroundTruth truth = new GroundTruth(frameId, p.camera().id(), p.plate().text(), p.plate().layout(),
                p.radarSpeedKmh(), p.camera().speedLimitKmh(), p.camera().toleranceKmh(), now);
        return new SimulatedFrame(frame, truth, p, r.plateBounds());
    }

    /** Starts publishing in a background thread. */
    public synchronized CameraSimulator start() {
        if (thread != null) {
            throw new IllegalStateException("simulator already started");
        }
        thread = new Thread(this::runQuietly, "raqib-simulator");
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    /**
     * Publishes frames at the configured rate until the duration or frame limit is reached or
     * {@link #close()} is called, then waits for the broker to acknowledge what was sent.
     */
    public void run() {
        long startNanos = System.nanoTime();
        long periodNanos = (long) (1e9 / options.framesPerSecond());
        long endNanos = options.duration().isZero() ? Long.MAX_VALUE : startNanos + options.duration().toNanos();
        LOG.info("simulator started: {} frames/s over {} cameras, seed {}", options.framesPerSecond(),
                options.cameraIds().isEmpty() ? "all enabled radar" : options.cameraIds(), options.seed());
        long vehicle = 0;
        for (long i = 0; !stopping && (options.maxFrames() == 0 || i < options.maxFrames()); i++) {
            long due = startNanos + i * periodNanos;
            if (due >= endNanos) {
                break;
            }
            if (!sleepUntil(due)) {
                break;
            }
            PendingExit exit = pending.peek();
            if (exit != null && !exit.due().isAfter(clock.instant())) {
                pending.poll();
                publish(render(exit.exit()), exit.entry());
            } else {
                SimulatedFrame f = frame(vehicle++);
                publish(f, null);
                TrafficModel.Journey j = f.passage().journey();
                if (j != null) {
                    pending.add(new PendingExit(f.truth().captureTime().plus(j.travel()), j.exit(), f.truth()));
                }
            }
            generated = i + 1;
        }
        producer.flush();
        LOG.info("simulator stopped after {} frames ({} acknowledged, {} failed)", generated, acknowledged.get(),
                failed.get());
    }

    private void runQuietly() {
        try {
            run();
        } catch (RuntimeException e) {
            LOG.error("simulator failed", e);
        }
    }

    /** Publishes a frame; {@code entry} is the truth of the same vehicle's entry frame when this is an exit. */
    private void publish(SimulatedFrame f, GroundTruth entry) {
        CameraFrame frame = f.frame();
        producer.send(new ProducerRecord<>(Topics.FRAMES.name(), frame.getCameraId(), wire.encode(frame)),
                (meta, error) -> {
                    if (error != null) {
                        failed.incrementAndGet();
                        LOG.warn("frame {} of camera {} not published: {}", frame.getFrameId(), frame.getCameraId(),
                                error.toString());
                    } else {
                        acknowledged.incrementAndGet();
                        listener.onFrame(f.truth());
                        if (entry != null) {
                            TrafficModel.Section s = f.passage().camera().id().equals(entry.cameraId()) ? null
                                    : sectionOf(entry.cameraId(), f.truth().cameraId());
                            if (s != null) {
                                listener.onSection(new SectionTruth(entry.frameId(), f.truth().frameId(),
                                        entry.cameraId(), f.truth().cameraId(), entry.plateText(), s.km(),
                                        entry.captureTime(), f.truth().captureTime(),
                                        Math.min(s.entry().speedLimitKmh(), s.exit().speedLimitKmh()),
                                        Math.max(s.entry().toleranceKmh(), s.exit().toleranceKmh())));
                            }
                        }
                    }
                });
    }

    private TrafficModel.Section sectionOf(String entryId, String exitId) {
        for (TrafficModel.Section s : traffic.sections()) {
            if (s.entry().id().equals(entryId) && s.exit().id().equals(exitId)) {
                return s;
            }
        }
        return null;
    }

    private boolean sleepUntil(long dueNanos) {
        long wait;
        while (!stopping && (wait = dueNanos - System.nanoTime()) > 0) {
            try {
                Thread.sleep(Math.min(wait / 1_000_000 + 1, 200));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return !stopping;
    }

    /** Frames rendered and handed to the producer so far. */
    public long generated() {
        return generated;
    }

    /** Frames the broker acknowledged so far. */
    public long acknowledged() {
        return acknowledged.get();
    }

    /** Frames the producer gave up on. */
    public long failed() {
        return failed.get();
    }

    /** True while the background thread runs. */
    public synchronized boolean isRunning() {
        return thread != null && thread.isAlive();
    }

    /** Waits up to {@code timeout} for the background run to end by itself (duration or frame limit). */
    public boolean awaitCompletion(Duration timeout) throws InterruptedException {
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t == null) {
            return true;
        }
        t.join(Math.max(1, timeout.toMillis()));
        return !t.isAlive();
    }

    /** Stops publishing, waits for outstanding acknowledgements, and closes an owned producer. */
    @Override
    public void close() {
        stopping = true;
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null) {
            try {
                t.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (ownsProducer) {
            producer.close(Duration.ofSeconds(10));
        } else {
            producer.flush();
        }
    }

    static byte[] jpeg(BufferedImage img, float quality) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 * 1024);
        try (MemoryCacheImageOutputStream ios = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(ios);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.write(null, new IIOImage(img, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException("JPEG encoding failed", e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }
}
