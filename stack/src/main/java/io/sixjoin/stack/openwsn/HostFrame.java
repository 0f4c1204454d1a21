package io.sixjoin.stack.openwsn;

import static io.sixjoin.stack.openwsn.Wire.HEX;

import java.util.Arrays;
import java.util.Objects;

/**
 * A frame the host sends the border-router mote over the OpenWSN serial line, i.e. one HDLC payload, type
 * byte first. The bridge builds these ({@link HostFrameCodec#encode}); the emulated border-router mote parses
 * them ({@link HostFrameCodec#parse}). Types the firmware no longer handles ('C' commands and 'B' of
 * {@code REL-1.24.0}) arrive as {@link Unknown}. Byte arrays are copied in and out; records compare by content.
 *
 * <pre>{@code
 * HostFrame root = new HostFrame.SetRoot(HostFrame.SetRoot.BECOME_ROOT, 0xbbbb000000000000L, 1, k2);
 * serial.write(HdlcEncoder.encode(HostFrameCodec.encode(root)));
 * }</pre>
 */
public sealed interface HostFrame {
    /** Frame type of {@link SetRoot}. */
    int SET_ROOT = 'R';
    /** Frame type of {@link DataDown}. */
    int DATA = 'D';
    /** Frame type of {@link Echo}. */
    int ECHO = 'S';
    /** Frame type of {@link Reset}. */
    int RESET = 'Q';

    /** The frame-type byte. */
    int type();

    /** Bytes {@link #emitTo} writes, type byte included. */
    int encodedLength();

    /** Writes exactly {@link #encodedLength()} bytes at {@code offset}; nothing else in {@code buffer} changes. */
    void emitTo(byte[] buffer, int offset);

    /**
     * 'R': make the mote DAGroot (or stop it), giving it the network prefix and the link-layer key, which it
     * installs as both K1 and K2. The key never appears in {@link #toString()}.
     *
     * @param action   {@link #BECOME_ROOT}, {@link #STOP_ROOT} or {@link #TOGGLE}; other bytes are kept as sent
     * @param prefix   the 64-bit IPv6 prefix, bbbb::/64 as 0xbbbb000000000000
     * @param keyIndex the key's index (OpenVisualizer's JRC uses 1)
     * @param key      the 16-byte key
     */
    record SetRoot(int action, long prefix, int keyIndex, byte[] key) implements HostFrame {
        /** Action 'Y'; what a bridge should send, since it is idempotent. */
        public static final int BECOME_ROOT = 'Y';
        /** Action 'N'. */
        public static final int STOP_ROOT = 'N';
        /** Action 'T', which OpenVisualizer always sends: a second "set root" un-roots the mote. */
        public static final int TOGGLE = 'T';
        /** The firmware rejects any other length with ERR_INPUTBUFFER_LENGTH. */
        public static final int PAYLOAD_LENGTH = 26;

        public SetRoot {
            Wire.u8(action, "action");
            Wire.u8(keyIndex, "keyIndex");
            if (key.length != 16) {
                throw new IllegalArgumentException("key of " + key.length + " bytes, need 16");
            }
            key = key.clone();
        }

        @Override
        public byte[] key() {
            return key.clone();
        }

        @Override
        public int type() {
            return SET_ROOT;
        }

        @Override
        public int encodedLength() {
            return 1 + PAYLOAD_LENGTH;
        }

        @Override
        public void emitTo(byte[] buffer, int offset) {
            Objects.checkFromIndexSize(offset, encodedLength(), buffer.length);
            buffer[offset] = (byte) SET_ROOT;
            buffer[offset + 1] = (byte) action;
            Wire.put64be(buffer, offset + 2, prefix);
            buffer[offset + 10] = (byte) keyIndex;
            System.arraycopy(key, 0, buffer, offset + 11, key.length);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof SetRoot s && action == s.action && prefix == s.prefix && keyIndex == s.keyIndex
                    && Arrays.equals(key, s.key);
        }

        @Override
        public int hashCode() {
            return Objects.hash(action, prefix, keyIndex) * 31 + Arrays.hashCode(key);
        }

        @Override
        public String toString() {
            String a = action >= 0x20 && action < 0x7F ? "'" + (char) action + "'" : String.format("0x%02x", action);
            return String.format("SetRoot[action %s, prefix %016x, keyIndex %d, key [redacted]]", a, prefix, keyIndex);
        }
    }

