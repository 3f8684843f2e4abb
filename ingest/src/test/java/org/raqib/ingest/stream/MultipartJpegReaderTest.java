package org.raqib.ingest.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class MultipartJpegReaderTest {

    private static final byte[] A = TestImages.jpeg(1, 32, 24);
    private static final byte[] B = TestImages.jpeg(2, 48, 16);

    private static void ascii(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static void part(ByteArrayOutputStream out, byte[] body, boolean withLength) {
        ascii(out, "--cam\r\nContent-Type: image/jpeg\r\n");
        if (withLength) {
            ascii(out, "Content-Length: " + body.length + "\r\n");
        }
        ascii(out, "\r\n");
        out.writeBytes(body);
        ascii(out, "\r\n");
    }

    @Test
    void boundaryIsTakenFromTheContentTypeQuotedOrNot() {
        assertEquals("cam", MultipartJpegReader.boundaryOf("multipart/x-mixed-replace; boundary=cam"));
        assertEquals("my frame", MultipartJpegReader.boundaryOf("multipart/x-mixed-replace;boundary=\"my frame\""));
        assertNull(MultipartJpegReader.boundaryOf("multipart/x-mixed-replace"));
        assertNull(MultipartJpegReader.boundaryOf(null));
    }

    @Test
    void partsWithAndWithoutContentLengthAreReadExactly() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ascii(out, "preamble some servers send\r\n");
        part(out, A, true);
        part(out, B, false);
        part(out, A, false);
        ascii(out, "--cam--\r\n");
        MultipartJpegReader r = new MultipartJpegReader(new ByteArrayInputStream(out.toByteArray()), "cam");
        assertArrayEquals(A, r.nextPart());
        assertArrayEquals(B, r.nextPart());
        assertArrayEquals(A, r.nextPart());
        assertNull(r.nextPart(), "closing boundary ends the stream");
    }

    @Test
    void bodiesContainingBoundaryLikeBytesAreKeptWhole() throws IOException {
        byte[] tricky = "\r\n--ca\r\n-\r\n--cax".getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        part(out, tricky, false);
        part(out, A, false);
        MultipartJpegReader r = new MultipartJpegReader(new ByteArrayInputStream(out.toByteArray()), "--cam");
        assertArrayEquals(tricky, r.nextPart());
    }

    @Test
    void aStreamCutInsideAPartIsAnErrorAndAnOversizedPartIsRefused() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ascii(out, "--cam\r\nContent-Length: 5000\r\n\r\n");
        out.writeBytes(A);
        MultipartJpegReader cut = new MultipartJpegReader(new ByteArrayInputStream(out.toByteArray()), "cam");
        assertThrows(IOException.class, cut::nextPart);

        ByteArrayOutputStream big = new ByteArrayOutputStream();
        ascii(big, "--cam\r\nContent-Length: 999999999\r\n\r\n");
        MultipartJpegReader huge = new MultipartJpegReader(new ByteArrayInputStream(big.toByteArray()), "cam");
        IOException e = assertThrows(IOException.class, huge::nextPart);
        assertEquals(true, e.getMessage().contains("limit"), e.getMessage());
    }

    @Test
    void jpegInspectionReadsTheSizeAndRejectsTruncatedOrForeignBytes() throws IOException {
        EncodedFrame f = JpegCodec.inspect(B);
        assertEquals(48, f.width());
        assertEquals(16, f.height());
        assertThrows(BadFrameException.class, () -> JpegCodec.inspect(java.util.Arrays.copyOf(B, B.length / 2)));
        assertThrows(BadFrameException.class, () -> JpegCodec.inspect(TestImages.encode(TestImages.numbered(1, 8, 8), "png")));
    }
}
