package org.raqib.ingest.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.raqib.models.RoadCalibration;

/**
 * Reads the camera registry from YAML ({@code config/cameras.yaml}) and checks it before anything
 * uses it. The file holds one key, {@code cameras}, a list of entries:
 *
 * <pre>
 * cameras:
 *   - id: RUH-KFR-N-008        # required; upper-case letters, digits and dashes, 2-40 characters
 *     secret: "..."            # required; HMAC secret of the unit, at least 16 characters
 *     name: King Fahd Rd N km 8 # required
 *     latitude: 24.6907        # required; degrees, -90..90
 *     longitude: 46.6853       # required; degrees, -180..180
 *     roadId: RUH-KFR          # required
 *     direction: N             # required; N, S, E, W, NE, NW, SE or SW
 *     kmMarker: 8.0            # required; kilometres, >= 0
 *     speedLimitKmh: 80        # required; 20..140
 *     toleranceKmh: 10         # required; 0..30
 *     region: riyadh           # required
 *     hasRadar: true           # optional, default true
 *     enabled: true            # optional, default true
 *     calibrationValidUntil: 2027-06-30  # optional; ISO date (end of that day, UTC) or instant
 *     calibration:             # optional; image-to-road mapping for speed from video (./raqib calibrate prints it)
 *       homography: [h11, h12, h13, h21, h22, h23, h31, h32, h33]  # required; 9 finite numbers, row-major,
 *                                                                   # pixels -> metres on the plate plane
 *       referenceHeightMetres: 0.5       # optional, default 0; height of that plane above the road, 0..3
 *       reprojectionErrorMetres: 0.01    # required; RMS error of the calibration marks, >= 0
 *       imageWidth: 1920                 # required; frame size the calibration applies to, > 0
 *       imageHeight: 1080                # required
 * </pre>
 *
 * Every problem of the file is collected and reported at once ({@link InvalidRegistryException}):
 * a missing or mistyped field, an unknown key (usually a typo), a duplicate id, a limit out of range.
 */
public final class CameraRegistryFile {

    /** Lowest accepted posted speed limit, km/h. */
    public static final int MIN_SPEED_LIMIT_KMH = 20;
    /** Highest accepted posted speed limit, km/h (the highest limit posted in Saudi Arabia is 140). */
    public static final int MAX_SPEED_LIMIT_KMH = 140;
    /** Highest accepted tolerance, km/h. */
    public static final int MAX_TOLERANCE_KMH = 30;
    /** Shortest accepted secret: a shorter HMAC key is guessable. */
    public static final int MIN_SECRET_LENGTH = 16;

    private static final Pattern ID = Pattern.compile("[A-Z0-9][A-Z0-9-]{1,39}");
    private static final Set<String> DIRECTIONS = Set.of("N", "S", "E", "W", "NE", "NW", "SE", "SW");
    private static final Set<String> KEYS = Set.of("id", "secret", "name", "latitude", "longitude", "roadId",
            "direction", "kmMarker", "speedLimitKmh", "toleranceKmh", "region", "hasRadar", "enabled",
            "calibrationValidUntil", "calibration");
    private static final Set<String> CALIBRATION_KEYS = Set.of("homography", "referenceHeightMetres",
            "reprojectionErrorMetres", "imageWidth", "imageHeight");

    private CameraRegistryFile() {
    }

