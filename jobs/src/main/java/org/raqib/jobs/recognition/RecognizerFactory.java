package org.raqib.jobs.recognition;

import java.io.Serializable;
import java.nio.file.Path;

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

    /**
     * Detection's recogniser with the models committed on the classpath, warmed up before the task's first frame
     * ({@link PlateRecognizer#warmUp()}, a stream's, shorter than a batch's: in the first task of a TaskManager JVM, so
     * that the first frames after a start or a restart are not read while the JVM compiles the reader).
     */
    static RecognizerFactory committedModels() {
        return committedModels(RecognizerOptions.defaults());
    }

    /** As {@link #committedModels()}, reading with {@code options}. */
    static RecognizerFactory committedModels(RecognizerOptions options) {
        return of(null, options);
    }

    /**
     * As {@link #committedModels(RecognizerOptions)}, with the models in the folder {@code modelsDir} where it is not
     * null ({@link PlateRecognizer#load}: those the training tools wrote there, the committed ones for the rest), a
     * path on the machine each task runs on: every TaskManager needs the folder (a shared mount, or a copy on each).
     * A task whose folder holds no models fails to open, naming the folder.
     */
    static RecognizerFactory of(String modelsDir, RecognizerOptions options) {
        options.validate();
        return () -> {
            PlateRecognizer recognizer = modelsDir == null ? PlateRecognizer.loadDefault(options)
                    : PlateRecognizer.load(Path.of(modelsDir), options);
            try {
                recognizer.warmUp();
            } catch (RuntimeException e) {
                recognizer.close();
                throw e;
            }
            return FrameRecognizer.of(recognizer);
        };
    }
}
