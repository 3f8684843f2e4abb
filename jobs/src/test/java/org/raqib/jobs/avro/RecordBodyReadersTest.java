package org.raqib.jobs.avro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.raqib.models.Camera;
import org.raqib.models.PlateRead;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RecordBodyReadersTest {

    /** Avro's own writer, then both Avro's reader and the hand-written one: equal records, all bytes read. */
    private static <T extends SpecificRecord> void assertReadsAsAvroDoes(T record) throws IOException {
        byte[] bytes = RecordBodyWritersTest.avroBody(record);
        RecordBodyReaders.BodyReader<T> reader = RecordBodyReaders.forSchema(record.getSchema());
        assertNotNull(reader, "no hand-written reader for " + record.getSchema().getName()
                + ": its schema changed; update RecordBodyReaders (fields) with RecordBodyWriters");
        BodyInput hand = new BodyInput().reset(bytes, 0, bytes.length);
        T read = reader.read(hand);
        assertEquals(record, read);
        assertEquals(new SpecificDatumReader<T>(record.getSchema()).read(null,
                DecoderFactory.get().binaryDecoder(bytes, null)), read);
        assertTrue(hand.atEnd(), "every byte read");
    }

    @Test
    void plateReadsDecodeAsAvroDoes() throws IOException {
        assertReadsAsAvroDoes(RecordBodyWritersTest.fullRead());
        assertReadsAsAvroDoes(RecordBodyWritersTest.sparseRead());
    }

    @Test
    void passagesDecodeAsAvroDoes() throws IOException {
        assertReadsAsAvroDoes(RecordBodyWritersTest.fullPassage());
        assertReadsAsAvroDoes(RecordBodyWritersTest.sparsePassage());
    }

    @Test
    void violationsDecodeAsAvroDoes() throws IOException {
        assertReadsAsAvroDoes(RecordBodyWritersTest.fullViolation());
        assertReadsAsAvroDoes(RecordBodyWritersTest.sparseViolation());
    }

    @Test
    void otherRecordsAreLeftToAvro() {
        assertNull(RecordBodyReaders.forSchema(Camera.getClassSchema()));
    }

    @Test
    void arraysWrittenInSizedBlocksAndLongNumbersDecodeAsAvroDoes() throws IOException {
        // an encoder that writes arrays in blocks with their byte sizes (negative counts), as Avro may
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryEncoder e = EncoderFactory.get().blockingBinaryEncoder(bytes, null);
        PlateRead read = PlateRead.newBuilder(RecordBodyWritersTest.fullRead())
                .setCaptureTime(Instant.ofEpochMilli(Long.MAX_VALUE / 2)).build();
        new SpecificDatumWriter<PlateRead>(read.getSchema()).write(read, e);
        e.flush();
        BodyInput in = new BodyInput().reset(bytes.toByteArray(), 0, bytes.size());
        assertEquals(read, RecordBodyReaders.<PlateRead>forSchema(read.getSchema()).read(in));
        assertTrue(in.atEnd());
    }

    @Test
    void aTruncatedValueIsAnErrorNotAShorterRecord() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryEncoder e = EncoderFactory.get().binaryEncoder(bytes, null);
        new SpecificDatumWriter<PlateRead>(PlateRead.getClassSchema()).write(RecordBodyWritersTest.fullRead(), e);
        e.flush();
        BodyInput in = new BodyInput().reset(bytes.toByteArray(), 0, bytes.size() - 2);
        assertThrows(IOException.class, () -> RecordBodyReaders.<PlateRead>forSchema(PlateRead.getClassSchema()).read(in));
    }
}