    /**
     * Loads and validates a registry file.
     *
     * @throws InvalidRegistryException when the file is not a valid registry
     * @throws UncheckedIOException when it cannot be read
     */
    public static CameraRegistry load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read camera registry " + file + ": " + e.getMessage(), e);
        }
        return parse(text, file.toString());
    }

    /**
     * Parses and validates registry YAML.
     *
     * @param yaml the file content
     * @param source where it came from, for the error message
     * @throws InvalidRegistryException when it is not a valid registry
     */
    public static CameraRegistry parse(String yaml, String source) {
        JsonNode root;
        try {
            root = new YAMLMapper().readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new InvalidRegistryException(source, List.of("not valid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")")));
        }
        List<String> problems = new ArrayList<>();
        if (root == null || !root.isObject()) {
            throw new InvalidRegistryException(source, List.of("expected a mapping with the key 'cameras'"));
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!key.equals("cameras")) {
                problems.add("unknown top-level key '" + key + "' (only 'cameras' is allowed)");
            }
        }
        JsonNode list = root.get("cameras");
        if (list == null || !list.isArray() || list.isEmpty()) {
            problems.add("'cameras' must be a non-empty list");
            throw new InvalidRegistryException(source, problems);
        }
        List<RegisteredCamera> cameras = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            Entry e = new Entry(list.get(i), i, problems);
            RegisteredCamera c = e.read();
            if (c != null) {
                if (!seen.add(c.id())) {
                    problems.add("camera #" + (i + 1) + ": duplicate id '" + c.id() + "'");
                } else {
                    cameras.add(c);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidRegistryException(source, problems);
        }
        return new CameraRegistry(cameras);
    }

    /**
     * Parses and validates one camera entry (the fields of one list item of the file, e.g. the JSON body
     * of the admin API).
     *
     * @param entry the entry's fields
     * @param source where it came from, for the error message
     * @throws InvalidRegistryException listing every bad field
     */
    public static RegisteredCamera parseCamera(JsonNode entry, String source) {
        List<String> problems = new ArrayList<>();
        Entry e = new Entry(entry, 0, problems);
        e.label = "camera";
        RegisteredCamera c = e.read();
        if (c == null || !problems.isEmpty()) {
            throw new InvalidRegistryException(source, problems.isEmpty() ? List.of("not a camera entry") : problems);
        }
        return c;
    }

    /** Reads one list entry, adding a line to {@code problems} for each bad field. */
    private static final class Entry {
        private final JsonNode node;
        private final List<String> problems;
        private String label;
        private boolean bad;

        Entry(JsonNode node, int index, List<String> problems) {
            this.node = node;
            this.problems = problems;
            this.label = "camera #" + (index + 1);
        }

        RegisteredCamera read() {
            if (node == null || !node.isObject()) {
                problem("", "must be a mapping of fields");
                return null;
            }
            JsonNode idNode = node.get("id");
            if (idNode != null && idNode.isTextual()) {
                label = label + " (" + idNode.asText() + ")";
            }
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (!KEYS.contains(key)) {
                    problem(key, "unknown field (known: " + String.join(", ", KEYS.stream().sorted().toList()) + ")");
                }
            }
            String id = text("id");
            if (id != null && !ID.matcher(id).matches()) {
                problem("id", "must be 2-40 upper-case letters, digits or dashes, got '" + id + "'");
            }
            String secret = text("secret");
            if (secret != null && secret.length() < MIN_SECRET_LENGTH) {
                problem("secret", "must be at least " + MIN_SECRET_LENGTH + " characters");
            }
            String name = text("name");
            double lat = number("latitude", -90, 90);
            double lon = number("longitude", -180, 180);
            String roadId = text("roadId");
            String direction = text("direction");
            if (direction != null && !DIRECTIONS.contains(direction)) {
                problem("direction", "must be one of N, S, E, W, NE, NW, SE, SW, got '" + direction + "'");
            }
            double km = number("kmMarker", 0, 100_000);
            int limit = integer("speedLimitKmh", MIN_SPEED_LIMIT_KMH, MAX_SPEED_LIMIT_KMH);
            int tolerance = integer("toleranceKmh", 0, MAX_TOLERANCE_KMH);
            String region = text("region");
            boolean hasRadar = flag("hasRadar", true);
            boolean enabled = flag("enabled", true);
            Instant validUntil = instant("calibrationValidUntil");
            RoadCalibration calibration = calibration();
            if (bad) {
                return null;
            }
            return new RegisteredCamera(id, secret, name, lat, lon, roadId, direction, km, limit, tolerance, region,
                    hasRadar, validUntil, enabled, calibration);
        }

        private JsonNode required(String field) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                problem(field, "missing required field");
                return null;
            }
            return v;
        }

        private String text(String field) {
            JsonNode v = required(field);
            if (v == null) {
                return null;
            }
            if (!v.isValueNode() || v.asText().isBlank()) {
                problem(field, "must be a non-empty text");
                return null;
            }
            return v.asText().trim();
        }

        private double number(String field, double min, double max) {
            JsonNode v = required(field);
            if (v == null) {
                return Double.NaN;
            }
            if (!v.isNumber()) {
                problem(field, "must be a number, got '" + v.asText() + "'");
                return Double.NaN;
            }
            double d = v.asDouble();
            if (!(d >= min && d <= max)) {
                problem(field, "must be between " + fmt(min) + " and " + fmt(max) + ", got " + fmt(d));
            }
            return d;
        }

        private int integer(String field, int min, int max) {
            JsonNode v = required(field);
            if (v == null) {
                return 0;
            }
            if (!v.isIntegralNumber()) {
                problem(field, "must be a whole number of km/h, got '" + v.asText() + "'");
                return 0;
            }
            long n = v.asLong();
            if (n < min || n > max) {
                problem(field, "out of range: must be " + min + ".." + max + " km/h, got " + n);
            }
            return (int) n;
        }

        private RoadCalibration calibration() {
            JsonNode c = node.get("calibration");
            if (c == null || c.isNull()) {
                return null;
            }
            if (!c.isObject()) {
                problem("calibration", "must be a mapping (homography, referenceHeightMetres, reprojectionErrorMetres, "
                        + "imageWidth, imageHeight)");
                return null;
            }
            for (Iterator<String> it = c.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (!CALIBRATION_KEYS.contains(key)) {
                    problem("calibration." + key, "unknown field (known: "
                            + String.join(", ", CALIBRATION_KEYS.stream().sorted().toList()) + ")");
                }
            }
            List<Double> h = new ArrayList<>();
            JsonNode hn = c.get("homography");
            if (hn == null || !hn.isArray() || hn.size() != 9) {
                problem("calibration.homography", "must be a list of 9 numbers (row-major 3x3)");
            } else {
                for (JsonNode v : hn) {
                    if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
                        problem("calibration.homography", "must hold only finite numbers, got '" + v.asText() + "'");
                        break;
                    }
                    h.add(v.asDouble());
                }
            }
            double height = c.has("referenceHeightMetres") ? calibrationNumber(c, "referenceHeightMetres", 0, 3) : 0;
            double error = calibrationNumber(c, "reprojectionErrorMetres", 0, 100);
            double width = calibrationNumber(c, "imageWidth", 1, 100_000);
            double imageHeight = calibrationNumber(c, "imageHeight", 1, 100_000);
            if (bad) {
                return null;
            }
            return RoadCalibration.newBuilder().setHomography(h).setReferenceHeightMetres(height)
                    .setReprojectionErrorMetres(error).setImageWidth((int) width).setImageHeight((int) imageHeight).build();
        }

        private double calibrationNumber(JsonNode c, String field, double min, double max) {
            JsonNode v = c.get(field);
            if (v == null || !v.isNumber() || !(v.asDouble() >= min && v.asDouble() <= max)) {
                problem("calibration." + field, "must be a number between " + fmt(min) + " and " + fmt(max)
                        + (v == null ? " (missing)" : ", got '" + v.asText() + "'"));
                return Double.NaN;
            }
            return v.asDouble();
        }

        private boolean flag(String field, boolean dflt) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                return dflt;
            }
            if (!v.isBoolean()) {
                problem(field, "must be true or false, got '" + v.asText() + "'");
                return dflt;
            }
            return v.asBoolean();
        }

        private Instant instant(String field) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                return null;
            }
            String s = v.asText().trim();
            try {
                if (s.length() == 10) {
                    // A certificate dated D is valid through the whole of day D.
                    return LocalDate.parse(s).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusMillis(1);
                }
                return Instant.parse(s);
            } catch (DateTimeParseException e) {
                problem(field, "must be an ISO date (2027-06-30) or instant (2027-06-30T00:00:00Z), got '" + s + "'");
                return null;
            }
        }

        private void problem(String field, String message) {
            bad = true;
            problems.add(label + (field.isEmpty() ? "" : ", field '" + field + "'") + ": " + message);
        }

        private static String fmt(double d) {
            return d == Math.rint(d) && Math.abs(d) < 1e9 ? Long.toString((long) d) : Double.toString(d);
        }
    }
}
