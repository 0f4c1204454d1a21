package io.sixjoin.stack.hdlc;

import java.util.Objects;

/**
 * Builds OpenWSN serial HDLC frames: opening flag 0x7E, the payload and its {@link Crc16X25} FCS (least
 * significant byte first) with 0x7E and 0x7D byte-stuffed as {@code 7D, b ^ 0x20}, closing flag. There is no
 * address or control field; the first payload byte is the OpenWSN frame type. Both directions use the same
 * framing, so the bridge uses this for host-to-mote frames and the mote emulator for mote-to-host frames (the
 * latter then passes the result through {@link XonXoffEscaper}).
 *
 * <pre>{@code
 * byte[] wire = HdlcEncoder.encode(HostFrameCodec.encode(new HostFrame.Reset()));
 * // 7E 51 <fcs lsb> <fcs msb> 7E, stuffed where needed
 * }</pre>
 */
public final class HdlcEncoder {
    /** Opens and closes every frame. */
    public static final int FLAG = 0x7E;
    /** Precedes a stuffed byte. */
    public static final int ESCAPE = 0x7D;
    /** XORed into a byte that follows {@link #ESCAPE}. */
    public static final int ESCAPE_MASK = 0x20;

    private HdlcEncoder() {
    }

    /** Bytes {@link #emitTo} writes for {@code length} payload bytes at {@code offset}: flags, stuffing and FCS. */
    public static int encodedLength(byte[] payload, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, payload.length);
        int fcs = Crc16X25.compute(payload, offset, length);
        int n = 2 + stuffedLength(fcs & 0xFF) + stuffedLength(fcs >>> 8);
        for (int i = offset; i < offset + length; i++) {
            n += stuffedLength(payload[i] & 0xFF);
        }
        return n;
    }

    /**
     * Writes the frame for {@code length} payload bytes at {@code offset} into {@code out} at {@code outOffset};
     * exactly {@link #encodedLength} bytes, nothing else in {@code out} changes.
     *
     * @return the number of bytes written
     */
    public static int emitTo(byte[] payload, int offset, int length, byte[] out, int outOffset) {
        int total = encodedLength(payload, offset, length);
        Objects.checkFromIndexSize(outOffset, total, out.length);
        int fcs = Crc16X25.compute(payload, offset, length);
        int p = outOffset;
        out[p++] = (byte) FLAG;
        for (int i = offset; i < offset + length; i++) {
            p = stuff(payload[i] & 0xFF, out, p);
        }
        p = stuff(fcs & 0xFF, out, p);
        p = stuff(fcs >>> 8, out, p);
        out[p++] = (byte) FLAG;
        return p - outOffset;
    }

    /** The whole frame for {@code payload} as a fresh array. */
    public static byte[] encode(byte[] payload) {
        byte[] out = new byte[encodedLength(payload, 0, payload.length)];
        emitTo(payload, 0, payload.length, out, 0);
        return out;
    }

    private static int stuffedLength(int b) {
        return b == FLAG || b == ESCAPE ? 2 : 1;
    }

    private static int stuff(int b, byte[] out, int p) {
        if (b == FLAG || b == ESCAPE) {
            out[p++] = (byte) ESCAPE;
            out[p++] = (byte) (b ^ ESCAPE_MASK);
        } else {
            out[p++] = (byte) b;
        }
        return p;
    }
}
