package org.raqib.cli.ingest;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import javax.imageio.ImageIO;
import org.raqib.ingest.gateway.CameraGateway;
import org.raqib.ingest.gateway.GatewayOptions;
import org.raqib.ingest.registry.CameraRegistry;

/**
 * The camera gateway as {@code ./raqib demo} runs it: on localhost only (its admin token is public),
 * port 8090 or the next free one, the registry already published by the demo, and a sample JPEG in
 * the work directory so that the printed example command works as it is.
 */
public final class DemoGateway {

    /** Port tried first; when taken, the next up to 8099, else any free port. */
    public static final int DEFAULT_PORT = 8090;
    /** Admin token of the demo when {@code RAQIB_ADMIN_TOKEN} is not set: a demo value, like the camera secrets. */
    public static final String DEMO_ADMIN_TOKEN = "raqib-demo-admin-token";

    private DemoGateway() {
    }

    /**
     * Starts the gateway and prints its address, an upload example and the admin token's origin.
     *
     * @param bootstrap the demo's broker
     * @param registry the registry the demo published
     * @param workDir where the sample JPEG goes
     * @param say prints one line of the demo's output
     * @throws IllegalStateException when no port can be bound
     */
    public static CameraGateway start(String bootstrap, CameraRegistry registry, Path workDir, Consumer<String> say) {
        String envToken = System.getenv(IngestCommand.ADMIN_TOKEN_ENV);
        String token = envToken == null || envToken.isBlank() ? DEMO_ADMIN_TOKEN : envToken;
        GatewayOptions options = GatewayOptions.defaults().withBindAddress("127.0.0.1").withBootstrapServers(bootstrap)
                .withAdminToken(token).withPublishRegistry(false);
        CameraGateway gateway = null;
        RuntimeException last = null;
        for (int port = DEFAULT_PORT; port <= DEFAULT_PORT + 10 && gateway == null; port++) {
            try {
                gateway = CameraGateway.start(options.withPort(port > DEFAULT_PORT + 9 ? 0 : port), registry);
            } catch (UncheckedIOException e) {
                last = e; // port taken: try the next
            }
        }
        if (gateway == null) {
            throw new IllegalStateException("cannot start the camera gateway: " + last.getMessage(), last);
        }
        Path sample = workDir.resolve("gateway-sample.jpg");
        writeSample(sample);
        String camera = registry.enabledRadarCameras().isEmpty() ? registry.cameras().get(0).id()
                : registry.enabledRadarCameras().get(0).id();
        say.accept("camera gateway: " + gateway.url() + " - signed uploads POST /v1/cameras/{id}/frames, "
                + gateway.url() + "/metrics, " + gateway.url() + "/health");
        say.accept("  upload as a camera: ./raqib ingest send --url " + gateway.url() + " --camera " + camera
                + " --speed 95 " + sample);
        say.accept("  admin API: " + gateway.url() + "/v1/admin/cameras with Authorization: Bearer "
                + (token.equals(DEMO_ADMIN_TOKEN) ? DEMO_ADMIN_TOKEN + " (demo token; set "
                + IngestCommand.ADMIN_TOKEN_ENV + " for another)" : "$" + IngestCommand.ADMIN_TOKEN_ENV));
        return gateway;
    }

    private static void writeSample(Path file) {
        BufferedImage img = new BufferedImage(640, 360, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(70, 80, 90));
        g.fillRect(0, 0, 640, 360);
        g.setColor(Color.WHITE);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 28));
        g.drawString("Raqib gateway sample frame", 120, 190);
        g.dispose();
        try {
            Files.createDirectories(file.getParent());
            ImageIO.write(img, "jpg", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