    /**
     * 'D': a 6LoWPAN packet for the mote to send into the mesh as is (only a DAGroot accepts it).
     *
     * @param nextHop EUI-64 of the neighbour to send it to
     * @param lowpan  the packet, at most {@link #MAX_LOWPAN_LENGTH} bytes
     */
    record DataDown(long nextHop, byte[] lowpan) implements HostFrame {
        /** The firmware accepts 8..126 bytes after the type: the next hop plus at most this much 6LoWPAN. */
        public static final int MAX_LOWPAN_LENGTH = 126 - 8;

        public DataDown {
            if (lowpan.length > MAX_LOWPAN_LENGTH) {
                throw new IllegalArgumentException(
                        "6LoWPAN packet of " + lowpan.length + " bytes, the mote takes " + MAX_LOWPAN_LENGTH);
            }
            lowpan = lowpan.clone();
        }

        @Override
        public byte[] lowpan() {
            return lowpan.clone();
        }

        @Override
        public int type() {
            return DATA;
        }

        @Override
        public int encodedLength() {
            return 9 + lowpan.length;
        }

        @Override
        public void emitTo(byte[] buffer, int offset) {
            Objects.checkFromIndexSize(offset, encodedLength(), buffer.length);
            buffer[offset] = (byte) DATA;
            Wire.put64be(buffer, offset + 1, nextHop);
            System.arraycopy(lowpan, 0, buffer, offset + 9, lowpan.length);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof DataDown d && nextHop == d.nextHop && Arrays.equals(lowpan, d.lowpan);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(nextHop) * 31 + Arrays.hashCode(lowpan);
        }

        @Override
        public String toString() {
            return "DataDown[-> " + Wire.eui64(nextHop) + ", lowpan " + HEX.formatHex(lowpan) + "]";
        }
    }

    /** 'S': bytes the mote sends back in a 'D' frame ({@link MoteFrame.EchoReply}); a liveness probe. */
    record Echo(byte[] data) implements HostFrame {
        public Echo {
            data = data.clone();
        }

        @Override
        public byte[] data() {
            return data.clone();
        }

        @Override
        public int type() {
            return ECHO;
        }

        @Override
        public int encodedLength() {
            return 1 + data.length;
        }

        @Override
        public void emitTo(byte[] buffer, int offset) {
            Objects.checkFromIndexSize(offset, encodedLength(), buffer.length);
            buffer[offset] = (byte) ECHO;
            System.arraycopy(data, 0, buffer, offset + 1, data.length);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Echo e && Arrays.equals(data, e.data);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return "Echo[" + HEX.formatHex(data) + "]";
        }
    }

    /** 'Q': reboot the mote. */
    record Reset() implements HostFrame {
        @Override
        public int type() {
            return RESET;
        }

        @Override
        public int encodedLength() {
            return 1;
        }

        @Override
        public void emitTo(byte[] buffer, int offset) {
            Objects.checkIndex(offset, buffer.length);
            buffer[offset] = (byte) RESET;
        }
    }

    /**
     * A frame type current firmware ignores, kept whole.
     *
     * @param type the frame-type byte, not one of the four above
     * @param body the bytes after it
     */
    record Unknown(int type, byte[] body) implements HostFrame {
        public Unknown {
            Wire.u8(type, "type");
            if (type == SET_ROOT || type == DATA || type == ECHO || type == RESET) {
                throw new IllegalArgumentException("type '" + (char) type + "' is known; use its record");
            }
            body = body.clone();
        }

        @Override
        public byte[] body() {
            return body.clone();
        }

        @Override
        public int encodedLength() {
            return 1 + body.length;
        }

        @Override
        public void emitTo(byte[] buffer, int offset) {
            Objects.checkFromIndexSize(offset, encodedLength(), buffer.length);
            buffer[offset] = (byte) type;
            System.arraycopy(body, 0, buffer, offset + 1, body.length);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Unknown u && type == u.type && Arrays.equals(body, u.body);
        }

        @Override
        public int hashCode() {
            return type * 31 + Arrays.hashCode(body);
        }

        @Override
        public String toString() {
            return String.format("Unknown[type 0x%02x, %s]", type, HEX.formatHex(body));
        }
    }
}
