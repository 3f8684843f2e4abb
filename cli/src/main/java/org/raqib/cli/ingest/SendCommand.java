package org.raqib.cli.ingest;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.raqib.ingest.gateway.SignedUploadClient;
import org.raqib.ingest.registry.CameraRegistryFile;
import org.raqib.ingest.registry.InvalidRegistryException;
import org.raqib.ingest.registry.RegisteredCamera;
import org.raqib.models.cli.CommandLine;
import org.raqib.models.cli.UsageException;

/**
 * {@code ./raqib ingest send}: uploads JPEG files to a gateway the way a camera does, signed with the
 * camera's secret from the registry file (or {@code --secret}); prints each answer.
 */
final class SendCommand {

    static final String USAGE = String.join(System.lineSeparator(),
            "usage: raqib ingest send --camera ID [--speed KMH] [--lane N] [--url http://127.0.0.1:8080]",
            "                         [--cameras config/cameras.yaml] [--secret SECRET] FILE.jpg...",
            "  --camera ID     the camera to send as (its secret comes from --cameras)",
            "  --speed KMH     radar speed header X-Raqib-Speed-Kmh (any text, e.g. NaN, is sent as given)",
            "  --lane N        lane header X-Raqib-Lane",
            "  --url URL       the gateway (default http://127.0.0.1:8080)",
            "  --cameras FILE  registry holding the secret (default config/cameras.yaml)",
            "  --secret S      sign with S instead of the registry's secret",
            "Prints one line per file: the HTTP status and the gateway's JSON answer. Exit 0 when every file",
            "got 202, 1 otherwise.");

    static final CommandLine.Spec SPEC = CommandLine.spec("raqib ingest send", USAGE)
            .options("camera", "speed", "lane", "url", "cameras", "secret").positional();

    private SendCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine p;
        try {
            p = SPEC.parse(args);
            if (p.help()) {
                out.println(USAGE);
                return 0;
            }
            if (p.string("camera", null) == null) {
                throw new UsageException("--camera is required");
            }
            if (p.positional().isEmpty()) {
                throw new UsageException("no file to send");
            }
        } catch (UsageException e) {
            err.println("raqib ingest send: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        String camera = p.string("camera", null);
        String secret = p.string("secret", null);
        if (secret == null) {
            Path home = Path.of(System.getProperty("raqib.home", "."));
            Path file = Path.of(p.string("cameras", home.resolve("config/cameras.yaml").toString()));
            Optional<RegisteredCamera> c;
            try {
                c = CameraRegistryFile.load(file).find(camera);
            } catch (InvalidRegistryException | UncheckedIOException e) {
                err.println("raqib ingest send: " + e.getMessage());
                return 1;
            }
            if (c.isEmpty()) {
                err.println("raqib ingest send: camera '" + camera + "' is not in " + file + " (or pass --secret)");
                return 2;
            }
            secret = c.get().secret();
        }
        String speed = p.string("speed", null);
        String lane = p.string("lane", null);
        SignedUploadClient client = SignedUploadClient.to(p.string("url", "http://127.0.0.1:8080"));
        boolean allAccepted = true;
        List<String> files = p.positional();
        for (String f : files) {
            byte[] body;
            try {
                body = Files.readAllBytes(Path.of(f));
            } catch (IOException e) {
                err.println("raqib ingest send: cannot read " + f + ": " + e.getMessage());
                return 1;
            }
            try {
                var request = client.request(camera, secret, body, System.currentTimeMillis(), null, null);
                if (speed != null) {
                    request.header("X-Raqib-Speed-Kmh", speed);
                }
                if (lane != null) {
                    request.header("X-Raqib-Lane", lane);
                }
                SignedUploadClient.Answer a = client.send(request.build());
                out.println(f + ": " + a.status() + " " + a.body().strip()
                        + (a.retryAfter() == null ? "" : " (Retry-After " + a.retryAfter() + ")"));
                allAccepted &= a.status() == 202;
            } catch (IOException e) {
                err.println("raqib ingest send: " + f + ": cannot reach the gateway: " + e);
                return 1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 1;
            } catch (IllegalArgumentException e) {
                err.println("raqib ingest send: " + e.getMessage());
                return 2;
            }
        }
        return allAccepted ? 0 : 1;
    }
}
