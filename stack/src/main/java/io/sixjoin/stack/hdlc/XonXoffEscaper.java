package io.sixjoin.stack.hdlc;

import java.util.Objects;

import io.sixjoin.stack.hdlc.XonXoffFilter.FlowControl;

/**
 * The mote side of OpenWSN's software flow control: escapes data bytes 0x11, 0x12 and 0x13 in an
 * already-HDLC-framed stream as {@code 0x12, b ^ 0x10} (XON becomes {@code 12 01}, ESC {@code 12 02}, XOFF
 * {@code 12 03}), so that the raw bytes 0x11/0x13 only ever mean flow control. The emulated border-router mote
 * uses it for its mote-to-host output; host-to-mote bytes are never escaped. {@link XonXoffFilter} undoes it.
 *
 * <pre>{@code
 * byte[] line = XonXoffEscaper.escape(HdlcEncoder.encode(MoteFrameCodec.encode(frame)));
 * out.write(XonXoffEscaper.signal(XonXoffFilter.FlowControl.XOFF)); // entering an active slot
 * }</pre>
 */
public final class XonXoffEscaper {
    private XonXoffEscaper() {
    }

    /** Bytes {@link #emitTo} writes for {@code length} bytes at {@code offset}. */
    public static int escapedLength(byte[] data, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, data.length);
        int n = length;
        for (int i = offset; i < offset + length; i++) {
            if (needsEscape(data[i] & 0xFF)) {
                n++;
            }
        }
        return n;
    }

    /**
     * Writes the escaped form of {@code length} bytes at {@code offset} into {@code out} at {@code outOffset};
     * exactly {@link #escapedLength} bytes, nothing else in {@code out} changes.
     *
     * @return the number of bytes written
     */
    public static int emitTo(byte[] data, int offset, int length, byte[] out, int outOffset) {
        Objects.checkFromIndexSize(outOffset, escapedLength(data, offset, length), out.length);
        int p = outOffset;
        for (int i = offset; i < offset + length; i++) {
            int b = data[i] & 0xFF;
            if (needsEscape(b)) {
                out[p++] = (byte) XonXoffFilter.ESCAPE;
                out[p++] = (byte) (b ^ XonXoffFilter.ESCAPE_MASK);
            } else {
                out[p++] = (byte) b;
            }
        }
        return p - outOffset;
    }

    /** The escaped form of all of {@code data} as a fresh array. */
    public static byte[] escape(byte[] data) {
        byte[] out = new byte[escapedLength(data, 0, data.length)];
        emitTo(data, 0, data.length, out, 0);
        return out;
    }

    /** The single raw byte that sends {@code signal}; it is written between (never inside) escaped bytes. */
    public static byte signal(FlowControl signal) {
        return (byte) signal.byteValue();
    }

    private static boolean needsEscape(int b) {
        return b == XonXoffFilter.XON || b == XonXoffFilter.ESCAPE || b == XonXoffFilter.XOFF;
    }
}
