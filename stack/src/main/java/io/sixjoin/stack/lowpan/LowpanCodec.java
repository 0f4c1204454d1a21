package io.sixjoin.stack.lowpan;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

import io.sixjoin.stack.ipv6.Ipv6FormatException;
import io.sixjoin.stack.ipv6.Ipv6Packet;
import io.sixjoin.stack.lowpan.Ieee802154Address.IidRule;
import io.sixjoin.stack.lowpan.IphcDecoder.Cursor;
import io.sixjoin.stack.lowpan.LowpanFormatException.Reason;

/**
 * The 6LoWPAN codec of the border-router host: RFC 6282 IPHC/NHC-UDP, RFC 8138 page 1 with RPI-, IP-in-IP-
 * and RH3-6LoRH, and the RFC 4944 uncompressed-IPv6 dispatch, between whole (reassembled) datagrams and
 * {@link MeshPacket}s. Pure functions of their arguments; the {@link LowpanContext} supplies what the bytes
 * elide. {@code decompress(compress(p, ctx), ctx).equals(p)} for every packet {@code p}.
 *
 * <pre>{@code
 * // upstream: 'D' frame -> Reassembler -> here
 * MeshPacket up = LowpanCodec.decompress(datagram, ctx.withLink(prevHop, rootEui));
 * // downstream: reply + path from SourceRoutingTable.routeTo(dst); the 'D' frame goes to path.get(0)
 * Compressed out = LowpanCodec.compress(MeshPacket.alongPath(reply, path),
 *         ctx.withLink(rootEui, firstHopEui), LowpanCodec.Options.OPENWSN);
 * List<byte[]> frames = new Fragmenter(maxPayload).fragment(out, tag);
 * }</pre>
 */
public final class LowpanCodec {
    /** Most RH3-6LoRH headers per packet: OpenWSN's {@code MAXNUM_RH3} (reference §2.2). */
    public static final int MAX_RH3 = 3;
    /** RFC 4944 §5.1 dispatch of an uncompressed IPv6 header. */
    public static final int DISPATCH_IPV6 = 0x41;
    /** RFC 8138 §4 page switch to page 1. */
    public static final int PAGE_1 = 0xF1;
    private static final int PAGE_0 = 0xF0;

    /**
     * Compression choices.
     *
     * @param pageOne           always start with the page-1 switch, even with no 6LoRH (OpenWSN always does)
     * @param compressUdp       use the UDP NHC (checksum always inline)
     * @param linkDerivedIids   elide IIDs equal to the link-layer-derived ones; only when there is no
     *                          source route and no tunnel, because a forwarder's link addresses differ
     */
    public record Options(boolean pageOne, boolean compressUdp, boolean linkDerivedIids) {
        /** Smallest output. */
        public static final Options DEFAULT = new Options(true, true, true);
        /** What OpenVisualizer sends (reference §2.2): page 1, UDP inline, 64-bit IIDs inline. */
        public static final Options OPENWSN = new Options(true, false, false);
    }

    /**
     * A compressed datagram with what {@link Fragmenter} needs.
     *
     * @param bytes         the 6LoWPAN datagram; copied
     * @param headerLength  how many leading bytes are compressed headers (all must go in FRAG1)
     * @param datagramSize  the RFC 4944 datagram_size, {@link MeshPacket#expandedLength()}
     */
    public record Compressed(byte[] bytes, int headerLength, int datagramSize) {
        public Compressed {
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Compressed c && Arrays.equals(bytes, c.bytes) && headerLength == c.headerLength
                    && datagramSize == c.datagramSize;
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes) * 31 + headerLength;
        }

