package org.raqib.ingest.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class JpegHeaderTest {

    private static final byte[] JPEG = TestJpegs.jpeg(320, 200, 1);

    @Test
    void readsTheDeclaredSizeOfARealJpeg() {
        JpegHeader h = JpegHeader.read(JPEG, JPEG.length);
        assertEquals(320, h.width());
        assertEquals(200, h.height());
    }

    @Test
    void readsAHugeDeclaredSizeWithoutDecoding() {
        byte[] bomb = TestJpegs.declaring(JPEG, 60000, 60000);
        JpegHeader h = JpegHeader.read(bomb, bomb.length);
        assertEquals(3_600_000_000L, h.pixels());
    }

    @Test
    void aPngIsNotAJpeg() {
        byte[] png = TestJpegs.png(20, 20);
        JpegHeader.InvalidJpegException e = assertThrows(JpegHeader.InvalidJpegException.class,
                () -> JpegHeader.read(png, png.length));
        assertEquals(RejectReason.NOT_JPEG, e.reason());
        assertTrue(e.getMessage().contains("PNG"), e.getMessage());
    }

    @Test
    void aBodyCutAnywhereIsTruncatedOrMalformed() {
        for (int cut = 2; cut < JPEG.length - 1; cut += 37) {
            int n = cut;
            JpegHeader.InvalidJpegException e = assertThrows(JpegHeader.InvalidJpegException.class,
                    () -> JpegHeader.read(JPEG, n), "cut at " + n);
            assertTrue(e.reason() == RejectReason.TRUNCATED_JPEG || e.reason() == RejectReason.MALFORMED_JPEG,
                    "cut at " + n + ": " + e.reason());
        }
        // Cut in the entropy-coded data: the header is whole, the end marker missing.
        assertEquals(RejectReason.TRUNCATED_JPEG, assertThrows(JpegHeader.InvalidJpegException.class,
                () -> JpegHeader.read(JPEG, JPEG.length - 10)).reason());
    }

    @Test
    void onlyTheStartMarkerIsNotAnImage() {
        byte[] soi = {(byte) 0xFF, (byte) 0xD8};
        assertEquals(RejectReason.TRUNCATED_JPEG, assertThrows(JpegHeader.InvalidJpegException.class,
                () -> JpegHeader.read(soi, 2)).reason());
        assertEquals(RejectReason.NOT_JPEG, assertThrows(JpegHeader.InvalidJpegException.class,
                () -> JpegHeader.read(new byte[0], 0)).reason());
    }

    @Test
    void aSegmentLengthBelowTwoIsMalformed() {
        byte[] b = Arrays.copyOf(JPEG, JPEG.length);
        // The first segment after SOI (APP0 or DQT) gets length 1.
        b[4] = 0;
        b[5] = 1;
        assertEquals(RejectReason.MALFORMED_JPEG, assertThrows(JpegHeader.InvalidJpegException.class,
                () -> JpegHeader.read(b, b.length)).reason());
    }

    @Test
    void aScanWithoutFrameHeaderIsMalformed() {
        byte[] b = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xDA, 0, 2, 1, 2, 3, (byte) 0xFF, (byte) 0xD9};
        assertEquals(RejectReason.MALFORMED_JPEG, assertThrows(JpegHeader.InvalidJpegException.class,
                () -> JpegHeader.read(b, b.length)).reason());
    }
}
