package org.raqib.ingest.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads {@code config/streams.yaml}: the cameras whose frames are pulled from a stream rather than pushed
 * by the camera.
 *
 * <pre>
 * streams:
 *   - camera: RUH-KFR-N-008                 # id in config/cameras.yaml (required)
 *     url: rtsp://10.20.0.8:554/stream1     # http(s):// MJPEG, rtsp:// H.264, a video file or an image folder
 *     sampleFps: 2                          # frames published per second (default 2)
 *     replayFps: 10                         # image folders only: playback rate (default 10)
 *     loop: true                            # files and folders: start again at the end (default true)
 * </pre>
 * Relative file paths are resolved against a base folder ({@code ./raqib pull}: the repository root). Unknown
 * keys, missing values and duplicate cameras are errors, so a typo never runs with a default.
 */
public final class StreamConfigFile {

    private static final Set<String> KEYS = Set.of("camera", "url", "sampleFps", "replayFps", "loop");

    private StreamConfigFile() {
    }

    /**
     * Loads and validates the file.
     *
     * @param base folder that relative file and folder paths are resolved against
     * @throws IllegalArgumentException naming the file and the bad entry
     */
    public static List<StreamSpec> load(Path file, Path base) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read stream config " + file + ": " + e.getMessage(), e);
        }
        return parse(text, file.toString(), base);
    }

    /** Parses and validates YAML text, relative paths against the working directory; {@code source} names it. */
    public static List<StreamSpec> parse(String yaml, String source) {
        return parse(yaml, source, null);
    }

    /** Parses and validates YAML text, relative paths against {@code base} (null: the working directory). */
    public static List<StreamSpec> parse(String yaml, String source, Path base) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        } catch (IOException e) {
            throw new IllegalArgumentException(source + ": not valid YAML: " + e.getMessage(), e);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return List.of();
        }
        if (!root.isObject()) {
            throw new IllegalArgumentException(source + ": expected a mapping with a 'streams' list");
        }
        Iterator<String> top = root.fieldNames();
        while (top.hasNext()) {
            String k = top.next();
            if (!k.equals("streams")) {
                throw new IllegalArgumentException(source + ": unknown key '" + k + "' (expected 'streams')");
            }
        }
        JsonNode list = root.get("streams");
        if (list == null || list.isNull()) {
            return List.of();
        }
        if (!list.isArray()) {
            throw new IllegalArgumentException(source + ": 'streams' must be a list");
        }
        List<StreamSpec> out = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String where = source + ": streams[" + i + "]";
            JsonNode n = list.get(i);
            if (!n.isObject()) {
                throw new IllegalArgumentException(where + " must be a mapping");
            }
            Iterator<String> keys = n.fieldNames();
            while (keys.hasNext()) {
                String k = keys.next();
                if (!KEYS.contains(k)) {
                    throw new IllegalArgumentException(where + ": unknown key '" + k + "' (known: " + KEYS + ")");
                }
            }
            String camera = text(n, "camera", where);
            String url = text(n, "url", where);
            if (base != null && !url.matches("^[A-Za-z][A-Za-z0-9+.-]*://.*") && !Path.of(url).isAbsolute()) {
                url = base.resolve(url).normalize().toString();
            }
            double sample = number(n, "sampleFps", StreamSpec.DEFAULT_SAMPLE_FPS, where);
            double replay = number(n, "replayFps", StreamSpec.DEFAULT_REPLAY_FPS, where);
            boolean loop = true;
            if (n.has("loop")) {
                if (!n.get("loop").isBoolean()) {
                    throw new IllegalArgumentException(where + ": 'loop' must be true or false");
                }
                loop = n.get("loop").booleanValue();
            }
            StreamSpec spec = new StreamSpec(camera, url, sample, replay, loop);
            try {
                spec.validate();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
            }
            if (!seen.add(camera)) {
                throw new IllegalArgumentException(where + ": camera " + camera + " already has a stream");
            }
            out.add(spec);
        }
        return List.copyOf(out);
    }

    private static String text(JsonNode n, String key, String where) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull() || !v.isValueNode() || v.asText().isBlank()) {
            throw new IllegalArgumentException(where + ": '" + key + "' is required");
        }
        return v.asText().trim();
    }

    private static double number(JsonNode n, String key, double dflt, String where) {
        JsonNode v = n.get(key);
        if (v == null) {
            return dflt;
        }
        if (!v.isNumber()) {
            throw new IllegalArgumentException(where + ": '" + key + "' must be a number, got " + v);
        }
        return v.doubleValue();
    }
}