        @Override
        public String toString() {
            return "Compressed[" + HexFormat.of().formatHex(bytes) + ", header " + headerLength
                    + ", size " + datagramSize + "]";
        }
    }

    private LowpanCodec() {
    }

    /**
     * Decompresses one whole datagram (no fragment header).
     *
     * @throws LowpanFormatException for any malformed or unsupported input, never another exception
     */
    public static MeshPacket decompress(byte[] datagram, LowpanContext ctx) throws LowpanFormatException {
        Objects.requireNonNull(ctx, "ctx");
        Cursor c = new Cursor(datagram, 0);
        int dispatch = c.peek();
        if (dispatch == DISPATCH_IPV6) {
            try {
                return MeshPacket.plain(Ipv6Packet.parse(Arrays.copyOfRange(datagram, 1, datagram.length)));
            } catch (Ipv6FormatException e) {
                throw new LowpanFormatException(Reason.BAD_IPV6, e.getMessage());
            }
        }
        SixLoRh.Parsed lorh = new SixLoRh.Parsed();
        if (dispatch == PAGE_1) {
            c.u8();
            lorh = SixLoRh.parse(c, ctx);
        } else if (dispatch == PAGE_0) {
            c.u8();
        }
        IphcDecoder.Header header = IphcDecoder.header(datagram, c.pos, ctx);
        return new MeshPacket(lorh.rpl, lorh.tunnel, lorh.hops(header.source()),
                header.toPacket(datagram, datagram.length));
    }

    /**
     * How many bytes the headers at the start of {@code prefix} (a first fragment's content) expand to, and
     * how many compressed bytes they occupy: returns {@code expanded - compressed}, the growth that
     * {@link Reassembler} adds to a FRAG1's length to find its extent in the datagram.
     *
     * @throws LowpanFormatException if the headers cannot be parsed
     */
    public static int headerGrowth(byte[] prefix) throws LowpanFormatException {
        // addresses do not change lengths, so any context will do
        Ieee802154Address any = Ieee802154Address.shortAddress(0);
        LowpanContext ctx = new LowpanContext(any, any, new byte[8], Addresses.of(new byte[16]),
                IidRule.RFC_4944);
        Cursor c = new Cursor(prefix, 0);
        int dispatch = c.peek();
        if (dispatch == DISPATCH_IPV6) {
            return -1;
        }
        int expanded = 0;
        if (dispatch == PAGE_1) {
            c.u8();
            expanded += SixLoRh.parse(c, ctx).expanded;
        } else if (dispatch == PAGE_0) {
            c.u8();
        }
        IphcDecoder.Header header = IphcDecoder.header(prefix, c.pos, ctx);
        return expanded + header.expandedLength() - header.end();
    }

    /** {@link #compress(MeshPacket, LowpanContext, Options)} with {@link Options#DEFAULT}. */
    public static Compressed compress(MeshPacket packet, LowpanContext ctx) {
        return compress(packet, ctx, Options.DEFAULT);
    }

    /**
     * Compresses {@code packet} for a frame between {@code ctx}'s link addresses.
     *
     * @throws IllegalArgumentException if the source route needs more than {@value #MAX_RH3} RH3-6LoRHs
     */
    public static Compressed compress(MeshPacket packet, LowpanContext ctx, Options options) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(packet.packet().encodedLength());
        boolean routed = !packet.sourceRoute().isEmpty() || packet.tunnel().isPresent();
        boolean lorh = routed || packet.rpl().isPresent();
        if (lorh || options.pageOne()) {
            out.write(PAGE_1);
        }
        byte[] reference = packet.tunnel().map(t -> t.encapsulator().getAddress())
                .orElse(packet.packet().source().getAddress());
        SixLoRh.emitRh3(packet.sourceRoute(), reference, out);
        packet.rpl().ifPresent(r -> SixLoRh.emitRpi(r, out));
        packet.tunnel().ifPresent(t -> SixLoRh.emitIpInIp(t, ctx.root(), out));
        int lorhLength = out.size();
        boolean linkElision = !routed && options.linkDerivedIids();
        int header = IphcEncoder.compress(packet.packet(), ctx, options.compressUdp(), linkElision, out);
        return new Compressed(out.toByteArray(), lorhLength + header, packet.expandedLength());
    }
}
