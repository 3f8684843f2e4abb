package org.raqib.jobs.recognition;

import java.io.Serializable;

import org.raqib.detection.PlateRecognizer;
import org.raqib.detection.RecognizerOptions;

/**
 * Creates the recogniser of one Flink task, in the task's {@code open()}: models are loaded where
 * the task runs, never serialised with the job graph.
 */
@FunctionalInterface
public interface RecognizerFactory extends Serializable {

    /** A new recogniser; fails loudly when its models are missing. */
    FrameRecognizer open();

    /** Detection's recogniser with the models committed on the classpath. */
    static RecognizerFactory committedModels() {
        return () -> FrameRecognizer.of(PlateRecognizer.loadDefault());
    }

    /** Detection's recogniser with the models committed on the classpath, reading with {@code options}. */
    static RecognizerFactory committedModels(RecognizerOptions options) {
        options.validate();
        return () -> FrameRecognizer.of(PlateRecognizer.loadDefault(options));
    }
}
