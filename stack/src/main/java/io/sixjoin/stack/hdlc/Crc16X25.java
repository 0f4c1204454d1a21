package io.sixjoin.stack.hdlc;

import java.util.Objects;

/**
 * The frame check sequence of OpenWSN's serial HDLC framing: CRC-16/X-25, the PPP FCS-16 of RFC 1662
 * (reflected polynomial 0x8408, initial value 0xFFFF, result complemented, check value 0x906E for the
 * ASCII string "123456789"). A sender appends {@link #compute} least significant byte first; a receiver may
 * either recompute it over the payload or run {@link #update} over payload and FCS together and compare the
 * result with {@link #GOOD_RESIDUE}, which is what OpenWSN's firmware does.
 *
 * <pre>{@code
 * int fcs = Crc16X25.compute(payload, 0, payload.length);
 * frame[n] = (byte) fcs;            // LSB first
 * frame[n + 1] = (byte) (fcs >>> 8);
 * }</pre>
 */
public final class Crc16X25 {
    /** The register value before the first byte. */
    public static final int INITIAL = 0xFFFF;
    /** The register value after a whole frame, FCS included, that arrived intact (RFC 1662 "good FCS"). */
    public static final int GOOD_RESIDUE = 0xF0B8;

    private static final int POLYNOMIAL_REFLECTED = 0x8408;
    // Never written after class initialisation; a table keeps the per-byte cost to one lookup on the hot path.
    private static final int[] TABLE = buildTable();

    private Crc16X25() {
    }

    /** Advances the (uncomplemented) register {@code crc} by one byte. */
    public static int update(int crc, int b) {
        return (crc >>> 8) ^ TABLE[(crc ^ b) & 0xFF];
    }

    /** Advances the (uncomplemented) register {@code crc} over {@code length} bytes at {@code offset}. */
    public static int update(int crc, byte[] bytes, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        int c = crc;
        for (int i = offset; i < offset + length; i++) {
            c = update(c, bytes[i]);
        }
        return c;
    }

    /** The 16-bit FCS of {@code length} bytes at {@code offset}: initial 0xFFFF, complemented at the end. */
    public static int compute(byte[] bytes, int offset, int length) {
        return ~update(INITIAL, bytes, offset, length) & 0xFFFF;
    }

    /** The 16-bit FCS of all of {@code bytes}. */
    public static int compute(byte[] bytes) {
        return compute(bytes, 0, bytes.length);
    }

    /** Whether {@code length} bytes at {@code offset}, ending in an LSB-first FCS, arrived intact. */
    public static boolean verifies(byte[] bytes, int offset, int length) {
        return length >= 2 && update(INITIAL, bytes, offset, length) == GOOD_RESIDUE;
    }

    private static int[] buildTable() {
        int[] table = new int[256];
        for (int n = 0; n < 256; n++) {
            int c = n;
            for (int bit = 0; bit < 8; bit++) {
                c = (c & 1) != 0 ? (c >>> 1) ^ POLYNOMIAL_REFLECTED : c >>> 1;
            }
            table[n] = c;
        }
        return table;
    }
}
