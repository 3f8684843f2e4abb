package org.raqib.jobs.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.raqib.jobs.RaqibJobs;

/**
 * The shaded job jar (built in the package phase, before this runs) is what {@code flink run} gets:
 * it must carry Raqib, the Kafka connector and client, the detection models and their inference
 * natives, and leave out what the cluster provides (Flink) and what only training needs (PyTorch).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JobJarITCase {

    /** The job jar the package phase built, in {@code target/}. */
    static Path jobJar() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            List<Path> jars = files.filter(p -> p.getFileName().toString().matches("raqib-jobs-.*-job\\.jar")).toList();
            assertEquals(1, jars.size(), "exactly one job jar in target/: " + jars);
            return jars.get(0);
        }
    }

    @Test
    void jobJarHoldsWhatAClusterLacksAndNothingItProvides() throws IOException {
        try (JarFile jar = new JarFile(jobJar().toFile())) {
            assertEquals(RaqibJobs.class.getName(), jar.getManifest().getMainAttributes().getValue("Main-Class"));
            Set<String> names = jar.stream().map(e -> e.getName()).collect(Collectors.toSet());
            for (String required : List.of(
                    "org/raqib/jobs/RaqibJobs.class",
                    "org/raqib/jobs/recognition/RecognitionJob.class",
                    "org/raqib/models/Violation.class",
                    "org/raqib/detection/PlateRecognizer.class",
                    "org/raqib/detection/models/plate-reader.onnx",
                    "org/raqib/detection/models/plate-locator.json",
                    "org/apache/flink/connector/kafka/source/KafkaSource.class",
                    "org/apache/kafka/clients/producer/KafkaProducer.class",
                    "org/apache/avro/Schema.class",
                    "nu/pattern/opencv/linux/x86_64/libopencv_java490.so",
                    "ai/onnxruntime/native/linux-x64/libonnxruntime.so")) {
                assertTrue(names.contains(required), "job jar lacks " + required);
            }
            assertTrue(names.stream().anyMatch(n -> n.startsWith("META-INF/services/ai.djl.engine.EngineProvider")),
                    "DJL finds its engine through a service file");
            for (String provided : List.of("org/apache/flink/streaming/api/", "org/apache/flink/runtime/",
                    "org/apache/flink/api/common/", "org/apache/flink/connector/base/", "ai/djl/pytorch/", "pytorch/",
                    "org/slf4j/", "org/apache/logging/log4j/", "nu/pattern/opencv/windows/", "ai/onnxruntime/native/win")) {
                assertFalse(names.stream().anyMatch(n -> n.startsWith(provided)), "job jar must not contain " + provided);
            }
        }
    }
}
