package org.raqib.detection.train;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import java.util.ArrayList;
import java.util.List;
import org.raqib.detection.read.GlyphClassifier;

/**
 * The convolutional glyph classifier as a DJL block for training: three 3x3 conv stages (conv, batch
 * norm, ReLU; a 2x2 max pool after the first two) over the {@value GlyphClassifier#H}x{@value GlyphClassifier#W}
 * standardised glyph image of {@link GlyphClassifier#input}, then one linear layer to the
 * {@link GlyphClassifier#CLASSES} classes. Only ops that export to plain ONNX (see {@link GlyphNetExport}).
 */
final class GlyphNetBlock {

    /** Channels of the conv stages by default (the committed model's): three stages. */
    static final int[] CHANNELS = {8, 16, 32};
    static final float BN_EPSILON = 1e-5f;
    /** Feature map after the two pools. */
    static final int MAP_H = GlyphClassifier.H / 4;
    static final int MAP_W = GlyphClassifier.W / 4;

    final SequentialBlock block = new SequentialBlock();
    final List<Conv2d> convs = new ArrayList<>();
    final List<BatchNorm> norms = new ArrayList<>();
    final Linear head;

    /** The default shape, {@link #CHANNELS}. */
    GlyphNetBlock() {
        this(CHANNELS);
    }

    /**
     * A net of {@code channels.length} 3x3 conv stages with those channels (at least one); pools after the first two
     * only, so the head always sees a {@link #MAP_H}x{@link #MAP_W} map (or a larger one for a single stage).
     */
    GlyphNetBlock(int[] channels) {
        if (channels.length == 0) {
            throw new IllegalArgumentException("a glyph net needs at least one conv stage");
        }
        for (int i = 0; i < channels.length; i++) {
            Conv2d conv = Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1))
                    .setFilters(channels[i]).build();
            BatchNorm bn = BatchNorm.builder().optEpsilon(BN_EPSILON).build();
            convs.add(conv);
            norms.add(bn);
            block.add(conv).add(bn).add(Activation.reluBlock());
            if (pooled(i)) {
                block.add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)));
            }
        }
        head = Linear.builder().setUnits(GlyphClassifier.CLASSES).build();
        block.add(Blocks.batchFlattenBlock()).add(head);
    }

    /** Whether conv stage {@code i} is followed by a 2x2 max pool. */
    static boolean pooled(int i) {
        return i < 2;
    }

    /** The trainable block; input (N, 1, H, W) floats, output (N, CLASSES) logits. */
    Block block() {
        return block;
    }

    /** The convolution layers of a net of {@code channels} as a batch of {@code n} runs them, for {@link EngineCheck}. */
    static List<EngineCheck.Layer> layers(int n, int[] channels) {
        int[] kernels = new int[channels.length];
        int[] strides = new int[channels.length];
        boolean[] pools = new boolean[channels.length];
        for (int i = 0; i < channels.length; i++) {
            kernels[i] = 3;
            strides[i] = 1;
            pools[i] = pooled(i);
        }
        return EngineCheck.stack(n, GlyphClassifier.H, GlyphClassifier.W, channels, kernels, strides, pools);
    }

    /** Input shape for a batch of {@code n}. */
    static Shape inputShape(long n) {
        return new Shape(n, 1, GlyphClassifier.H, GlyphClassifier.W);
    }
}
