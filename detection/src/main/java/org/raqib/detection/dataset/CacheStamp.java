package org.raqib.detection.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The stamp of a folder of cached models: every setting they were trained with, written last (a folder without it
 * holds no cache), and compared before the models are reused, so that models trained with other settings are never
 * taken for these. What a stamp cannot see is the code: a cache is exact only while the code that makes the models'
 * training data is unchanged (each cache says which code that is).
 */
public final class CacheStamp {

    private CacheStamp() {
    }

    /** A new stamp naming the layout version of the cache and the manifest (its path and a digest of its content). */
    public static Map<String, String> of(int format, Path manifest) throws IOException {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("format", Integer.toString(format));
        s.put("manifest", manifest.toAbsolutePath().normalize().toString());
        s.put("manifest-sha256", sha256(Files.readAllBytes(manifest)));
        return s;
    }

    /**
     * Whether {@code file} stamps a cache: empty when it does not exist; when it does, an empty string if it equals
     * {@code stamp}, otherwise the settings that differ ("seed 42 there, 43 here").
     */
    public static Optional<String> compare(Path file, Map<String, String> stamp) throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        JsonNode there = new ObjectMapper().readTree(file.toFile());
        List<String> diffs = new ArrayList<>();
        for (Map.Entry<String, String> e : stamp.entrySet()) {
            JsonNode v = there.get(e.getKey());
            String old = v == null ? "absent" : v.asText();
            if (!old.equals(e.getValue())) {
                diffs.add(e.getKey() + " " + old + " there, " + e.getValue() + " here");
            }
        }
        for (Iterator<String> it = there.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!stamp.containsKey(k)) {
                diffs.add(k + " " + there.get(k).asText() + " there, absent here");
            }
        }
        return Optional.of(String.join("; ", diffs));
    }

    /** Writes {@code stamp} to {@code file} (call it after the models are written). */
    public static void write(Path file, Map<String, String> stamp) throws IOException {
        ObjectMapper om = new ObjectMapper();
        ObjectNode s = om.createObjectNode();
        stamp.forEach(s::put);
        Files.writeString(file, om.writerWithDefaultPrettyPrinter().writeValueAsString(s));
    }

    /** The SHA-256 of {@code images}' pixels (size and RGB of each, in order), in lower-case hex. */
    public static String imagesDigest(List<BufferedImage> images) {
        ByteBuffer buf = ByteBuffer.allocate(images.stream().mapToInt(i -> 8 + 4 * i.getWidth() * i.getHeight()).sum());
        for (BufferedImage img : images) {
            buf.putInt(img.getWidth()).putInt(img.getHeight());
            for (int y = 0; y < img.getHeight(); y++) {
                for (int x = 0; x < img.getWidth(); x++) {
                    buf.putInt(img.getRGB(x, y));
                }
            }
        }
        return sha256(buf.array());
    }

    /** The SHA-256 of {@code bytes} in lower-case hex. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256", e);
        }
    }
}
