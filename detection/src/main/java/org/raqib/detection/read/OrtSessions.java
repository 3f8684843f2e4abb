package org.raqib.detection.read;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

/** How Raqib's readers open an ONNX Runtime session: the same settings for every model. */
final class OrtSessions {

    private OrtSessions() {
    }

    /**
     * The process's ONNX Runtime environment; the first call also removes the temporary folder ONNX Runtime's loader
     * copied its native libraries to and would leave behind ({@link OrtNative}).
     */
    static OrtEnvironment environment() {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtNative.tidy();
        return env;
    }

    /**
     * A session over the model in {@code onnx}, with {@code intraOpThreads} threads inside an operator and
     * one between operators (the graphs are chains: nothing runs side by side), fully optimised.
     */
    static OrtSession open(OrtEnvironment env, byte[] onnx, int intraOpThreads) throws OrtException {
        try (OrtSession.SessionOptions so = new OrtSession.SessionOptions()) {
            so.setIntraOpNumThreads(intraOpThreads);
            so.setInterOpNumThreads(1);
            so.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            return env.createSession(onnx, so);
        }
    }
}
