package io.sixjoin.stack.lowpan;

import java.net.Inet6Address;
import java.net.UnknownHostException;
import java.util.Arrays;

/** Byte-level helpers shared by the IPHC and 6LoRH codecs; addresses are always handled as 16-byte arrays. */
final class Addresses {
    static final byte[] LINK_LOCAL_PREFIX = {(byte) 0xFE, (byte) 0x80, 0, 0, 0, 0, 0, 0};
    /** The {@code 0000:00ff:fe00} part of an IID built from a 16-bit value (RFC 6282 §3.2.2). */
    static final byte[] SHORT_IID_HEAD = {0, 0, 0, (byte) 0xFF, (byte) 0xFE, 0};

    private Addresses() {
    }

    static Inet6Address of(byte[] sixteen) {
        try {
            return Inet6Address.getByAddress(null, sixteen, -1);
        } catch (UnknownHostException e) {
            throw new AssertionError("16 bytes are always an IPv6 address", e);
        }
    }

    static Inet6Address of(byte[] prefix8, byte[] iid8) {
        byte[] a = new byte[16];
        System.arraycopy(prefix8, 0, a, 0, 8);
        System.arraycopy(iid8, 0, a, 8, 8);
        return of(a);
    }

    /** {@code reference}'s leading bytes with the trailing {@code inline.length} bytes replaced. */
    static Inet6Address suffixed(byte[] reference16, byte[] inline) {
        byte[] a = reference16.clone();
        System.arraycopy(inline, 0, a, 16 - inline.length, inline.length);
        return of(a);
    }

    static boolean hasPrefix(byte[] address16, byte[] prefix8) {
        return Arrays.equals(address16, 0, 8, prefix8, 0, 8);
    }

    static boolean isShortIid(byte[] address16) {
        return Arrays.equals(address16, 8, 14, SHORT_IID_HEAD, 0, 6);
    }

    static boolean iidEquals(byte[] address16, byte[] iid8) {
        return Arrays.equals(address16, 8, 16, iid8, 0, 8);
    }

    /** How many trailing bytes of {@code address} differ from {@code reference}: 1, 2, 4, 8 or 16. */
    static int differingSuffix(byte[] address16, byte[] reference16) {
        int common = 0;
        while (common < 16 && address16[common] == reference16[common]) {
            common++;
        }
        int needed = Math.max(1, 16 - common);
        return needed <= 1 ? 1 : needed <= 2 ? 2 : needed <= 4 ? 4 : needed <= 8 ? 8 : 16;
    }

    static int u16(byte[] b, int offset) {
        return ((b[offset] & 0xFF) << 8) | (b[offset + 1] & 0xFF);
    }
}
