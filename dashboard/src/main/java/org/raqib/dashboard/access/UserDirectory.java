package org.raqib.dashboard.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The dashboard's users, loaded from a YAML file:
 *
 * <pre>
 * users:
 *   - name: operator
 *     role: operator          # operator, patrol or admin
 *     password: pbkdf2-sha256:210000:...   # ./raqib dashboard --hash-password
 * </pre>
 *
 * Only hashes are stored; a file with a malformed entry fails to load with the entry named.
 */
public final class UserDirectory {

    /** A user of the dashboard. */
    public record User(String name, Role role) {
    }

    private record Entry(User user, String hash) {
    }

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    /** Compared against when the name is unknown, so the answer takes as long as for a known name. */
    private static final String DUMMY = PasswordHash.hash("not-a-password".toCharArray());

    private final Map<String, Entry> users;

    private UserDirectory(Map<String, Entry> users) {
        this.users = users;
    }

    /**
     * Reads a users file.
     *
     * @throws IllegalArgumentException naming the file and the bad entry
     */
    public static UserDirectory load(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the users file " + file + ": " + e.getMessage(), e);
        }
        JsonNode list = root == null ? null : root.get("users");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw new IllegalArgumentException(file + ": expected a non-empty 'users:' list");
        }
        Map<String, Entry> users = new LinkedHashMap<>();
        int i = 0;
        for (JsonNode u : list) {
            i++;
            String where = file + ": user #" + i;
            String name = text(u, "name", where);
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException(where + ": name must be 1-64 of A-Z a-z 0-9 . _ -");
            }
            Role role;
            try {
                role = Role.parse(text(u, "role", where));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + " (" + name + "): " + e.getMessage(), e);
            }
            String hash = text(u, "password", where);
            try {
                PasswordHash.requireWellFormed(hash);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + " (" + name + "): password: " + e.getMessage(), e);
            }
            if (users.put(name, new Entry(new User(name, role), hash)) != null) {
                throw new IllegalArgumentException(where + ": user '" + name + "' appears twice");
            }
        }
        return new UserDirectory(Map.copyOf(users));
    }

    private static String text(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || !v.isValueNode() || v.asText().isBlank()) {
            throw new IllegalArgumentException(where + ": missing '" + field + "'");
        }
        return v.asText().trim();
    }

    /** The user when {@code name} and {@code password} match an entry; empty otherwise. */
    public Optional<User> authenticate(String name, char[] password) {
        Entry e = name == null ? null : users.get(name);
        boolean ok = PasswordHash.verify(password, e == null ? DUMMY : e.hash());
        return ok && e != null ? Optional.of(e.user()) : Optional.empty();
    }

    /** Every user (without hashes). */
    public Collection<User> users() {
        return users.values().stream().map(Entry::user).toList();
    }
}
