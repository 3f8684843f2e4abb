package org.raqib.cli.verify;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.raqib.cli.CommittedTopics;
import org.raqib.jobs.enforcement.EnforcementSettings;
import org.raqib.jobs.integrity.ViolationSigner;
import org.raqib.models.Topics;
import org.raqib.models.Violation;
import org.raqib.models.cli.CommandLine;
import org.raqib.models.cli.UsageException;
import org.raqib.models.wire.AvroWire;

/**
 * {@code ./raqib verify}: checks the HMAC signature of violation records with the deployment's key, so
 * that a ticket changed after it left the pipeline is caught. Reads the records from Kafka (read
 * committed, from the start of each partition to its end at start-up) or from files of raw values;
 * prints one line per record, {@code OK} or {@code TAMPERED} (a wrong or missing signature, or bytes that
 * are not a violation record at all), and exits 1 when any record fails or none was found.
 */
public final class VerifyCommand {

    /**
     * The key {@code ./raqib demo} signs with. DEMO ONLY: it is public, in this repository, so anyone can
     * forge a record signed with it; a deployment sets its own secret ({@code RAQIB_SIGNING_KEY}).
     */
    public static final String DEMO_KEY = "raqib-demo-signing-key-public-NOT-for-production";

    /** Command-line help. */
    public static final String USAGE = String.join(System.lineSeparator(),
            "usage: raqib verify [--key KEY | --demo-key] [--bootstrap HOST:PORT [--topic T[,T]] [--dump DIR]] [FILE|DIR]...",
            "  --key KEY           the signing key (default: environment RAQIB_SIGNING_KEY)",
            "  --demo-key          the key ./raqib demo signs with (public, demo only)",
            "  --bootstrap H:P     read the records from this Kafka broker (read committed, whole topic)",
            "  --topic T[,T]       topics to read (default raqib.violations,raqib.review)",
            "  --timeout D         longest wait for the broker (default 30s)",
            "  --dump DIR          also write each record's raw value to DIR/<topic>-<partition>-<offset>.bin",
            "  FILE|DIR            raw values: one per file (as --dump writes) or back to back",
            "                      (kcat -C -b localhost:9092 -t raqib.violations -e -D '' > all.bin)",
            "Prints OK or TAMPERED per record; exit 0 when every record is OK, 1 when one is not or none was",
            "found, 2 for bad options.");

    private static final CommandLine.Spec SPEC = CommandLine.spec("raqib verify", USAGE)
            .options("key", "bootstrap", "topic", "timeout", "dump").flags("demo-key").positional();

    private VerifyCommand() {
    }

    /** Runs the command; see {@link #USAGE}. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine o;
        try {
            o = SPEC.parse(args);
        } catch (UsageException e) {
            return SPEC.usageError(err, e.getMessage());
        }
        if (o.help()) {
            return SPEC.help(out);
        }
        String key = o.flag("demo-key") ? DEMO_KEY : o.string("key", System.getenv(EnforcementSettings.SIGNING_KEY_ENV));
        if (o.flag("demo-key") && o.string("key", null) != null) {
            return SPEC.usageError(err, "--key and --demo-key exclude each other");
        }
        if (key == null || key.isEmpty()) {
            return SPEC.usageError(err, "no key: give --key, set " + EnforcementSettings.SIGNING_KEY_ENV
                    + ", or --demo-key for the demo's records");
        }
        ViolationSigner signer;
        try {
            signer = ViolationSigner.ofSecret(key);
        } catch (IllegalArgumentException e) {
            return SPEC.usageError(err, e.getMessage());
        }
        String bootstrap = o.string("bootstrap", null);
        List<Path> files = o.positional().stream().map(Path::of).toList();
        if (bootstrap == null && files.isEmpty()) {
            return SPEC.usageError(err, "nothing to verify: give --bootstrap or files");
        }
        if (bootstrap == null && (o.string("topic", null) != null || o.string("dump", null) != null)) {
            return SPEC.usageError(err, "--topic and --dump need --bootstrap");
        }
        Duration timeout;
        try {
            timeout = o.duration("timeout", Duration.ofSeconds(30));
        } catch (UsageException e) {
            return SPEC.usageError(err, e.getMessage());
        }
        for (Path f : files) {
            if (!Files.exists(f)) {
                return SPEC.usageError(err, "no such file: " + f);
            }
        }
        List<ViolationValues.Value> values = new ArrayList<>();
        try {
            values.addAll(ViolationValues.read(files));
            if (bootstrap != null) {
                List<String> topics = Arrays.asList(o.string("topic", Topics.VIOLATIONS.name() + ","
                        + Topics.REVIEW.name()).split(","));
                String dump = o.string("dump", null);
                values.addAll(fromKafka(bootstrap, topics, timeout, dump == null ? null : Path.of(dump)));
            }
        } catch (UncheckedIOException | org.apache.kafka.common.KafkaException | IllegalStateException e) {
            err.println("raqib verify: " + e.getMessage());
            return 1;
        }
        return report(values, signer, out);
    }

    /** Checks every value; prints a line each and a summary; returns the exit code. */
    static int report(List<ViolationValues.Value> values, ViolationSigner signer, PrintStream out) {
        AvroWire<Violation> wire = Topics.VIOLATIONS.wire();
        int ok = 0;
        int bad = 0;
        for (ViolationValues.Value v : values) {
            String verdict;
            String what;
            try {
                Violation violation = wire.decode(v.bytes());
                what = violation.getViolationId() + " " + violation.getType() + " " + violation.getStatus();
                if (violation.getSignature() == null) {
                    verdict = "TAMPERED";
                    what += " (not signed)";
                } else {
                    verdict = signer.verify(violation) ? "OK" : "TAMPERED";
                    what += verdict.equals("OK") ? "" : " (signature does not match)";
                }
            } catch (AvroWire.WireFormatException e) {
                verdict = "TAMPERED";
                what = "(not a violation record: " + e.getMessage() + ")";
            }
            if (verdict.equals("OK")) {
                ok++;
            } else {
                bad++;
            }
            // No plate text: it is personal data, and the id names the record.
            out.printf("%-8s %s %s%n", verdict, v.where(), what);
        }
        out.printf("%d records: %d OK, %d TAMPERED%n", values.size(), ok, bad);
        return bad == 0 && ok > 0 ? 0 : 1;
    }

    /** Every committed record of {@code topics}, from the start to the end offsets at the time of the call. */
    static List<ViolationValues.Value> fromKafka(String bootstrap, List<String> topics, Duration timeout, Path dump) {
        List<ViolationValues.Value> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = CommittedTopics.consumer(bootstrap, "raqib-verify")) {
            List<TopicPartition> partitions = CommittedTopics.partitions(consumer,
                    topics.stream().map(String::trim).toList(), bootstrap, timeout);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            // read_committed: the end offsets are the last stable offsets, so an open transaction is not waited for
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!caughtUp(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("timed out reading " + topics + " from " + bootstrap);
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.offset() >= end.get(new TopicPartition(r.topic(), r.partition()))) {
                        continue;
                    }
                    String where = r.topic() + "-" + r.partition() + "-" + r.offset();
                    byte[] value = r.value() == null ? new byte[0] : r.value();
                    out.add(new ViolationValues.Value(r.topic() + "/" + r.partition() + "@" + r.offset(), value));
                    if (dump != null) {
                        write(dump.resolve(where + ".bin"), value);
                    }
                }
            }
        }
        return out;
    }

    private static boolean caughtUp(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private static void write(Path file, byte[] value) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

}
