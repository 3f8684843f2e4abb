package org.raqib.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.raqib.broker.KafkaBrokerMain;
import org.raqib.cli.demo.DemoCommand;
import org.raqib.cli.ingest.GatewayBench;
import org.raqib.cli.ingest.IngestCommand;
import org.raqib.cli.ingest.PullCommand;
import org.raqib.cli.verify.VerifyCommand;
import org.raqib.dashboard.cli.DashboardCommand;
import org.raqib.dashboard.cli.PatrolCommand;
import org.raqib.detection.bench.RecognitionBench;
import org.raqib.detection.cli.EvalCommand;
import org.raqib.detection.cli.GeneratedScenesCommand;
import org.raqib.detection.cli.ReadCommand;
import org.raqib.detection.locate.LocatorTrainCommand;
import org.raqib.detection.speed.CalibrateCommand;
import org.raqib.detection.speed.VideoSpeedBench;
import org.raqib.detection.train.GlyphTrainCommand;
import org.raqib.detection.train.TrainCommand;
import org.raqib.ingest.simulator.SimulatedFramesCommand;
import org.raqib.jobs.enforcement.EnforcementBench;

/**
 * The {@code ./raqib} launcher: dispatches to one command per capability. Each command returns an exit
 * code; bad command lines exit with 2 and a message plus usage on standard error.
 */
public final class Raqib {

    /** A command of the launcher; a checked exception (a failed Flink run, say) exits with 1 and its message. */
    @FunctionalInterface
    interface Command {
        int run(String[] args, PrintStream out, PrintStream err) throws Exception;
    }

    private record Entry(String summary, Command command) {
    }

    private static final Map<String, Entry> COMMANDS = new LinkedHashMap<>();

    static {
        add("demo", "run the whole pipeline locally: broker, jobs, simulated cameras (--duration 150s to stop by "
                + "itself)", DemoCommand::run);
        add("read", "read the plates in image files (JPEG/PNG) and print them", ReadCommand::run);
        add("eval", "measure plate reading accuracy on a labelled photo manifest", EvalCommand::run);
        add("generate-scenes", "write synthetic scenes with one plate each (layout, digits, width) and their manifest "
                + "for eval", GeneratedScenesCommand::run);
        add("train", "train the plate reader and export it as ONNX", TrainCommand::run);
        add("train-glyphs", "train the character classifier of the plate reader", GlyphTrainCommand::run);
        add("train-locator", "train the plate localiser's candidate scorer", LocatorTrainCommand::run);
        add("bench", "measure recognition speed (frames/s per core, ms per plate, start-up, memory)",
                RecognitionBench::run);
        add("bench-enforcement", "measure enforcement throughput (reads/s through passages, speed, hot-list)",
                EnforcementBench::run);
        add("pull", "pull camera streams (MJPEG, RTSP, video files, image folders) into Kafka", PullCommand::run);
        add("verify", "check the HMAC signatures of violation records (topic or raw files)", VerifyCommand::run);
        add("ingest", "run the camera gateway (signed uploads -> Kafka, admin API, /metrics); 'ingest send' uploads "
                + "as a camera", IngestCommand::run);
        add("bench-gateway", "measure the gateway (200 KB JPEG uploads/s per core, p99 accept latency)",
                GatewayBench::run);
        add("dashboard", "the operations-centre web dashboard against any broker (live violations, cameras, trends, "
                + "patrol)", DashboardCommand::run);
        add("patrol", "print the patrol alerts of one region as they arrive (--region R)", PatrolCommand::run);
        add("calibrate", "fit a video camera's image-to-road calibration from surveyed marks; prints its registry "
                + "block", CalibrateCommand::run);
        add("bench-video", "measure speed from video on synthetic videos (error by speed through the real recogniser, "
                + "tracking frames/s per core)", VideoSpeedBench::run);
        add("simulate-frames", "write the demo's simulated camera frames and their plates to a folder (for read/eval)",
                SimulatedFramesCommand::run);
        add("broker", "run only the Kafka broker (default localhost:9092, data in work/kafka)",
                (args, out, err) -> KafkaBrokerMain.run(args, out, err, System.in));
        add("help", "list the commands, or show one command's options: help <command>", Raqib::help);
    }

    private static void add(String name, String summary, Command command) {
        COMMANDS.put(name, new Entry(summary, command));
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
        return run(name, e.command(), Arrays.copyOfRange(args, 1, args.length), out, err);
    }

    private static int run(String name, Command command, String[] args, PrintStream out, PrintStream err) {
        try {
            return command.run(args, out, err);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            err.println("raqib " + name + ": " + e.getMessage());
            return 1;
        }
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
        return run(args[0], COMMANDS.get(args[0]).command(), new String[] {"--help"}, out, err);
    }
}
