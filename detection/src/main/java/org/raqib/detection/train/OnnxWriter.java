package org.raqib.detection.train;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A minimal protocol-buffers writer for the few ONNX messages a small feed-forward graph needs
 * (ModelProto, GraphProto, NodeProto, AttributeProto, TensorProto, ValueInfoProto). Field numbers
 * follow onnx.proto; only varint (wire type 0), 32-bit (5) and length-delimited (2) fields occur.
 */
final class OnnxWriter {

    /** One protobuf message under construction. */
    static final class Message {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Message varint(int field, long value) {
            key(field, 0);
            writeVarint(value);
            return this;
        }

        Message string(int field, String value) {
            return bytes(field, value.getBytes(StandardCharsets.UTF_8));
        }

        Message bytes(int field, byte[] value) {
            key(field, 2);
            writeVarint(value.length);
            out.writeBytes(value);
            return this;
        }

        Message message(int field, Message m) {
            return bytes(field, m.toByteArray());
        }

        Message fixed32(int field, float value) {
            key(field, 5);
            int bits = Float.floatToIntBits(value);
            for (int i = 0; i < 4; i++) {
                out.write((bits >>> (8 * i)) & 0xFF);
            }
            return this;
        }

        byte[] toByteArray() {
            return out.toByteArray();
        }

        private void key(int field, int wireType) {
            writeVarint(((long) field << 3) | wireType);
        }

        private void writeVarint(long v) {
            while ((v & ~0x7FL) != 0) {
                out.write((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            out.write((int) v);
        }
    }

    static final int FLOAT = 1;
    private static final int ATTR_INT = 2;
    private static final int ATTR_INTS = 7;

    private OnnxWriter() {
    }

    /** TensorProto: dims (1), data_type (2), name (8), raw_data (9, little-endian floats). */
    static Message tensor(String name, long[] dims, float[] data) {
        Message t = new Message();
        for (long d : dims) {
            t.varint(1, d);
        }
        t.varint(2, FLOAT).string(8, name);
        ByteBuffer buf = ByteBuffer.allocate(data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(data);
        return t.bytes(9, buf.array());
    }

    /** AttributeProto with one int: name (1), i (3), type (20). */
    static Message intAttr(String name, long value) {
        return new Message().string(1, name).varint(3, value).varint(20, ATTR_INT);
    }

    /** AttributeProto with ints: name (1), ints (8, one field per value), type (20). */
    static Message intsAttr(String name, long... values) {
        Message a = new Message().string(1, name);
        for (long v : values) {
            a.varint(8, v);
        }
        return a.varint(20, ATTR_INTS);
    }

    /** NodeProto: input (1), output (2), name (3), op_type (4), attribute (5). */
    static Message node(String op, String name, String[] inputs, String output, Message... attrs) {
        Message n = new Message();
        for (String in : inputs) {
            n.string(1, in);
        }
        n.string(2, output).string(3, name).string(4, op);
        for (Message a : attrs) {
            n.message(5, a);
        }
        return n;
    }

    /**
     * ValueInfoProto for a float tensor: name (1), type (2) = TypeProto{tensor_type (1) =
     * {elem_type (1), shape (2) = {dim (1) = {dim_value (1) | dim_param (2)}}}}. A negative size is a
     * symbolic batch dimension.
     */
    static Message valueInfo(String name, long... dims) {
        Message shape = new Message();
        for (long d : dims) {
            Message dim = d < 0 ? new Message().string(2, "N") : new Message().varint(1, d);
            shape.message(1, dim);
        }
        Message tensorType = new Message().varint(1, FLOAT).message(2, shape);
        Message type = new Message().message(1, tensorType);
        return new Message().string(1, name).message(2, type);
    }

    /**
     * ModelProto: ir_version (1), producer_name (2), producer_version (3), graph (7),
     * opset_import (8) = {domain (1) "", version (2)}.
     */
    static byte[] model(Message graph, String producer, String version, long opset, long irVersion) {
        Message opsetId = new Message().string(1, "").varint(2, opset);
        return new Message().varint(1, irVersion).string(2, producer).string(3, version)
                .message(7, graph).message(8, opsetId).toByteArray();
    }
}
