package io.sixjoin.stack.lowpan;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4944 §5.3 fragmentation of a compressed datagram into frames of at most {@code maxFramePayload}
 * bytes. FRAG1 ({@code 11000 size(11) tag(16)}) carries all compressed headers; FRAGN
 * ({@code 11100 size tag offset(8)}) offsets count 8-byte units of the <em>uncompressed</em> datagram, so
 * the FRAG1 payload is cut where headers-as-expanded plus payload-so-far is a multiple of 8. A datagram
 * that fits one frame is returned unchanged, without a fragment header. The tag is the caller's (one
 * counter per sender, RFC 4944 §5.3), which keeps this class stateless.
 *
 * <pre>{@code
 * List<byte[]> frames = new Fragmenter(80).fragment(LowpanCodec.compress(packet, ctx), tag++ & 0xFFFF);
 * }</pre>
 */
public final class Fragmenter {
    /** Largest datagram_size the 11-bit field holds. */
    public static final int MAX_DATAGRAM_SIZE = 2047;
    static final int FRAG1 = 0xC0;
    static final int FRAGN = 0xE0;
    static final int FRAG1_HEADER = 4;
    static final int FRAGN_HEADER = 5;

    private final int maxFramePayload;

    /** @param maxFramePayload bytes of 6LoWPAN a frame can carry (OpenVisualizer uses 80), at least 16 */
    public Fragmenter(int maxFramePayload) {
        if (maxFramePayload < 16) {
            throw new IllegalArgumentException("frames of " + maxFramePayload + " bytes cannot carry FRAGN");
        }
        this.maxFramePayload = maxFramePayload;
    }

    /**
     * The frames carrying {@code datagram}, in order.
     *
     * @param tag the 16-bit datagram_tag
     * @throws IllegalArgumentException if the datagram is larger than 2047 bytes uncompressed or its headers
     *                                  do not fit the first fragment
     */
    public List<byte[]> fragment(LowpanCodec.Compressed datagram, int tag) {
        byte[] bytes = datagram.bytes();
        if (bytes.length <= maxFramePayload) {
            return List.of(bytes);
        }
        int size = datagram.datagramSize();
        if (size > MAX_DATAGRAM_SIZE || tag < 0 || tag > 0xFFFF) {
            throw new IllegalArgumentException("datagram_size " + size + " / tag " + tag + " out of range");
        }
        int header = datagram.headerLength();
        int payload = bytes.length - header;
        int expandedHeader = size - payload;
        int room = maxFramePayload - FRAG1_HEADER - header;
        // payload bytes in FRAG1: expandedHeader + first must be a multiple of 8
        int first = ((expandedHeader + room) & ~7) - expandedHeader;
        if (room < 0 || first < 0) {
            throw new IllegalArgumentException(header + " bytes of headers do not fit a first fragment of "
                    + maxFramePayload);
        }
        List<byte[]> frames = new ArrayList<>();
        byte[] f1 = new byte[FRAG1_HEADER + header + first];
        writeHeader(f1, FRAG1, size, tag);
        System.arraycopy(bytes, 0, f1, FRAG1_HEADER, header + first);
        frames.add(f1);
        int pos = header + first;
        int offset = expandedHeader + first;
        int chunk = (maxFramePayload - FRAGN_HEADER) & ~7;
        while (pos < bytes.length) {
            int n = Math.min(chunk, bytes.length - pos);
            byte[] fn = new byte[FRAGN_HEADER + n];
            writeHeader(fn, FRAGN, size, tag);
            fn[4] = (byte) (offset >>> 3);
            System.arraycopy(bytes, pos, fn, FRAGN_HEADER, n);
            frames.add(fn);
            pos += n;
            offset += n;
        }
        return frames;
    }

    private static void writeHeader(byte[] frame, int dispatch, int size, int tag) {
        frame[0] = (byte) (dispatch | (size >>> 8));
        frame[1] = (byte) size;
        frame[2] = (byte) (tag >>> 8);
        frame[3] = (byte) tag;
    }

    @Override
    public String toString() {
        return "Fragmenter[" + maxFramePayload + "]";
    }
}
