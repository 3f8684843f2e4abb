package org.raqib.ingest.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class BodyBuffersTest {

    @Test
    void reusesPooledArraysUpToItsCapacityOnly() {
        BodyBuffers buffers = new BodyBuffers(2);
        byte[] a = buffers.take(200_000);
        byte[] b = buffers.take(1);
        byte[] c = buffers.take(BodyBuffers.POOLED_BYTES);
        assertEquals(BodyBuffers.POOLED_BYTES, a.length);
        buffers.give(a);
        buffers.give(b);
        buffers.give(c);
        assertEquals(2, buffers.pooled());
        assertSame(a, buffers.take(10));
        assertSame(b, buffers.take(10));
        assertNotSame(c, buffers.take(10));
    }

    @Test
    void largerBodiesGetAnExactArrayThatIsNotKept() {
        BodyBuffers buffers = new BodyBuffers(4);
        byte[] big = buffers.take(BodyBuffers.POOLED_BYTES + 1);
        assertEquals(BodyBuffers.POOLED_BYTES + 1, big.length);
        buffers.give(big);
        buffers.give(null);
        assertEquals(0, buffers.pooled());
    }
}
