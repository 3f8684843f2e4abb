package org.raqib.detection.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import org.raqib.detection.read.CropPreprocessor;
import org.raqib.detection.read.PlateDecoder;

/**
 * The reader network, built as a DJL block for training: four 3x3 conv stages (conv, batch norm, ReLU,
 * then stride 2 in the first stage and 2x2 max pool in the others) from 1x64x160 down to 64x4x10, a 1x1 conv to {@value #FEATURES} channels, then three
 * linear heads: the Latin row reads only the lower half of the feature map, the Arabic row only the
 * upper half (so the cross-check compares two separately formed readings), and a global head gives the
 * layout and plate/not-plate logits. Output: {@link PlateDecoder#OUTPUTS} logits per crop.
 *
 * <p>Everything is chosen so the graph exports to plain ONNX ops (Conv with batch norm folded in, Relu,
 * MaxPool, Flatten, one Gemm): see {@link OnnxExport}.
 */
public final class ReaderNet {

    /** Channels of each 3x3 conv stage. */
    static final int[] CHANNELS = {12, 24, 48, 64};
    /** Channels of the final 1x1 conv (the feature map the heads read). */
    static final int FEATURES = 48;
    static final float BN_EPSILON = 1e-5f;
    static final int MAP_H = CropPreprocessor.HEIGHT / 16;
    static final int MAP_W = CropPreprocessor.WIDTH / 16;

    private final SequentialBlock block = new SequentialBlock();
    final List<Conv2d> convs = new ArrayList<>();
    final List<BatchNorm> norms = new ArrayList<>();
    final Heads heads;

    public ReaderNet() {
        for (int i = 0; i <= CHANNELS.length; i++) {
            boolean last = i == CHANNELS.length;
            // The first stage strides instead of pooling: full-resolution activations are what make
            // CPU training slow, and a 3x3 stride-2 conv keeps enough detail for 60 px plates.
            int stride = i == 0 ? 2 : 1;
            Conv2d conv = Conv2d.builder()
                    .setKernelShape(last ? new Shape(1, 1) : new Shape(3, 3))
                    .optPadding(last ? new Shape(0, 0) : new Shape(1, 1))
                    .optStride(new Shape(stride, stride))
                    .setFilters(last ? FEATURES : CHANNELS[i])
                    .build();
            BatchNorm bn = BatchNorm.builder().optEpsilon(BN_EPSILON).build();
            convs.add(conv);
            norms.add(bn);
            block.add(conv).add(bn).add(Activation.reluBlock());
            if (!last && i > 0) {
                block.add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)));
            }
        }
        heads = new Heads();
        block.add(heads);
    }

    /** The trainable block; input (N, 1, 64, 160) floats, output (N, OUTPUTS) logits. */
    public Block block() {
        return block;
    }

    /** The convolution layers as a batch of {@code n} runs them, for {@link EngineCheck}. */
    static List<EngineCheck.Layer> layers(int n) {
        int stages = CHANNELS.length + 1;
        int[] channels = new int[stages];
        int[] kernels = new int[stages];
        int[] strides = new int[stages];
        boolean[] pooled = new boolean[stages];
        for (int i = 0; i < stages; i++) {
            boolean last = i == CHANNELS.length;
            channels[i] = last ? FEATURES : CHANNELS[i];
            kernels[i] = last ? 1 : 3;
            strides[i] = i == 0 ? 2 : 1;
            pooled[i] = !last && i > 0;
        }
        return EngineCheck.stack(n, CropPreprocessor.HEIGHT, CropPreprocessor.WIDTH, channels, kernels, strides, pooled);
    }

    /** Input shape for a batch of {@code n}. */
    public static Shape inputShape(long n) {
        return new Shape(n, 1, CropPreprocessor.HEIGHT, CropPreprocessor.WIDTH);
    }

    /** The three linear heads over the feature map (see class comment). */
    static final class Heads extends AbstractBlock {
        final Linear latin;
        final Linear arabic;
        final Linear global;
        private final Dropout dropout;

        Heads() {
            super((byte) 1);
            latin = addChildBlock("latin", Linear.builder().setUnits(PlateDecoder.ROW).build());
            arabic = addChildBlock("arabic", Linear.builder().setUnits(PlateDecoder.ROW).build());
            global = addChildBlock("global", Linear.builder().setUnits(4).build());
            dropout = addChildBlock("dropout", Dropout.builder().optRate(0.1f).build());
        }

        @Override
        protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
            NDArray x = inputs.singletonOrThrow();
            long n = x.getShape().get(0);
            int half = MAP_H / 2;
            NDArray top = x.get(":, :, 0:" + half + ", :").reshape(n, -1);
            NDArray bottom = x.get(":, :, " + half + ":, :").reshape(n, -1);
            NDArray all = x.reshape(n, -1);
            top = dropout.forward(ps, new NDList(top), training).head();
            bottom = dropout.forward(ps, new NDList(bottom), training).head();
            all = dropout.forward(ps, new NDList(all), training).head();
            NDArray lat = latin.forward(ps, new NDList(bottom), training).head();
            NDArray ara = arabic.forward(ps, new NDList(top), training).head();
            NDArray glob = global.forward(ps, new NDList(all), training).head();
            return new NDList(lat.concat(ara, 1).concat(glob, 1));
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return new Shape[] {new Shape(inputShapes[0].get(0), PlateDecoder.OUTPUTS)};
        }

        @Override
        protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
            Shape s = inputShapes[0];
            long n = s.get(0);
            long halfFeatures = s.get(1) * (s.get(2) / 2) * s.get(3);
            latin.initialize(manager, dataType, new Shape(n, halfFeatures));
            arabic.initialize(manager, dataType, new Shape(n, halfFeatures));
            global.initialize(manager, dataType, new Shape(n, s.get(1) * s.get(2) * s.get(3)));
            dropout.initialize(manager, dataType, new Shape(n, halfFeatures));
        }
    }
}
