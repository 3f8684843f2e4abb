package org.raqib.jobs.packaging;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A standalone Flink session cluster, as a data engineer runs one, in two JVMs of its own: a JobManager
 * ({@code StandaloneSessionClusterEntrypoint}) and a TaskManager ({@code TaskManagerRunner}, with the memory flags
 * Flink's own scripts ask {@code BashJavaUtils GET_TM_RESOURCE_PARAMS} for). Their class path is Flink's alone: the
 * Flink jars of this build's class path and their libraries, without Raqib, Kafka, Avro or the detection natives,
 * which a job must bring in its jar. Logs go to {@code logDir}.
 */
final class StandaloneFlinkCluster implements AutoCloseable {

    private static final String TM_RESULT = "BASH_JAVA_UTILS_EXEC_RESULT:";
    private final List<Process> processes = new ArrayList<>();
    private final int restPort;
    /** Stops the cluster's JVMs if this one exits without {@link #close()} (a killed build leaves none behind). */
    private final Thread reaper = new Thread(() -> processes.forEach(Process::destroyForcibly), "cluster-reaper");

    private StandaloneFlinkCluster(int restPort) {
        this.restPort = restPort;
    }

    /** Starts the cluster with {@code slots} task slots and waits until its TaskManager has registered. */
    static StandaloneFlinkCluster start(Path configDir, Path logDir, int slots, Duration timeout) throws Exception {
        Files.createDirectories(configDir);
        Files.createDirectories(logDir);
        int rpcPort = freePort();
        int restPort = freePort();
        Files.writeString(configDir.resolve("config.yaml"), String.join("\n",
                "jobmanager.rpc.address: localhost",
                "jobmanager.rpc.port: " + rpcPort,
                "jobmanager.bind-host: localhost",
                "jobmanager.memory.process.size: 1024m",
                "rest.address: localhost",
                "rest.bind-address: localhost",
                "rest.port: " + restPort,
                "taskmanager.host: localhost",
                "taskmanager.bind-host: localhost",
                "taskmanager.numberOfTaskSlots: " + slots,
                "taskmanager.memory.process.size: 2048m",
                "restart-strategy.type: none",
                ""));
        Files.writeString(configDir.resolve("log4j.properties"), String.join("\n",
                "rootLogger.level = INFO",
                "rootLogger.appenderRef.out.ref = out",
                "appender.out.name = out",
                "appender.out.type = Console",
                "appender.out.layout.type = PatternLayout",
                "appender.out.layout.pattern = %d{HH:mm:ss.SSS} %-5p %c{1} - %m%n",
                ""));
        String log4j = "-Dlog4j.configurationFile=" + configDir.resolve("log4j.properties").toUri();
        String classPath = flinkClassPath();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        StandaloneFlinkCluster cluster = new StandaloneFlinkCluster(restPort);
        Runtime.getRuntime().addShutdownHook(cluster.reaper);
        try {
            cluster.processes.add(new ProcessBuilder(java, "-Xmx512m", log4j, "-cp", classPath,
                    "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint",
                    "--configDir", configDir.toString())
                    .redirectErrorStream(true).redirectOutput(logDir.resolve("jobmanager.log").toFile()).start());
            List<String> tm = new ArrayList<>(List.of(java));
            String[] resources = taskManagerResources(java, classPath, configDir);
            tm.addAll(Arrays.asList(resources[0].trim().split("\\s+")));
            tm.addAll(List.of("-Dai.djl.offline=true", log4j, "-cp", classPath,
                    "org.apache.flink.runtime.taskexecutor.TaskManagerRunner", "--configDir", configDir.toString()));
            tm.addAll(Arrays.asList(resources[1].trim().split("\\s+")));
            cluster.processes.add(new ProcessBuilder(tm).redirectErrorStream(true)
                    .redirectOutput(logDir.resolve("taskmanager.log").toFile()).start());
            cluster.awaitSlots(slots, timeout, logDir);
            return cluster;
        } catch (Exception | AssertionError e) {
            cluster.close();
            throw e;
        }
    }

    /** The client configuration for this cluster's REST endpoint. */
    Configuration clientConfiguration() {
        Configuration c = new Configuration();
        c.set(RestOptions.ADDRESS, "localhost");
        c.set(RestOptions.PORT, restPort);
        c.set(JobManagerOptions.ADDRESS, "localhost");
        return c;
    }

    /** The JVM flags and the dynamic properties Flink's scripts give a TaskManager for this configuration. */
    private static String[] taskManagerResources(String java, String classPath, Path configDir) throws Exception {
        Process p = new ProcessBuilder(java, "-cp", classPath, "org.apache.flink.runtime.util.bash.BashJavaUtils",
                "GET_TM_RESOURCE_PARAMS", "--configDir", configDir.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("BashJavaUtils GET_TM_RESOURCE_PARAMS failed:\n" + out);
        }
        List<String> results = out.lines().filter(l -> l.startsWith(TM_RESULT))
                .map(l -> l.substring(TM_RESULT.length())).toList();
        if (results.size() < 2) {
            throw new IllegalStateException("BashJavaUtils printed no resource parameters:\n" + out);
        }
        return new String[] {results.get(results.size() - 2), results.get(results.size() - 1)};
    }

    /**
     * Flink's class path, as its distribution's lib folder has it: every entry of this JVM's class path but Raqib's
     * own classes and jars, the test libraries, and what the job jar must carry itself (the Kafka client and
     * connector, Avro, the detection's OpenCV, DJL and ONNX Runtime).
     */
    static String flinkClassPath() {
        // Maven repository folders of the groups left out (the test broker's Scala, ZooKeeper and zstd too)...
        List<String> groups = List.of("/org/raqib/", "/org/apache/kafka/", "/org/apache/avro/", "/org/openpnp/",
                "/ai/djl/", "/com/microsoft/onnxruntime/", "/org/junit/", "/org/opentest4j/", "/org/scala-lang/",
                "/com/github/luben/", "/org/apache/zookeeper/");
        // ... and file names: the modules' own jars (from the reactor or the repository), Flink's Kafka, Avro and test
        // artifacts. (Names, not whole paths: a checkout in a folder called raqib must not empty the class path.)
        List<String> names = List.of("raqib-", "flink-connector-kafka", "flink-avro", "flink-test-utils");
        // (Surefire and Failsafe start the test JVM from a manifest-only jar and give the real path in a property.)
        String testPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return Arrays.stream(testPath.split(File.pathSeparator))
                .filter(e -> !e.endsWith("-tests.jar") && !e.endsWith("target/classes")
                        && !e.endsWith("target/test-classes"))
                .filter(e -> groups.stream().noneMatch(e::contains))
                .filter(e -> names.stream().noneMatch(Path.of(e).getFileName().toString()::startsWith))
                .collect(Collectors.joining(File.pathSeparator));
    }

    private void awaitSlots(int slots, Duration timeout, Path logDir) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        ObjectMapper json = new ObjectMapper();
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            for (Process p : processes) {
                if (!p.isAlive()) {
                    throw new AssertionError("a cluster JVM exited (" + p.exitValue() + "); logs in " + logDir);
                }
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + restPort
                        + "/overview")).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                last = r.body();
                JsonNode overview = json.readTree(r.body());
                if (r.statusCode() == 200 && overview.path("slots-total").asInt() >= slots) {
                    return;
                }
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no TaskManager with " + slots + " slots within " + timeout + ": " + last + "; logs in "
                + logDir);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException e) {
            // the JVM is exiting: the hook runs anyway
        }
        for (Process p : processes) {
            p.destroy();
        }
        for (Process p : processes) {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
