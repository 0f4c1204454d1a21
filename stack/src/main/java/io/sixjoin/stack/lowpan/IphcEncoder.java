package io.sixjoin.stack.lowpan;

import java.io.ByteArrayOutputStream;

import io.sixjoin.stack.ipv6.Ipv6Packet;

/**
 * RFC 6282 IPHC and UDP NHC compression, choosing for each field the shortest form that
 * {@link IphcDecoder} turns back into exactly the same value under the same {@link LowpanContext}. Only
 * context 0 (the mesh prefix) is used, so no CID byte is ever written. The UDP checksum always stays inline:
 * RFC 6282 §4.3.2 allows eliding it only with upper-layer authorization, which nothing here has.
 */
final class IphcEncoder {
    private IphcEncoder() {
    }

    /** Writes the compressed header and the payload; returns how many of the written bytes are header. */
    static int compress(Ipv6Packet p, LowpanContext ctx, boolean compressUdp, boolean linkElision,
            ByteArrayOutputStream out) {
        int start = out.size();
        byte[] payload = p.payload();
        boolean nhcUdp = compressUdp && p.nextHeader() == Ipv6Packet.UDP && payload.length >= 8
                && Addresses.u16(payload, 4) == payload.length;
        ByteArrayOutputStream inline = new ByteArrayOutputStream();
        int b0 = 0x60;
        int ecn = p.trafficClass() & 3;
        int dscp = p.trafficClass() >>> 2;
        int fl = p.flowLabel();
        if (fl == 0 && p.trafficClass() == 0) {
            b0 |= 3 << 3;
        } else if (fl == 0) {
            b0 |= 2 << 3;
            inline.write((ecn << 6) | dscp);
        } else if (dscp == 0) {
            b0 |= 1 << 3;
            inline.write((ecn << 6) | (fl >>> 16));
            inline.write(fl >>> 8);
            inline.write(fl);
        } else {
            inline.write((ecn << 6) | dscp);
            inline.write(fl >>> 16);
            inline.write(fl >>> 8);
            inline.write(fl);
        }
        if (nhcUdp) {
            b0 |= 0x04;
        } else {
            inline.write(p.nextHeader());
        }
        switch (p.hopLimit()) {
            case 1 -> b0 |= 1;
            case 64 -> b0 |= 2;
            case 255 -> b0 |= 3;
            default -> inline.write(p.hopLimit());
        }
        byte[] src = p.source().getAddress();
        byte[] dst = p.destination().getAddress();
        int b1 = unicast(src, linkElision ? ctx.linkSource() : null, ctx, inline) << 4;
        if ((dst[0] & 0xFF) == 0xFF) {
            b1 |= 0x08 | multicast(dst, inline);
        } else {
            b1 |= unicast(dst, linkElision ? ctx.linkDestination() : null, ctx, inline);
        }
        out.write(b0);
        out.write(b1);
        out.writeBytes(inline.toByteArray());
        int bodyStart = 0;
        if (nhcUdp) {
            bodyStart = 8;
            udp(payload, out);
        }
        int headerLength = out.size() - start;
        out.write(payload, bodyStart, payload.length - bodyStart);
        return headerLength;
    }

    /** Returns SAC|SAM (or DAC|DAM) as 3 bits, writing the inline part; {@code link} null: never elide. */
    private static int unicast(byte[] a, Ieee802154Address link, LowpanContext ctx, ByteArrayOutputStream inline) {
        boolean linkLocal = Addresses.hasPrefix(a, Addresses.LINK_LOCAL_PREFIX);
        boolean mesh = Addresses.hasPrefix(a, ctx.meshPrefix());
        if (!linkLocal && !mesh) {
            // the unspecified address only compresses as a source; a destination :: stays inline
            inline.write(a, 0, 16);
            return 0;
        }
        int stateful = linkLocal ? 0 : 4;
        if (link != null && Addresses.iidEquals(a, link.iid(ctx.iidRule()))) {
            return stateful | 3;
        }
        if (Addresses.isShortIid(a)) {
            inline.write(a, 14, 2);
            return stateful | 2;
        }
        inline.write(a, 8, 8);
        return stateful | 1;
    }

    private static int multicast(byte[] a, ByteArrayOutputStream inline) {
        if (a[1] == 0x02 && allZero(a, 2, 15)) {
            inline.write(a[15]);
            return 3;
        }
        if (allZero(a, 2, 13)) {
            inline.write(a[1]);
            inline.write(a, 13, 3);
            return 2;
        }
        if (allZero(a, 2, 11)) {
            inline.write(a[1]);
            inline.write(a, 11, 5);
            return 1;
        }
        inline.write(a, 0, 16);
        return 0;
    }

    private static void udp(byte[] udp, ByteArrayOutputStream out) {
        int sp = Addresses.u16(udp, 0);
        int dp = Addresses.u16(udp, 2);
        if ((sp & 0xFFF0) == 0xF0B0 && (dp & 0xFFF0) == 0xF0B0) {
            out.write(IphcDecoder.NHC_UDP | 3);
            out.write(((sp & 0xF) << 4) | (dp & 0xF));
        } else if ((dp & 0xFF00) == 0xF000) {
            out.write(IphcDecoder.NHC_UDP | 1);
            out.write(udp, 0, 2);
            out.write(dp & 0xFF);
        } else if ((sp & 0xFF00) == 0xF000) {
            out.write(IphcDecoder.NHC_UDP | 2);
            out.write(sp & 0xFF);
            out.write(udp, 2, 2);
        } else {
            out.write(IphcDecoder.NHC_UDP);
            out.write(udp, 0, 4);
        }
        out.write(udp, 6, 2); // checksum inline, never elided
    }

    private static boolean allZero(byte[] a, int from, int to) {
        for (int i = from; i < to; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return true;
    }

}
