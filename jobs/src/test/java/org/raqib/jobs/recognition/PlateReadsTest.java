package org.raqib.jobs.recognition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.raqib.detection.Box;
import org.raqib.detection.PlateResult;
import org.raqib.detection.Quad;
import org.raqib.detection.Recognition;
import org.raqib.models.CameraFrame;
import org.raqib.models.PlateLayout;
import org.raqib.models.PlateRead;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class PlateReadsTest {

    private static PlateResult plate(String text, double confidence, int x, int w, int h) {
        return new PlateResult(text, "", confidence, new double[] {confidence}, List.of(),
                new Quad(new double[] {x, x + w, x + w, x}, new double[] {0, 0, h, h}), new Box(x, 0, w, h),
                PlateLayout.STANDARD);
    }

    private static CameraFrame frame() {
        return CameraFrame.newBuilder().setFrameId("f-7").setCameraId("cam-1")
                .setCaptureTime(Instant.ofEpochMilli(1_000)).setReceiveTime(Instant.ofEpochMilli(1_010))
                .setJpeg(ByteBuffer.wrap(new byte[] {1})).setWidth(1280).setHeight(720).setLane(1)
                .setRadarSpeedKmh(142.0).build();
    }

    @Test
    void onlyTheLargestPlateCarriesTheRadarSpeed() {
        Recognition r = new Recognition(List.of(plate("1234ABD", 0.99, 0, 60, 30), plate("5678BDE", 0.80, 300, 180, 90),
                plate("9ABD", 0.95, 600, 100, 50)), 1280, 720, 1_000_000);
        List<PlateRead> reads = PlateReads.of(frame(), r, "ab".repeat(32));
        assertEquals(3, reads.size());
        assertNull(reads.get(0).getRadarSpeedKmh());
        assertEquals(142.0, reads.get(1).getRadarSpeedKmh());
        assertNull(reads.get(2).getRadarSpeedKmh());
        // Everything else of the frame goes to every read.
        for (PlateRead read : reads) {
            assertEquals(1, read.getLane());
            assertEquals("f-7", read.getFrameId());
        }
        assertEquals("f-7#1", reads.get(1).getReadId());
    }

    @Test
    void aTieGoesToTheMoreConfidentPlate() {
        assertEquals(1, PlateReads.measuredPlateIndex(List.of(plate("1ABD", 0.5, 0, 100, 50),
                plate("2ABD", 0.9, 200, 100, 50))));
        assertEquals(-1, PlateReads.measuredPlateIndex(List.of()));
    }
}
