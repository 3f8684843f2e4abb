package org.raqib.detection.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;
import org.raqib.detection.read.PlateDecoder;

/**
 * Masked softmax cross-entropy over the reader's heads. Labels: an int (N, {@value #TARGETS}) array
 * of classes (7 Latin slots, 7 Arabic slots, layout, plate) and a float mask of the same shape that
 * switches off what a sample does not teach (text of negatives and of real photos without a
 * transcription, layout of negatives).
 */
final class ReaderLoss extends Loss {

    static final int TARGETS = 2 * PlateDecoder.SLOTS + 2;
    static final int LAYOUT_TARGET = 2 * PlateDecoder.SLOTS;
    static final int PLATE_TARGET = LAYOUT_TARGET + 1;

    ReaderLoss() {
        super("reader-loss");
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray logits = predictions.singletonOrThrow();
        NDArray y = labels.get(0);
        NDArray mask = labels.get(1);
        long n = logits.getShape().get(0);
        NDArray total = null;
        for (int row = 0; row < 2; row++) {
            int base = row == 0 ? PlateDecoder.LATIN : PlateDecoder.ARABIC;
            int t0 = row * PlateDecoder.SLOTS;
            total = add(total, group(logits, y, mask, base, PlateDecoder.DIGIT_SLOTS, PlateDecoder.DIGIT_CLASSES, t0));
            total = add(total, group(logits, y, mask, base + PlateDecoder.DIGIT_SLOTS * PlateDecoder.DIGIT_CLASSES,
                    PlateDecoder.LETTER_SLOTS, PlateDecoder.LETTER_CLASSES, t0 + PlateDecoder.DIGIT_SLOTS));
        }
        total = add(total, group(logits, y, mask, PlateDecoder.LAYOUT, 1, 2, LAYOUT_TARGET).mul(0.5f));
        total = add(total, group(logits, y, mask, PlateDecoder.PLATE, 1, 2, PLATE_TARGET).mul(2f));
        return total.div((float) n);
    }

    /** Sum over the batch of masked NLL for {@code slots} consecutive slots of {@code classes} classes. */
    private static NDArray group(NDArray logits, NDArray y, NDArray mask, int off, int slots, int classes, int t0) {
        long n = logits.getShape().get(0);
        NDArray lp = logits.get(":, " + off + ":" + (off + slots * classes)).reshape(n, slots, classes).logSoftmax(2);
        NDArray target = y.get(":, " + t0 + ":" + (t0 + slots)).oneHot(classes).toType(lp.getDataType(), false);
        NDArray nll = lp.mul(target).sum(new int[] {2}).neg();
        return nll.mul(mask.get(":, " + t0 + ":" + (t0 + slots))).sum();
    }

    private static NDArray add(NDArray a, NDArray b) {
        return a == null ? b : a.add(b);
    }
}
