package org.raqib.jobs.avro;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.raqib.jobs.Fixtures;
import org.raqib.models.Passage;
import org.raqib.models.PlateAlternative;
import org.raqib.models.PlateBox;
import org.raqib.models.PlateLayout;
import org.raqib.models.PlateRead;
import org.raqib.models.SpeedSource;
import org.raqib.models.Violation;
import org.raqib.models.ViolationStatus;
import org.raqib.models.ViolationType;
import org.raqib.models.wire.AvroWire;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RecordBodyWritersTest {

    /** The Avro binary body of {@code record} as Avro's own writer makes it. */
    static <T extends SpecificRecord> byte[] avroBody(T record) throws IOException {
        ByteArrayOutputStream generic = new ByteArrayOutputStream();
        BinaryEncoder g = EncoderFactory.get().binaryEncoder(generic, null);
        new SpecificDatumWriter<T>(record.getSchema(), SpecificData.getForSchema(record.getSchema())).write(record, g);
        g.flush();
        return generic.toByteArray();
    }

    private static <T extends SpecificRecord> void assertSameBytesAsAvro(T record) throws IOException {
        ByteArrayOutputStream hand = new ByteArrayOutputStream();
        BinaryEncoder h = EncoderFactory.get().binaryEncoder(hand, null);
        RecordBodyWriters.BodyWriter<T> writer = RecordBodyWriters.forSchema(record.getSchema());
        assertNotNull(writer, "no hand-written writer for " + record.getSchema().getName()
                + ": its schema changed; update RecordBodyWriters (fields and fingerprint)");
        writer.write(record, h);
        h.flush();
        assertArrayEquals(avroBody(record), hand.toByteArray());
    }

    static PlateRead fullRead() {
        return PlateRead.newBuilder(Fixtures.read("f-1", "cam-1", "1234ABC", 0.93, 87.5, 1_700_000_000_123L))
                .setCharacterConfidences(List.of(0.9, 0.99, 0.5, 1.0, 0.25, 0.75, 0.8))
                .setAlternatives(List.of(new PlateAlternative("1234ABG", 0.04), new PlateAlternative("1284ABC", 0.02)))
                .setBox(new PlateBox(-3, 1080, 640, 2)).setLayout(PlateLayout.WIDE)
                .setPlateArabic("١٢٣٤ ا ب ح").build();
    }

    @Test
    void plateReadsEncodeAsAvroDoes() throws IOException {
        assertSameBytesAsAvro(fullRead());
        assertSameBytesAsAvro(sparseRead());
    }

    /** A passage with every optional field set. */
    static Passage fullPassage() {
        return Passage.newBuilder().setPassageId("p-1").setCameraId("cam-1").setPlateText("1234ABC")
                .setPlateArabic("١٢٣٤").setConfidence(0.91).setFirstSeen(Instant.ofEpochMilli(1_700_000_000_000L))
                .setLastSeen(Instant.ofEpochMilli(1_700_000_000_480L)).setReadCount(3).setBestFrameId("f-2")
                .setEvidenceSha256("cd".repeat(32)).setSpeedKmh(131.25).setSpeedSource(SpeedSource.VIDEO)
                .setSpeedUncertaintyKmh(1.5).setLane(2).build();
    }

    /** The same passage with every optional field empty. */
    static Passage sparsePassage() {
        return Passage.newBuilder(fullPassage()).setSpeedKmh(null).setSpeedSource(SpeedSource.UNKNOWN)
                .setSpeedUncertaintyKmh(null).setLane(null).setReadCount(-1).build();
    }

    /** The full read with every optional field and list empty. */
    static PlateRead sparseRead() {
        return PlateRead.newBuilder(fullRead()).setRadarSpeedKmh(null).setLane(null)
                .setCharacterConfidences(List.of()).setAlternatives(List.of()).setPlateArabic("").build();
    }

    /** A section violation with every optional field set, signed. */
    static Violation fullViolation() {
        return Violation.newBuilder().setViolationId("v-1").setType(ViolationType.SECTION_SPEEDING)
                .setStatus(ViolationStatus.DISMISSED).setPlateText("1234ABC").setPlateArabic("١٢٣٤ ا ب ح")
                .setConfidence(0.87).setCameraIds(List.of("cam-a", "cam-b")).setRoadId("R1").setRegion("riyadh")
                .setEventTime(Instant.ofEpochMilli(1_700_000_060_000L)).setEntryTime(Instant.ofEpochMilli(1_700_000_000_000L))
                .setMeasuredSpeedKmh(151.5).setSpeedLimitKmh(120).setToleranceKmh(5).setExcessKmh(31.5)
                .setSpeedBand("31-40").setSpeedSource(SpeedSource.SECTION).setEvidenceSha256(List.of("ab".repeat(32), "cd".repeat(32)))
                .setFrameIds(List.of("f-1", "f-2")).setDetectedAt(Instant.ofEpochMilli(1_700_000_063_250L))
                .setSignature("ef".repeat(32)).build();
    }

    /** A spot violation with every optional field and list empty, unsigned. */
    static Violation sparseViolation() {
        return Violation.newBuilder(fullViolation()).setType(ViolationType.UNKNOWN).setStatus(ViolationStatus.UNKNOWN)
                .setCameraIds(List.of()).setEntryTime(null).setEvidenceSha256(List.of()).setFrameIds(List.of())
                .setSpeedSource(SpeedSource.UNKNOWN).setSignature(null).setPlateArabic("").setSpeedLimitKmh(-1).build();
    }

    @Test
    void violationsEncodeAsAvroDoes() throws IOException {
        assertSameBytesAsAvro(fullViolation());
        assertSameBytesAsAvro(sparseViolation());
        assertSameBytesAsAvro(Violation.newBuilder(fullViolation()).setType(ViolationType.SPOT_SPEEDING)
                .setStatus(ViolationStatus.NEEDS_REVIEW).setSpeedSource(SpeedSource.VIDEO).setCameraIds(List.of("cam-a")).build());
    }

    @Test
    void passagesEncodeAsAvroDoes() throws IOException {
        assertSameBytesAsAvro(fullPassage());
        assertSameBytesAsAvro(sparsePassage());
    }

    @Test
    void theSerializerRoundTripsThroughTheHandWrittenWriter() throws IOException {
        AvroRecordSerializer<PlateRead> serializer = new AvroRecordSerializer<>(PlateRead.class);
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(fullRead(), out);
        serializer.serialize(fullRead(), out); // the reused buffered encoder starts clean
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        assertEquals(fullRead(), serializer.deserialize(in));
        assertEquals(fullRead(), serializer.deserialize(in));
        // and what it writes is an ordinary single-object value
        DataInputDeserializer again = new DataInputDeserializer(out.getCopyOfBuffer());
        byte[] value = new byte[again.readInt()];
        again.readFully(value);
        assertEquals(fullRead(), AvroWire.of(PlateRead.class).decode(value));
    }

    @Test
    void aRecordHandedToSeveralSerializersInTurnIsWrittenTheSameByEach() throws IOException {
        // as an operator's output does with one passage for each of its network consumers
        Passage full = fullPassage();
        Passage sparse = sparsePassage();
        List<AvroRecordSerializer<Passage>> consumers = List.of(new AvroRecordSerializer<>(Passage.class),
                new AvroRecordSerializer<>(Passage.class), new AvroRecordSerializer<>(Passage.class));
        DataOutputSerializer alone = new DataOutputSerializer(64);
        new AvroRecordSerializer<>(Passage.class).serialize(full, alone);
        new AvroRecordSerializer<>(Passage.class).serialize(sparse, alone);
        new AvroRecordSerializer<>(Passage.class).serialize(full, alone);
        byte[] expected = alone.getCopyOfBuffer();
        for (AvroRecordSerializer<Passage> first : consumers) {
            DataOutputSerializer out = new DataOutputSerializer(64);
            for (AvroRecordSerializer<Passage> c : consumers) {
                out.clear();
                // the first consumer's serializer writes the sparse passage in between: the others' bytes stay right
                c.serialize(full, out);
                (c == first ? c : consumers.get(0)).serialize(sparse, out);
                c.serialize(full, out);
                assertArrayEquals(expected, out.getCopyOfBuffer());
            }
        }
        // an equal but different object is encoded on its own, to the same bytes
        DataOutputSerializer again = new DataOutputSerializer(64);
        consumers.get(1).serialize(fullPassage(), again);
        consumers.get(2).serialize(sparsePassage(), again);
        consumers.get(0).serialize(fullPassage(), again);
        assertArrayEquals(expected, again.getCopyOfBuffer());
    }
}
