package org.raqib.dashboard.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.raqib.dashboard.DashboardOptions;
import org.raqib.dashboard.DashboardServer;
import org.raqib.dashboard.access.PasswordHash;
import org.raqib.models.cli.CommandLine;

/** {@code ./raqib dashboard}: the operations-centre dashboard against any broker. */
public final class DashboardCommand {

    /** Command-line help. */
    public static final String USAGE = String.join(System.lineSeparator(),
            "usage: raqib dashboard [--bootstrap localhost:9092] [--port 8080] [--host 127.0.0.1]",
            "                       [--users config/users.yaml] [--tiles-url URL] [--max-items 500]",
            "                       [--frame-cache-mb 64] [--session-idle 8h] [--secure-cookies] [--duration D]",
            "       raqib dashboard --hash-password      (reads a password on standard input, prints its hash)",
            "  --bootstrap HOSTS     Kafka bootstrap servers (default localhost:9092)",
            "  --port N              HTTP port (default 8080; 0 picks a free one)",
            "  --host ADDR           address to listen on (default 127.0.0.1; 0.0.0.0 for other machines)",
            "  --users FILE          users with roles and PBKDF2 password hashes (default config/users.yaml;",
            "                        the shipped file has DEMO users only)",
            "  --tiles-url URL       map tiles, e.g. http://tiles.local/{z}/{x}/{y}.png (default none: the",
            "                        cameras are drawn on a plan from their coordinates)",
            "  --max-items N         violations, review cases and alerts kept per list (default 500)",
            "  --frame-cache-mb N    memory for recent frames, for evidence crops (default 64)",
            "  --session-idle D      sign-in lifetime without a request (default 8h)",
            "  --secure-cookies      mark the session cookie Secure (behind HTTPS)",
            "  --duration D          stop after D (default: until Ctrl-C)");

    static final CommandLine.Spec SPEC = CommandLine.spec("raqib dashboard", USAGE)
            .options("bootstrap", "port", "host", "users", "tiles-url", "max-items", "frame-cache-mb", "session-idle",
                    "duration")
            .flags("hash-password", "secure-cookies");

    private DashboardCommand() {
    }

    /** Runs the command; 2 for bad options, 1 when it cannot start. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        DashboardOptions options;
        Duration duration;
        try {
            CommandLine a = SPEC.parse(args);
            if (a.help()) {
                return SPEC.help(out);
            }
            if (a.flag("hash-password")) {
                return hashPassword(out, err);
            }
            options = parse(a);
            duration = a.durationOrZero("duration", null);
        } catch (IllegalArgumentException e) {
            // a UsageException or the options' own validation
            return SPEC.usageError(err, e.getMessage());
        }
        if (!Files.isRegularFile(options.usersFile())) {
            err.println("raqib dashboard: users file " + options.usersFile() + " not found (--users FILE)");
            return 1;
        }
        DashboardServer server;
        try {
            server = DashboardServer.start(options);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            err.println("raqib dashboard: " + e.getMessage());
            return 1;
        }
        CountDownLatch stop = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            server.close();
            stop.countDown();
        }, "raqib-dashboard-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        out.println("raqib dashboard: open " + server.address() + " (reading " + options.bootstrapServers()
                + "; Ctrl-C stops)");
        out.flush();
        try {
            if (duration == null) {
                stop.await();
            } else {
                stop.await(duration.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.close();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down
        }
        return 0;
    }

    /** The options of a command line (without --help/--hash-password/--duration). */
    static DashboardOptions parse(CommandLine a) {
        Path home = Path.of(System.getProperty("raqib.home", "."));
        DashboardOptions d = DashboardOptions.defaults(home.resolve("config/users.yaml"));
        return new DashboardOptions(a.string("bootstrap", d.bootstrapServers()), a.string("host", d.host()),
                a.integer("port", d.port()), a.path("users", d.usersFile()), a.string("tiles-url", null),
                a.integer("max-items", d.maxItems()), a.integer("frame-cache-mb", d.frameCacheMegabytes()),
                a.durationOrZero("session-idle", d.sessionIdle()), a.flag("secure-cookies")).validate();
    }

    private static int hashPassword(PrintStream out, PrintStream err) {
        Console console = System.console();
        char[] password;
        if (console != null) {
            password = console.readPassword("password: ");
        } else {
            try {
                String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                password = line == null ? null : line.toCharArray();
            } catch (java.io.IOException e) {
                password = null;
            }
        }
        if (password == null || password.length < 8) {
            err.println("raqib dashboard: a password of at least 8 characters is needed");
            return 2;
        }
        out.println(PasswordHash.hash(password));
        return 0;
    }
}
