package org.raqib.dashboard.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class UserDirectoryTest {

    /** The shipped demo users file, whose passwords README.md documents. */
    static final Path DEMO_USERS = Path.of("../config/users.yaml");

    @Test
    void theDocumentedDemoUsersSignInWithTheirRoles() {
        UserDirectory users = UserDirectory.load(DEMO_USERS);
        assertEquals(Role.OPERATOR, users.authenticate("operator", "operator-demo".toCharArray()).orElseThrow().role());
        assertEquals(Role.PATROL, users.authenticate("patrol", "patrol-demo".toCharArray()).orElseThrow().role());
        assertEquals(Role.ADMIN, users.authenticate("admin", "admin-demo".toCharArray()).orElseThrow().role());
        assertTrue(users.authenticate("operator", "admin-demo".toCharArray()).isEmpty());
        assertTrue(users.authenticate("nobody", "operator-demo".toCharArray()).isEmpty());
    }

    @Test
    void aBadEntryIsNamed(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("users.yaml");
        Files.writeString(f, "users:\n  - name: ok\n    role: operator\n    password: "
                + PasswordHash.hash("pw-123456".toCharArray(), 1000) + "\n  - name: eve\n    role: boss\n    password: x\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> UserDirectory.load(f));
        assertTrue(e.getMessage().contains("user #2") && e.getMessage().contains("unknown role"), e.getMessage());

        Files.writeString(f, "users:\n  - name: bob\n    role: patrol\n    password: hunter2\n");
        e = assertThrows(IllegalArgumentException.class, () -> UserDirectory.load(f));
        assertTrue(e.getMessage().contains("password"), e.getMessage());

        Files.writeString(f, "people: []\n");
        assertThrows(IllegalArgumentException.class, () -> UserDirectory.load(f));
    }
}
