package org.raqib.jobs.integrity;

import org.apache.flink.api.common.functions.MapFunction;
import org.raqib.models.Violation;

/** Signs every violation on its way to Kafka; each parallel task holds its own copy of the signer. */
public final class SignViolations implements MapFunction<Violation, Violation> {

    private static final long serialVersionUID = 1L;
    private final ViolationSigner signer;

    public SignViolations(ViolationSigner signer) {
        this.signer = signer;
    }

    @Override
    public Violation map(Violation violation) {
        return signer.sign(violation);
    }
}
