package org.raqib.jobs.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.streaming.api.operators.AbstractUdfStreamOperator;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.raqib.detection.speed.CameraCalibration;
import org.raqib.detection.synth.video.RoadCamera;
import org.raqib.jobs.Fixtures;
import org.raqib.jobs.LagMetrics;
import org.raqib.jobs.kafka.RawRecord;
import org.raqib.models.Camera;
import org.raqib.models.DeadLetter;
import org.raqib.models.Passage;
import org.raqib.models.PlateBox;
import org.raqib.models.PlateRead;
import org.raqib.models.SpeedSource;
import org.raqib.models.Topics;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class VideoSpeedFunctionHarnessTest {

    static final RoadCamera ROAD = RoadCamera.gantry();
    private static final long T0 = 1_800_000_000_000L;
    private KeyedBroadcastOperatorTestHarness<String, RawRecord, RawRecord, RawRecord> harness;
    private long offset;

    @BeforeEach
    void open() throws Exception {
        open(VideoSpeedSettings.defaults());
    }

    private void open(VideoSpeedSettings settings) throws Exception {
        harness = new KeyedBroadcastOperatorTestHarness<>(new CoBroadcastWithKeyedOperator<>(
                new VideoSpeedFunction(settings), List.of(VideoSpeedFunction.CAMERAS)),
                VideoSpeed::cameraKey, Types.STRING, 1, 1, 0);
        harness.open();
        register(videoCamera("vid-1"));
        register(Fixtures.camera("radar-1", 80, 10));
        // The registry never holds event time back (ChangelogWatermarks in the job).
        harness.processBroadcastWatermark(Long.MAX_VALUE);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    /** What the function's counter {@code name} has counted. */
    private long counted(String name) {
        return ((VideoSpeedFunction) ((AbstractUdfStreamOperator<?, ?>) harness.getOperator()).getUserFunction())
                .counted(name);
    }

    /** A calibrated camera without radar: the gantry of the synthetic video. */
    static Camera videoCamera(String id) {
        Camera c = Fixtures.camera(id, 100, 10);
        c.setHasRadar(false);
        c.setCalibration(new CameraCalibration(ROAD.planeHomography(0.5), 0.5, 0.01, ROAD.imageWidth(),
                ROAD.imageHeight()).toAvro());
        return c;
    }

    private void register(Camera camera) throws Exception {
        harness.processBroadcastElement(new RawRecord(Topics.CAMERAS.name(), 0, offset++, 0, camera.getCameraId(),
                Topics.CAMERAS.wire().encode(camera)), 0);
    }

    /** The read of a plate whose centre is at road X {@code x} (lane centre, 0.5 m up) at {@code at}. */
    static PlateRead readAt(String camera, String plate, int frame, long at, double x) {
        double[] p = ROAD.project(x, 0, 0.5);
        PlateRead r = Fixtures.read(camera + "-f" + frame, camera, plate, 0.95, null, at);
        r.setBox(new PlateBox((int) Math.round(p[0] - 50), (int) Math.round(p[1] - 24), 100, 48));
        return r;
    }

    private void send(PlateRead read) throws Exception {
        long t = read.getCaptureTime().toEpochMilli();
        harness.processElement(new RawRecord(Topics.READS.name(), 0, offset++, t, read.getCameraId(),
                Topics.READS.wire().encode(read)), t);
    }

    /** Sends a vehicle at {@code kmh} through the view (X 24 m down to 11 m) at 25 fps; returns its last time. */
    private long drive(String plate, double kmh, long start, int maxFrames) throws Exception {
        double v = kmh / 3.6;
        long last = start;
        for (int i = 0; i < maxFrames; i++) {
            double x = 24 - v * i * 0.040;
            if (x < 11) {
                break;
            }
            last = start + i * 40L + (i % 3 == 1 ? 2 : 0); // a little clock jitter
            send(readAt("vid-1", plate, i, last, x));
        }
        return last;
    }

    private List<Passage> passages() {
        var side = harness.getSideOutput(VideoSpeedFunction.PASSAGES);
        return side == null ? List.of() : side.stream().map(StreamRecord::getValue).toList();
    }

    private List<DeadLetter> deadLetters() {
        var side = harness.getSideOutput(VideoSpeedFunction.DEAD_LETTERS);
        return side == null ? List.of() : side.stream().map(StreamRecord::getValue).toList();
    }

    private int keyedStateEntries() {
        return ((HeapKeyedStateBackend<?>) harness.getOperator().getKeyedStateBackend()).numKeyValueStateEntries();
    }

    @Test
    void aVehicleOfAVideoCameraBecomesOnePassageWithItsVideoSpeedAndStateEmpties() throws Exception {
        // given
        long last = drive("1284ABD", 120, T0, 1000);
        assertTrue(harness.extractOutputValues().isEmpty(), "video reads are not passed on");
        assertTrue(passages().isEmpty(), "nothing before the track is over");
        // when event time passes the last read + the 1 s gap
        harness.processWatermark(new Watermark(last + 1_250));
        // then
        assertEquals(1, passages().size());
        Passage p = passages().get(0);
        assertEquals(SpeedSource.VIDEO, p.getSpeedSource());
        assertEquals(120, p.getSpeedKmh(), 1.0);
        assertTrue(p.getSpeedUncertaintyKmh() > 0 && p.getSpeedUncertaintyKmh() < 5, "+- " + p.getSpeedUncertaintyKmh());
        assertEquals("1284ABD", p.getPlateText());
        assertEquals(0, harness.numEventTimeTimers());
        // only the camera's frame clock and own clock (a few numbers each) stay: no reads
        assertEquals(2, keyedStateEntries());
        assertTrue(deadLetters().isEmpty());
    }

    @Test
    void theFunctionSerialisesAsFlinkShipsIt() throws Exception {
        // A job graph is serialised before it runs: every option object inside must be Serializable.
        Object copy = org.apache.flink.util.InstantiationUtil.clone(new VideoSpeedFunction(VideoSpeedSettings.defaults()));
        assertTrue(copy instanceof VideoSpeedFunction);
    }

    @Test
    void aTrackTooShortGivesAPassageWithoutSpeed() throws Exception {
        long last = drive("1284ABD", 90, T0, 3);
        harness.processWatermark(new Watermark(last + 1_250));
        assertEquals(1, passages().size());
        assertNull(passages().get(0).getSpeedKmh());
        assertEquals(SpeedSource.UNKNOWN, passages().get(0).getSpeedSource());
        assertEquals(0, harness.numEventTimeTimers());
    }

    @Test
    void readsOfRadarAndUnknownCamerasPassThroughAndLateVideoReadsAreDeadLettered() throws Exception {
        send(Fixtures.read("r-1", "radar-1", "1284ABD", 0.9, 95.0, T0));
        send(Fixtures.read("u-1", "nobody", "1284ABD", 0.9, 95.0, T0));
        assertEquals(2, harness.extractOutputValues().size());
        assertEquals(0, keyedStateEntries());

        // a vehicle whose track the watermark finished
        long last = drive("1284ABD", 120, T0, 1000);
        harness.processWatermark(new Watermark(T0 + 10_000));
        assertEquals(1, passages().size());
        // a read captured within a gap of it, coming after that, is late
        send(readAt("vid-1", "1284ABD", 99, last + 500, 12));
        assertEquals(1, deadLetters().size());
        assertEquals(VideoSpeedFunction.LATE_READ, deadLetters().get(0).getReason());
        assertEquals(1, counted(LagMetrics.LATE_READS));
        assertEquals(0, counted(LagMetrics.LAG_SPELLS));
        assertEquals(1, passages().size());
        assertEquals(Instant.ofEpochMilli(last + 500), Topics.READS.wire().decode(
                deadLetters().get(0).getOriginal().array()).getCaptureTime());
    }

    @Test
    void twoVehiclesOneAfterAnotherAreTwoPassagesWithTheirOwnSpeeds() throws Exception {
        long last1 = drive("1284ABD", 60, T0, 1000);
        long last2 = drive("7777KKK", 160, last1 + 400, 1000);
        harness.processWatermark(new Watermark(last2 + 1_250));
        assertEquals(2, passages().size());
        assertEquals(60, passages().get(0).getSpeedKmh(), 1.0);
        assertEquals(160, passages().get(1).getSpeedKmh(), 1.5);
        assertEquals(0, harness.numEventTimeTimers());
    }

    @Test
    void aLaggingQuietThatIsNotPositiveIsRefused() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new VideoSpeedFunction(VideoSpeedSettings.defaults().withLaggingQuiet(Duration.ZERO)));
        assertTrue(e.getMessage().contains("laggingQuiet must be > 0"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(longs = {5_000, 2_000})
    void aCameraWhoseReadsComeBehindTheWatermarkHasItsTracksFinishedOnItsOwnClockNotDeadLettered(long quiet)
            throws Exception {
        if (quiet != VideoSpeedSettings.defaults().laggingQuiet().toMillis()) {
            harness.close();
            open(VideoSpeedSettings.defaults().withLaggingQuiet(Duration.ofMillis(quiet)));
        }
        // given the other partitions moved the watermark a minute on while this camera's partition was quiet
        harness.processWatermark(new Watermark(T0 + 60_000));
        // when its reads come: a vehicle at 120 km/h, far behind the watermark
        long last1 = drive("1284ABD", 120, T0, 1000);
        harness.processWatermark(new Watermark(T0 + 61_000));
        // then its track is not finished by the watermark: the camera's reads so far say nothing of what follows
        assertTrue(passages().isEmpty());
        assertTrue(deadLetters().isEmpty(), "none of its reads is late");
        assertEquals(1, counted(LagMetrics.LAG_SPELLS), "one spell behind the watermark, counted once");
        assertEquals(0, counted(LagMetrics.LATE_READS));

        // when its own reads are the out-of-orderness (5 s) and the gap (1 s) past the first vehicle
        long last2 = drive("7777KKK", 90, last1 + 6_500, 1000);
        // then the first vehicle's track is out, whole, with its speed
        assertEquals(1, passages().size());
        assertEquals("1284ABD", passages().get(0).getPlateText());
        assertEquals(120, passages().get(0).getSpeedKmh(), 1.0);

        // when the camera has been quiet for the settings' quiet (5 s by default) of wall clock: its backlog is
        // through, the watermark finishes the rest; not before
        harness.setProcessingTime(quiet - 1);
        assertEquals(1, passages().size());
        harness.setProcessingTime(quiet);
        assertEquals(List.of("1284ABD", "7777KKK"), passages().stream().map(Passage::getPlateText).toList());
        assertEquals(90, passages().get(1).getSpeedKmh(), 1.0);
        assertTrue(deadLetters().isEmpty());
        // (the second vehicle came behind the watermark too: the camera lagged throughout)
        assertTrue(last2 < T0 + 61_000);
    }
}
