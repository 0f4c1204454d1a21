package io.sixjoin.stack.openwsn;

import java.util.HexFormat;

/**
 * Byte-order helpers shared by the OpenWSN frame records. The firmware mixes orders: addresses and IDs go out
 * as their in-memory byte arrays (first byte most significant), the ASN in DATA and PRINTF frames as five
 * little-endian bytes, the ASN in STATUS elements as a packed {@code asn_t} ({@code byte4}, then
 * {@code bytes2and3} and {@code bytes0and1} each little-endian), and STATUS counters little-endian.
 */
final class Wire {
    static final HexFormat HEX = HexFormat.of();
    /** Largest absolute slot number: the ASN is 40 bits. */
    static final long MAX_ASN = (1L << 40) - 1;

    private Wire() {
    }

    static int u16be(byte[] b, int off) {
        return ((b[off] & 0xFF) << 8) | (b[off + 1] & 0xFF);
    }

    static void put16be(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 8);
        b[off + 1] = (byte) v;
    }

    static int u16le(byte[] b, int off) {
        return (b[off] & 0xFF) | ((b[off + 1] & 0xFF) << 8);
    }

    static void put16le(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
    }

    static long u64be(byte[] b, int off) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[off + i] & 0xFF);
        }
        return v;
    }

    static void put64be(byte[] b, int off, long v) {
        for (int i = 7; i >= 0; i--) {
            b[off + i] = (byte) v;
            v >>>= 8;
        }
    }

    /** The 5-byte little-endian ASN of DATA and PRINTF frames. */
    static long asnLe(byte[] b, int off) {
        long v = 0;
        for (int i = 4; i >= 0; i--) {
            v = (v << 8) | (b[off + i] & 0xFF);
        }
        return v;
    }

    static void putAsnLe(byte[] b, int off, long asn) {
        for (int i = 0; i < 5; i++) {
            b[off + i] = (byte) (asn >>> (8 * i));
        }
    }

    /** The packed {@code asn_t} of the ASN and JOINED status elements: byte4, bytes2and3 LE, bytes0and1 LE. */
    static long asnPacked(byte[] b, int off) {
        return ((long) (b[off] & 0xFF) << 32) | ((long) u16le(b, off + 1) << 16) | u16le(b, off + 3);
    }

    static void putAsnPacked(byte[] b, int off, long asn) {
        b[off] = (byte) (asn >>> 32);
        put16le(b, off + 1, (int) (asn >>> 16) & 0xFFFF);
        put16le(b, off + 3, (int) asn & 0xFFFF);
    }

    static int u16(int value, String name) {
        if (value < 0 || value > 0xFFFF) {
            throw new IllegalArgumentException(name + " " + value + " outside 0..65535");
        }
        return value;
    }

    static int u8(int value, String name) {
        if (value < 0 || value > 0xFF) {
            throw new IllegalArgumentException(name + " " + value + " outside 0..255");
        }
        return value;
    }

    static long asn(long value) {
        if (value < 0 || value > MAX_ASN) {
            throw new IllegalArgumentException("ASN " + value + " outside 0..2^40-1");
        }
        return value;
    }

    /** An EUI-64 the way operators read it: {@code 14-15-92-cc-00-00-00-01}. */
    static String eui64(long eui) {
        String hex = HEX.toHexDigits(eui);
        StringBuilder s = new StringBuilder(23);
        for (int i = 0; i < 16; i += 2) {
            if (i > 0) {
                s.append('-');
            }
            s.append(hex, i, i + 2);
        }
        return s.toString();
    }

    static String moteId(int id) {
        return String.format("0x%04x", id);
    }
}
