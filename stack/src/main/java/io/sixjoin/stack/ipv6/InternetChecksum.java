package io.sixjoin.stack.ipv6;

import java.net.Inet6Address;

/**
 * The RFC 1071 one's-complement sum over an RFC 8200 §8.1 pseudo-header and an upper-layer message, shared
 * by UDP now and ICMPv6 later (same pseudo-header, different next-header value). Public so that the ICMPv6 codec
 * in {@code io.sixjoin.stack.rpl} shares it; encoders still fill the field and decoders verify it.
 */
public final class InternetChecksum {
    private InternetChecksum() {
    }

    /**
     * The checksum to put on the wire for {@code message}, whose checksum field must hold zero while summed.
     * RFC 768 sends a computed zero as 0xFFFF, which in IPv6 also keeps it distinct from "no checksum".
     */
    public static int compute(Inet6Address source, Inet6Address destination, int nextHeader, byte[] message,
            int offset, int length) {
        int folded = fold(pseudoHeaderSum(source, destination, nextHeader, length) + sum(message, offset, length));
        int checksum = ~folded & 0xFFFF;
        return checksum == 0 ? 0xFFFF : checksum;
    }

    /**
     * Whether {@code message}, checksum field included, verifies: the sum over everything is all ones. Both
     * encodings of one's-complement zero in the field are accepted here; the zero field is refused earlier.
     */
    public static boolean verifies(Inet6Address source, Inet6Address destination, int nextHeader, byte[] message,
            int offset, int length) {
        return fold(pseudoHeaderSum(source, destination, nextHeader, length) + sum(message, offset, length))
                == 0xFFFF;
    }

    private static long pseudoHeaderSum(Inet6Address source, Inet6Address destination, int nextHeader,
            int upperLayerLength) {
        byte[] src = source.getAddress();
        byte[] dst = destination.getAddress();
        // 32-bit upper-layer length, three zero bytes, next header: summed as 16-bit words.
        return sum(src, 0, 16) + sum(dst, 0, 16) + (upperLayerLength >>> 16) + (upperLayerLength & 0xFFFF)
                + nextHeader;
    }

    /** Big-endian 16-bit words; an odd last byte is padded with a zero byte on the right. */
    private static long sum(byte[] data, int offset, int length) {
        long total = 0;
        int end = offset + length;
        int i = offset;
        for (; i + 1 < end; i += 2) {
            total += ((data[i] & 0xFF) << 8) | (data[i + 1] & 0xFF);
        }
        if (i < end) {
            total += (data[i] & 0xFF) << 8;
        }
        return total;
    }

    private static int fold(long sum) {
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return (int) sum;
    }
}
