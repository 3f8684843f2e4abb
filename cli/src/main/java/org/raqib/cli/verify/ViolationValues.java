package org.raqib.cli.verify;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.raqib.models.Violation;
import org.raqib.models.wire.AvroWire;

/**
 * Raw {@code raqib.violations} / {@code raqib.review} values from files: one value per file (what
 * {@code verify --dump DIR} writes) or several back to back without separators (what
 * {@code kcat -C -t raqib.violations -e -D ''} prints). Each value is a single-object encoded
 * {@link Violation}; back-to-back values are split by decoding them one after the other.
 */
public final class ViolationValues {

    /**
     * One value as found.
     *
     * @param where file and position, e.g. {@code dump/0-12.bin} or {@code all.bin#3}
     * @param bytes the value's bytes
     */
    public record Value(String where, byte[] bytes) {
    }

    private ViolationValues() {
    }

    /** Every value in {@code paths} (files, or directories read in name order, not recursively). */
    public static List<Value> read(List<Path> paths) {
        List<Value> out = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> files = Files.list(p)) {
                    for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                        out.addAll(split(f.toString(), readAll(f)));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot list " + p, e);
                }
            } else {
                out.addAll(split(p.toString(), readAll(p)));
            }
        }
        return out;
    }

    private static byte[] readAll(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p, e);
        }
    }

    /**
     * Splits back-to-back values. A value's end is where decoding it with the current schema stops; when
     * that fails (a corrupt value), the rest of the bytes are returned as one value, which then fails
     * verification as it should.
     */
    static List<Value> split(String name, byte[] bytes) {
        List<Value> out = new ArrayList<>();
        SpecificDatumReader<Violation> reader = new SpecificDatumReader<>(Violation.class);
        int start = 0;
        while (start < bytes.length) {
            int end = bytes.length;
            if (bytes.length - start > AvroWire.HEADER_LENGTH) {
                ByteArrayInputStream in = new ByteArrayInputStream(bytes, start + AvroWire.HEADER_LENGTH,
                        bytes.length - start - AvroWire.HEADER_LENGTH);
                BinaryDecoder decoder = DecoderFactory.get().directBinaryDecoder(in, null);
                try {
                    reader.read(null, decoder);
                    end = bytes.length - in.available();
                } catch (IOException | RuntimeException e) {
                    end = bytes.length;
                }
            }
            String where = start == 0 && end == bytes.length ? name : name + "#" + out.size();
            out.add(new Value(where, Arrays.copyOfRange(bytes, start, end)));
            start = end;
        }
        return out;
    }
}
