package org.raqib.jobs.avro;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
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

/**
 * Hand-written Avro body readers for the records {@link RecordBodyWriters} writes by hand: every read is
 * decoded once, every passage once per consumer and every violation once by its sink, and Avro's resolving reader spent most of a decode
 * on its field setters and on turning each string into a {@code Utf8} and then a {@code String}. Each
 * reader takes the fields in schema order from a {@link BodyInput} straight into the all-arguments
 * constructor, so the record is
 * equal to Avro's ({@code RecordBodyReadersTest}); only values of the exact schema it was written for (by
 * fingerprint) are read so, any other schema gets {@code null} from {@link #forSchema} and Avro's reader.
 */
public final class RecordBodyReaders {

    /** Reads the Avro binary body (no single-object header) of one record. */
    public interface BodyReader<T> {
        T read(BodyInput in) throws IOException;
    }

    private static final PlateLayout[] LAYOUTS = PlateLayout.values();
    private static final SpeedSource[] SPEED_SOURCES = SpeedSource.values();
    private static final ViolationType[] VIOLATION_TYPES = ViolationType.values();
    private static final ViolationStatus[] VIOLATION_STATUSES = ViolationStatus.values();

    private RecordBodyReaders() {
    }

    /** The hand-written reader for records of {@code schema}, or {@code null} to use Avro's own. */
    @SuppressWarnings("unchecked")
    public static <T extends SpecificRecord> BodyReader<T> forSchema(Schema schema) {
        long fp = AvroWire.fingerprint(schema);
        if (schema.getFullName().equals(PlateRead.getClassSchema().getFullName())
                && fp == RecordBodyWriters.PLATE_READ_FINGERPRINT) {
            return (BodyReader<T>) (BodyReader<PlateRead>) RecordBodyReaders::readPlateRead;
        }
        if (schema.getFullName().equals(Passage.getClassSchema().getFullName())
                && fp == RecordBodyWriters.PASSAGE_FINGERPRINT) {
            return (BodyReader<T>) (BodyReader<Passage>) RecordBodyReaders::readPassage;
        }
        if (schema.getFullName().equals(Violation.getClassSchema().getFullName())
                && fp == RecordBodyWriters.VIOLATION_FINGERPRINT) {
            return (BodyReader<T>) (BodyReader<Violation>) RecordBodyReaders::readViolation;
        }
        return null;
    }

    static PlateRead readPlateRead(BodyInput in) throws IOException {
        String readId = in.readString();
        String frameId = in.readString();
        String cameraId = in.readString();
        Instant captureTime = Instant.ofEpochMilli(in.readLong());
        String plateText = in.readString();
        String plateArabic = in.readString();
        double confidence = in.readDouble();
        List<Double> characterConfidences = new ArrayList<>();
        for (long n = in.readBlockCount(); n != 0; n = in.readBlockCount()) {
            for (long i = 0; i < n; i++) {
                characterConfidences.add(in.readDouble());
            }
        }
        List<PlateAlternative> alternatives = new ArrayList<>();
        for (long n = in.readBlockCount(); n != 0; n = in.readBlockCount()) {
            for (long i = 0; i < n; i++) {
                alternatives.add(new PlateAlternative(in.readString(), in.readDouble()));
            }
        }
        PlateBox box = new PlateBox(in.readInt(), in.readInt(), in.readInt(), in.readInt());
        PlateLayout layout = LAYOUTS[in.readInt()];
        String evidence = in.readString();
        Double radarSpeed = !in.readPresent() ? null : Double.valueOf(in.readDouble());
        Integer lane = !in.readPresent() ? null : Integer.valueOf(in.readInt());
        return new PlateRead(readId, frameId, cameraId, captureTime, plateText, plateArabic, confidence,
                characterConfidences, alternatives, box, layout, evidence, radarSpeed, lane);
    }

    static Passage readPassage(BodyInput in) throws IOException {
        String passageId = in.readString();
        String cameraId = in.readString();
        String plateText = in.readString();
        String plateArabic = in.readString();
        double confidence = in.readDouble();
        Instant firstSeen = Instant.ofEpochMilli(in.readLong());
        Instant lastSeen = Instant.ofEpochMilli(in.readLong());
        int readCount = in.readInt();
        String bestFrameId = in.readString();
        String evidence = in.readString();
        Double speed = !in.readPresent() ? null : Double.valueOf(in.readDouble());
        SpeedSource source = SPEED_SOURCES[in.readInt()];
        Double uncertainty = !in.readPresent() ? null : Double.valueOf(in.readDouble());
        Integer lane = !in.readPresent() ? null : Integer.valueOf(in.readInt());
        return new Passage(passageId, cameraId, plateText, plateArabic, confidence, firstSeen, lastSeen, readCount,
                bestFrameId, evidence, speed, source, uncertainty, lane);
    }

    static Violation readViolation(BodyInput in) throws IOException {
        String violationId = in.readString();
        ViolationType type = VIOLATION_TYPES[in.readInt()];
        ViolationStatus status = VIOLATION_STATUSES[in.readInt()];
        String plateText = in.readString();
        String plateArabic = in.readString();
        double confidence = in.readDouble();
        List<String> cameraIds = readStrings(in);
        String roadId = in.readString();
        String region = in.readString();
        Instant eventTime = Instant.ofEpochMilli(in.readLong());
        Instant entryTime = !in.readPresent() ? null : Instant.ofEpochMilli(in.readLong());
        double measured = in.readDouble();
        int limit = in.readInt();
        int tolerance = in.readInt();
        double excess = in.readDouble();
        String band = in.readString();
        SpeedSource source = SPEED_SOURCES[in.readInt()];
        List<String> evidence = readStrings(in);
        List<String> frameIds = readStrings(in);
        Instant detectedAt = Instant.ofEpochMilli(in.readLong());
        String signature = !in.readPresent() ? null : in.readString();
        return new Violation(violationId, type, status, plateText, plateArabic, confidence, cameraIds, roadId, region,
                eventTime, entryTime, measured, limit, tolerance, excess, band, source, evidence, frameIds, detectedAt,
                signature);
    }

    private static List<String> readStrings(BodyInput in) throws IOException {
        List<String> values = new ArrayList<>(2);
        for (long n = in.readBlockCount(); n != 0; n = in.readBlockCount()) {
            for (long i = 0; i < n; i++) {
                values.add(in.readString());
            }
        }
        return values;
    }
}
