package org.raqib.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.raqib.models.wire.AvroWire;

/**
 * Every schema must stay backward compatible with its released versions: a consumer built from
 * the current schema must read what a producer of any earlier release wrote.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SchemaCompatibilityTest {

    private static Map<String, Schema> currentSchemas() throws IOException {
        Schema.Parser parser = new Schema.Parser();
        // Parse in the released dependency order first, then anything new.
        List<String> order = AvroWire.SchemaHistory.all().stream().map(Schema::getName).distinct().toList();
        Path dir = Path.of("src/main/avro");
        Map<String, Schema> out = new TreeMap<>();
        for (String name : order) {
            Path f = dir.resolve(name + ".avsc");
            if (Files.exists(f)) {
                Schema s = parser.parse(f.toFile());
                out.put(s.getFullName(), s);
            }
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".avsc")).sorted().toList()) {
                String name = f.getFileName().toString().replace(".avsc", "");
                if (!order.contains(name)) {
                    Schema s = parser.parse(f.toFile());
                    out.put(s.getFullName(), s);
                }
            }
        }
        return out;
    }

    @Test
    void everyReleasedSchemaIsStillReadableByTheCurrentOne() throws IOException {
        Map<String, Schema> current = currentSchemas();
        List<Schema> history = AvroWire.SchemaHistory.all();
        assertFalse(history.isEmpty(), "schema history must not be empty");
        for (Schema old : history) {
            Schema now = current.get(old.getFullName());
            assertTrue(now != null, old.getFullName() + " was released and must not be removed");
            var result = SchemaCompatibility.checkReaderWriterCompatibility(now, old);
            assertEquals(SchemaCompatibilityType.COMPATIBLE, result.getType(),
                    old.getFullName() + " is not backward compatible with a released version: "
                            + result.getResult().getIncompatibilities());
        }
    }

    @Test
    void everySchemaIsReleasedInTheHistory() throws IOException {
        var released = AvroWire.SchemaHistory.all().stream().map(Schema::getFullName).distinct().toList();
        for (String name : currentSchemas().keySet()) {
            assertTrue(released.contains(name), name + " has no released version in schema-history/index.txt");
        }
    }

    @Test
    void theCheckCatchesAFieldAddedWithoutDefault() throws IOException {
        Schema old = AvroWire.SchemaHistory.versionsOf("org.raqib.models.PlateBox").get(0);
        Schema broken = new Schema.Parser().parse(old.toString().replace(
                "{\"name\":\"x\"", "{\"name\":\"rotation\",\"type\":\"double\"},{\"name\":\"x\""));
        var result = SchemaCompatibility.checkReaderWriterCompatibility(broken, old);
        assertEquals(SchemaCompatibilityType.INCOMPATIBLE, result.getType());
    }

    @Test
    void everyFieldIsDocumented() throws IOException {
        for (Schema s : currentSchemas().values()) {
            assertTrue(s.getDoc() != null && !s.getDoc().isBlank(), s.getFullName() + " has no doc");
            if (s.getType() == Schema.Type.RECORD) {
                for (Schema.Field f : s.getFields()) {
                    assertTrue(f.doc() != null && !f.doc().isBlank(), s.getFullName() + "." + f.name() + " has no doc");
                }
            }
        }
    }
}
