package org.raqib.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.raqib.broker.KafkaBrokerMain;
import org.raqib.cli.demo.DemoCommand;
import org.raqib.detection.cli.EvalCommand;
import org.raqib.detection.cli.ReadCommand;
import org.raqib.detection.train.TrainCommand;

/**
 * The {@code ./raqib} launcher: dispatches to one command per capability. Each command returns an exit
 * code; bad command lines exit with 2 and a message plus usage on standard error.
 */
public final class Raqib {

    /** A command of the launcher. */
    @FunctionalInterface
    interface Command {
        int run(String[] args, PrintStream out, PrintStream err);
    }

    private record Entry(String summary, Command command) {
    }

    private static final Map<String, Entry> COMMANDS = new LinkedHashMap<>();

    static {
        COMMANDS.put("demo", new Entry("run the whole pipeline locally: broker, jobs, simulated cameras "
                + "(--duration 150s to stop by itself)", DemoCommand::run));
        COMMANDS.put("read", new Entry("read the plates in image files (JPEG/PNG) and print them", ReadCommand::run));
        COMMANDS.put("eval", new Entry("measure plate reading accuracy on a labelled photo manifest",
                EvalCommand::run));
        COMMANDS.put("train", new Entry("train the plate reader and export it as ONNX", TrainCommand::run));
        COMMANDS.put("train-glyphs", new Entry("train the character classifier of the plate reader",
                org.raqib.detection.train.GlyphTrainCommand::run));
        COMMANDS.put("train-locator", new Entry("train the plate localiser's candidate scorer",
                org.raqib.detection.locate.LocatorTrainCommand::run));
        COMMANDS.put("bench", new Entry("measure recognition speed (frames/s per core, ms per plate, start-up, memory)",
                org.raqib.detection.bench.RecognitionBench::run));
        COMMANDS.put("bench-enforcement", new Entry("measure enforcement throughput (reads/s through passages, speed, hot-list)",
                Raqib::benchEnforcement));
        COMMANDS.put("pull", new Entry("pull camera streams (MJPEG, RTSP, video files, image folders) into Kafka",
                org.raqib.cli.ingest.PullCommand::run));
        COMMANDS.put("verify", new Entry("check the HMAC signatures of violation records (topic or raw files)",
                org.raqib.cli.verify.VerifyCommand::run));
        COMMANDS.put("ingest", new Entry("run the camera gateway (signed uploads -> Kafka, admin API, /metrics); 'ingest send' uploads as a camera",
                org.raqib.cli.ingest.IngestCommand::run));
        COMMANDS.put("bench-gateway", new Entry("measure the gateway (200 KB JPEG uploads/s per core, p99 accept latency)",
                org.raqib.cli.ingest.GatewayBench::run));
        COMMANDS.put("dashboard", new Entry("the operations-centre web dashboard against any broker (live violations, cameras, trends, patrol)", org.raqib.dashboard.cli.DashboardCommand::run));
        COMMANDS.put("patrol", new Entry("print the patrol alerts of one region as they arrive (--region R)", org.raqib.dashboard.cli.PatrolCommand::run));
        COMMANDS.put("calibrate", new Entry("fit a video camera's image-to-road calibration from surveyed marks; prints its registry block", org.raqib.detection.speed.CalibrateCommand::run));
        COMMANDS.put("bench-video", new Entry("measure speed from video on synthetic videos (error by speed through the real recogniser, tracking frames/s per core)", org.raqib.detection.speed.VideoSpeedBench::run));
        COMMANDS.put("broker", new Entry("run only the Kafka broker (default localhost:9092, data in work/kafka)",
                Raqib::broker));
        COMMANDS.put("help", new Entry("list the commands, or show one command's options: help <command>",
                Raqib::help));
    }

    private Raqib() {
    }

    /** Entry point of {@code ./raqib}. */
    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        System.out.flush();
        System.err.flush();
        // Kafka and Flink leave non-daemon threads behind; the exit code is what the caller waits for.
        System.exit(code);
    }

    /** Runs the command named by {@code args[0]} and returns its exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.println("raqib: no command given");
            err.println(usage());
            return 2;
        }
        String name = args[0];
        if (name.equals("--help") || name.equals("-h")) {
            out.println(usage());
            return 0;
        }
        Entry e = COMMANDS.get(name);
        if (e == null) {
            err.println("raqib: unknown command '" + name + "'");
            err.println(usage());
            return 2;
        }
        return e.command().run(Arrays.copyOfRange(args, 1, args.length), out, err);
    }

    /** The list of commands. */
    static String usage() {
        StringBuilder sb = new StringBuilder("usage: ./raqib <command> [options]\n\ncommands:\n");
        COMMANDS.forEach((name, e) -> sb.append(String.format("  %-18s %s%n", name, e.summary())));
        sb.append("\n'./raqib help <command>' or './raqib <command> --help' shows a command's options.");
        return sb.toString();
    }

    private static int help(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            out.println(usage());
            return 0;
        }
        if (args.length > 1 || !COMMANDS.containsKey(args[0]) || args[0].equals("help")) {
            err.println("raqib help: unknown command '" + String.join(" ", args) + "'");
            err.println(usage());
            return 2;
        }
        return COMMANDS.get(args[0]).command().run(new String[] {"--help"}, out, err);
    }

    private static int broker(String[] args, PrintStream out, PrintStream err) {
        InputStream in = System.in;
        return KafkaBrokerMain.run(args, out, err, in);
    }

    /** The enforcement bench runs a Flink pipeline whose failures surface as checked exceptions. */
    private static int benchEnforcement(String[] args, PrintStream out, PrintStream err) {
        try {
            return org.raqib.jobs.enforcement.EnforcementBench.run(args, out, err);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            err.println("raqib bench-enforcement: " + e.getMessage());
            return 1;
        }
    }
}
