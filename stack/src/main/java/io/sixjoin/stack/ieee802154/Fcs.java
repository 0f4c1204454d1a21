package io.sixjoin.stack.ieee802154;

import java.util.Objects;

/**
 * The 2-byte IEEE 802.15.4 frame check sequence: the ITU-T CRC-16 (polynomial x^16+x^12+x^5+1) computed
 * least significant bit first from a zero register with no final inversion, known in CRC catalogues as
 * CRC-16/KERMIT (check value 0x2189 for ASCII "123456789"). It is appended least significant byte first,
 * which is also how pcap LINKTYPE_IEEE802_15_4_WITHFCS captures carry it. Not the serial line's X.25 CRC:
 * same polynomial, different initial value and final XOR.
 *
 * <pre>{@code
 * int fcs = Fcs.compute(frame, 0, frame.length);
 * }</pre>
 */
public final class Fcs {
    /** Length of the FCS field. */
    public static final int LENGTH = 2;

    private static final int POLYNOMIAL_REFLECTED = 0x8408;
    // Written once during class initialisation, read-only afterwards.
    private static final int[] TABLE = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int c = i;
            for (int bit = 0; bit < 8; bit++) {
                c = (c & 1) != 0 ? (c >>> 1) ^ POLYNOMIAL_REFLECTED : c >>> 1;
            }
            TABLE[i] = c;
        }
    }

    private Fcs() {
    }

    /** The FCS of {@code length} bytes at {@code offset}. */
    public static int compute(byte[] bytes, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        int crc = 0;
        for (int i = offset; i < offset + length; i++) {
            crc = (crc >>> 8) ^ TABLE[(crc ^ bytes[i]) & 0xFF];
        }
        return crc;
    }

    /** Copies {@code frame} and appends its FCS. */
    public static byte[] append(byte[] frame) {
        byte[] out = new byte[frame.length + LENGTH];
        System.arraycopy(frame, 0, out, 0, frame.length);
        int fcs = compute(frame, 0, frame.length);
        out[frame.length] = (byte) fcs;
        out[frame.length + 1] = (byte) (fcs >>> 8);
        return out;
    }

    /** Whether the last two bytes of {@code frameWithFcs} are the FCS of the bytes before them. */
    public static boolean verifies(byte[] frameWithFcs) {
        int n = frameWithFcs.length - LENGTH;
        if (n < 0) {
            return false;
        }
        int fcs = compute(frameWithFcs, 0, n);
        return (frameWithFcs[n] & 0xFF) == (fcs & 0xFF) && (frameWithFcs[n + 1] & 0xFF) == fcs >>> 8;
    }
}
