package org.raqib.detection.read;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Several ONNX models of one input and one output put side by side in one graph whose output is the mean of theirs, as
 * {@link GlyphNet#mean} takes it in Java: each member's output divided by their number, then added in member order. One
 * ONNX Runtime run then does what one run per member did, with the same arithmetic in each member's operators.
 * <p>
 * The models are read and written as protocol buffers (onnx.proto's field numbers), field by field: a member's names
 * (its nodes', their inputs' and outputs', its initializers') are prefixed with {@code e<m>.} so that the members' do
 * not collide, except the shared input's; everything else of each message is copied as it was. Only what the training
 * tool writes is expected: a graph of nodes and initializers, one input, one output.
 */
final class OnnxEnsemble {

    private OnnxEnsemble() {
    }

    // onnx.proto field numbers.
    private static final int MODEL_GRAPH = 7;
    private static final int GRAPH_NODE = 1;
    private static final int GRAPH_NAME = 2;
    private static final int GRAPH_INITIALIZER = 5;
    private static final int GRAPH_INPUT = 11;
    private static final int GRAPH_OUTPUT = 12;
    private static final int NODE_INPUT = 1;
    private static final int NODE_OUTPUT = 2;
    private static final int NODE_NAME = 3;
    private static final int NODE_OP_TYPE = 4;
    private static final int TENSOR_DATA_TYPE = 2;
    private static final int TENSOR_NAME = 8;
    private static final int TENSOR_RAW_DATA = 9;
    private static final int VALUE_INFO_NAME = 1;
    private static final int FLOAT = 1;

    /** One field of a protocol-buffers message: a varint (wire type 0), 32 or 64 bits (5, 1) or bytes (2). */
    record Field(int number, int wire, long value, byte[] bytes) {

        String string() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        static Field string(int number, String s) {
            return new Field(number, 2, 0, s.getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * The model of {@code models} (ONNX bytes, each with the one input {@code input} and the one output {@code output})
     * side by side: the first model's header (IR version, opset, producer) and graph name, their nodes and initializers,
     * the output the members' outputs each divided by their number, added in order.
     */
    static byte[] mean(List<byte[]> models, String input, String output) {
        int k = models.size();
        if (k < 2) {
            throw new IllegalArgumentException("an ensemble needs two models or more, not " + k);
        }
        List<Field> graph = new ArrayList<>();
        List<Field> first = parse(models.get(0));
        List<Field> firstGraph = parse(only(first, MODEL_GRAPH).bytes());
        graph.add(only(firstGraph, GRAPH_NAME));
        String count = "e.count";
        graph.add(new Field(GRAPH_INITIALIZER, 2, 0, write(List.of(new Field(TENSOR_DATA_TYPE, 0, FLOAT, null),
                Field.string(TENSOR_NAME, count), new Field(TENSOR_RAW_DATA, 2, 0,
                        ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(k).array())))));
        String sum = null;
        for (int m = 0; m < k; m++) {
            String prefix = "e" + m + ".";
            List<Field> g = m == 0 ? firstGraph : parse(only(parse(models.get(m)), MODEL_GRAPH).bytes());
            if (!name(only(g, GRAPH_INPUT)).equals(input) || !name(only(g, GRAPH_OUTPUT)).equals(output)) {
                throw new IllegalArgumentException("ensemble member " + m + " is not a model of " + input + " to " + output);
            }
            for (Field f : g) {
                if (f.number() == GRAPH_NODE) {
                    graph.add(new Field(GRAPH_NODE, 2, 0, write(renamed(parse(f.bytes()), prefix, input))));
                } else if (f.number() == GRAPH_INITIALIZER) {
                    List<Field> t = new ArrayList<>();
                    for (Field tf : parse(f.bytes())) {
                        t.add(tf.number() == TENSOR_NAME ? Field.string(TENSOR_NAME, prefix + tf.string()) : tf);
                    }
                    graph.add(new Field(GRAPH_INITIALIZER, 2, 0, write(t)));
                }
            }
            String share = prefix + "share";
            graph.add(node("Div", prefix + "div", share, prefix + output, count));
            if (sum == null) {
                sum = share;
            } else {
                String next = m == k - 1 ? output : prefix + "sum";
                graph.add(node("Add", prefix + "add", next, sum, share));
                sum = next;
            }
        }
        graph.add(only(firstGraph, GRAPH_INPUT));
        graph.add(only(firstGraph, GRAPH_OUTPUT));
        List<Field> model = new ArrayList<>();
        for (Field f : first) {
            model.add(f.number() == MODEL_GRAPH ? new Field(MODEL_GRAPH, 2, 0, write(graph)) : f);
        }
        return write(model);
    }

    /** A node's fields, its names prefixed with {@code prefix} but {@code input}'s. */
    private static List<Field> renamed(List<Field> node, String prefix, String input) {
        List<Field> out = new ArrayList<>(node.size());
        for (Field f : node) {
            boolean named = f.number() == NODE_INPUT || f.number() == NODE_OUTPUT || f.number() == NODE_NAME;
            out.add(named && !(f.number() == NODE_INPUT && f.string().equals(input))
                    ? Field.string(f.number(), prefix + f.string()) : f);
        }
        return out;
    }

    private static Field node(String op, String name, String output, String... inputs) {
        List<Field> n = new ArrayList<>();
        for (String in : inputs) {
            n.add(Field.string(NODE_INPUT, in));
        }
        n.add(Field.string(NODE_OUTPUT, output));
        n.add(Field.string(NODE_NAME, name));
        n.add(Field.string(NODE_OP_TYPE, op));
        return new Field(GRAPH_NODE, 2, 0, write(n));
    }

    private static String name(Field valueInfo) {
        return only(parse(valueInfo.bytes()), VALUE_INFO_NAME).string();
    }

    /** The one field numbered {@code number} of {@code fields}; fails where there is none or more than one. */
    private static Field only(List<Field> fields, int number) {
        Field found = null;
        for (Field f : fields) {
            if (f.number() == number) {
                if (found != null) {
                    throw new IllegalArgumentException("ONNX message with field " + number + " twice");
                }
                found = f;
            }
        }
        if (found == null) {
            throw new IllegalArgumentException("ONNX message without field " + number);
        }
        return found;
    }

    /** The fields of the message {@code b}, in order. */
    static List<Field> parse(byte[] b) {
        List<Field> out = new ArrayList<>();
        int[] at = {0};
        while (at[0] < b.length) {
            long key = varint(b, at);
            int number = (int) (key >>> 3);
            int wire = (int) (key & 7);
            switch (wire) {
                case 0 -> out.add(new Field(number, 0, varint(b, at), null));
                case 1, 5 -> {
                    int n = wire == 1 ? 8 : 4;
                    byte[] v = new byte[n];
                    System.arraycopy(b, at[0], v, 0, n);
                    at[0] += n;
                    out.add(new Field(number, wire, 0, v));
                }
                case 2 -> {
                    int n = Math.toIntExact(varint(b, at));
                    if (n < 0 || at[0] + n > b.length) {
                        throw new IllegalArgumentException("ONNX message cut short");
                    }
                    byte[] v = new byte[n];
                    System.arraycopy(b, at[0], v, 0, n);
                    at[0] += n;
                    out.add(new Field(number, 2, 0, v));
                }
                default -> throw new IllegalArgumentException("ONNX message with wire type " + wire);
            }
        }
        return out;
    }

    private static long varint(byte[] b, int[] at) {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (at[0] >= b.length) {
                throw new IllegalArgumentException("ONNX message cut short");
            }
            int x = b[at[0]++] & 0xFF;
            v |= (long) (x & 0x7F) << shift;
            if ((x & 0x80) == 0) {
                return v;
            }
        }
        throw new IllegalArgumentException("ONNX message with a varint over 64 bits");
    }

    /** The message of {@code fields}, in order. */
    static byte[] write(List<Field> fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Field f : fields) {
            writeVarint(out, ((long) f.number() << 3) | f.wire());
            switch (f.wire()) {
                case 0 -> writeVarint(out, f.value());
                case 1, 5 -> out.writeBytes(f.bytes());
                default -> {
                    writeVarint(out, f.bytes().length);
                    out.writeBytes(f.bytes());
                }
            }
        }
        return out.toByteArray();
    }

    private static void writeVarint(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }
}
