package org.raqib.dashboard.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.raqib.dashboard.patrol.RegionPartition;
import org.raqib.models.PatrolAlert;
import org.raqib.models.Topics;
import org.raqib.models.cli.CommandLine;
import org.raqib.models.wire.AvroWire;

/**
 * {@code ./raqib patrol --region R}: prints the patrol alerts of one region as they arrive, read
 * committed, from the one partition that holds that region (see {@link RegionPartition}).
 */
public final class PatrolCommand {

    /** Command-line help. */
    public static final String USAGE = String.join(System.lineSeparator(),
            "usage: raqib patrol --region R [--bootstrap localhost:9092] [--from-beginning] [--duration D]",
            "  --region R          patrol region, as in the camera registry (e.g. riyadh-central)",
            "  --bootstrap HOSTS   Kafka bootstrap servers (default localhost:9092)",
            "  --from-beginning    also print the region's earlier alerts (default: only new ones)",
            "  --duration D        stop after D (e.g. 10m); default: until Ctrl-C",
            "Each alert is one line: time (UTC), priority, reason, plate (Latin | Arabic), hot-list plate,",
            "camera, road and direction, position, confidence, alert id.");

    private static final CommandLine.Spec SPEC = CommandLine.spec("raqib patrol", USAGE)
            .options("region", "bootstrap", "duration").flags("from-beginning");

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private PatrolCommand() {
    }

    /** Runs the command; 0 at the end of {@code --duration}, 2 for bad options, 1 when Kafka fails. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        String region;
        String bootstrap;
        boolean fromBeginning;
        Duration duration;
        try {
            CommandLine a = SPEC.parse(args);
            if (a.help()) {
                return SPEC.help(out);
            }
            region = a.required("region");
            bootstrap = a.string("bootstrap", "localhost:9092");
            fromBeginning = a.flag("from-beginning");
            duration = a.durationOrZero("duration", null);
        } catch (IllegalArgumentException e) {
            return SPEC.usageError(err, e.getMessage());
        }
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "raqib-patrol");
        AvroWire<PatrolAlert> wire = Topics.PATROL_ALERTS.wire();
        long end = duration == null ? Long.MAX_VALUE : System.nanoTime() + duration.toNanos();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            Thread main = Thread.currentThread();
            Thread hook = new Thread(consumer::wakeup, "raqib-patrol-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            List<PartitionInfo> infos = consumer.partitionsFor(Topics.PATROL_ALERTS.name(), Duration.ofSeconds(30));
            if (infos == null || infos.isEmpty()) {
                err.println("raqib patrol: topic " + Topics.PATROL_ALERTS.name() + " not found at " + bootstrap);
                return 1;
            }
            TopicPartition tp = new TopicPartition(Topics.PATROL_ALERTS.name(),
                    RegionPartition.of(region, infos.size()));
            consumer.assign(List.of(tp));
            if (fromBeginning) {
                consumer.seekToBeginning(List.of(tp));
            } else {
                consumer.seekToEnd(List.of(tp));
            }
            out.println("raqib patrol: alerts for region " + region + " (" + tp + ", read committed)"
                    + (fromBeginning ? "" : "; waiting for new ones") + " ...");
            out.flush();
            try {
                while (System.nanoTime() < end && !main.isInterrupted()) {
                    long left = Math.max(1, Math.min(500, (end - System.nanoTime()) / 1_000_000));
                    for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(left))) {
                        if (!region.equals(r.key())) {
                            continue; // another region hashed to the same partition
                        }
                        try {
                            out.println(line(wire.decode(r.value())));
                        } catch (AvroWire.WireFormatException e) {
                            err.println("raqib patrol: skipped an undecodable record at offset " + r.offset() + ": "
                                    + e.getMessage());
                        }
                    }
                    out.flush();
                }
            } catch (WakeupException e) {
                // Ctrl-C
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // already shutting down
            }
            return 0;
        } catch (RuntimeException e) {
            err.println("raqib patrol: " + e.getMessage());
            return 1;
        }
    }

    /** One alert as one line. */
    static String line(PatrolAlert a) {
        String plate = a.getPlateText() + " | " + a.getPlateArabic();
        String hot = a.getHotlistPlate().equals(a.getPlateText()) ? ""
                : " (hot-list " + a.getHotlistPlate() + ", " + a.getSubstitutions() + " OCR substitution(s))";
        return String.format("%s  P%d %-10s %s%s  camera %s  road %s %s  at %.5f,%.5f  confidence %.2f  alert %s",
                TIME.format(a.getEventTime()), a.getPriority(), a.getReason(), plate, hot, a.getCameraId(),
                a.getRoadId(), a.getDirection(), a.getLatitude(), a.getLongitude(), a.getConfidence(),
                a.getAlertId());
    }
}
