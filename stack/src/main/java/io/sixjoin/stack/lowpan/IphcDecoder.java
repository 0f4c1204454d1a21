package io.sixjoin.stack.lowpan;

import static io.sixjoin.stack.lowpan.LowpanFormatException.require;

import java.net.Inet6Address;
import java.util.Arrays;

import io.sixjoin.stack.ipv6.InternetChecksum;
import io.sixjoin.stack.ipv6.Ipv6Packet;
import io.sixjoin.stack.lowpan.LowpanFormatException.Reason;

/**
 * RFC 6282 IPHC and UDP NHC decompression. Split in two steps so that {@link Reassembler} can learn how
 * far a first fragment's headers expand without building a packet: {@link #header} parses the compressed
 * header, {@link Header#toPacket} adds the payload. A UDP checksum elided by the sender is recomputed
 * (RFC 6282 §4.3.2 leaves the authorization to the upper layer; we accept rather than drop).
 */
final class IphcDecoder {
    static final int NHC_UDP_MASK = 0xF8;
    static final int NHC_UDP = 0xF0;

    private IphcDecoder() {
    }

    /** A decoded IPHC (+ UDP NHC) header; {@code end} is the offset of the first payload byte. */
    record Header(int trafficClass, int flowLabel, int nextHeader, int hopLimit, Inet6Address source,
            Inet6Address destination, boolean nhcUdp, int sourcePort, int destinationPort, int checksum,
            int end) {
        /** Bytes this header occupies once decompressed. */
        int expandedLength() {
            return Ipv6Packet.HEADER_LENGTH + (nhcUdp ? 8 : 0);
        }

        Ipv6Packet toPacket(byte[] in, int payloadEnd) {
            byte[] data = Arrays.copyOfRange(in, end, payloadEnd);
            if (!nhcUdp) {
                return new Ipv6Packet(trafficClass, flowLabel, nextHeader, hopLimit, source, destination, data);
            }
            byte[] udp = new byte[8 + data.length];
            udp[0] = (byte) (sourcePort >>> 8);
            udp[1] = (byte) sourcePort;
            udp[2] = (byte) (destinationPort >>> 8);
            udp[3] = (byte) destinationPort;
            udp[4] = (byte) (udp.length >>> 8);
            udp[5] = (byte) udp.length;
            System.arraycopy(data, 0, udp, 8, data.length);
            int sum = checksum >= 0 ? checksum
                    : InternetChecksum.compute(source, destination, Ipv6Packet.UDP, udp, 0, udp.length);
            udp[6] = (byte) (sum >>> 8);
            udp[7] = (byte) sum;
            return new Ipv6Packet(trafficClass, flowLabel, Ipv6Packet.UDP, hopLimit, source, destination, udp);
        }
    }

    static Header header(byte[] in, int offset, LowpanContext ctx) throws LowpanFormatException {
        Cursor c = new Cursor(in, offset);
        int b0 = c.u8();
        int b1 = c.u8();
        require((b0 & 0xE0) == 0x60, Reason.UNSUPPORTED_DISPATCH, String.format("0x%02x is not IPHC", b0));
        if ((b1 & 0x80) != 0) {
            int cid = c.u8();
            require(cid == 0, Reason.UNKNOWN_CONTEXT, String.format("context ids 0x%02x, only 0 is known", cid));
        }
        int tf = (b0 >>> 3) & 3;
        int trafficClass = 0;
        int flowLabel = 0;
        if (tf == 0 || tf == 2) { // ECN(2) DSCP(6) inline; IPHC puts ECN first, IPv6 puts it last
            int v = c.u8();
            trafficClass = ((v & 0x3F) << 2) | (v >>> 6);
        } else if (tf == 1) {
            trafficClass = (c.peek() >>> 6);
        }
        if (tf == 0) {
            flowLabel = ((c.u8() & 0x0F) << 16) | c.u16();
        } else if (tf == 1) {
            flowLabel = ((c.u8() & 0x0F) << 16) | c.u16();
        }
        boolean nhc = (b0 & 0x04) != 0;
        int nextHeader = nhc ? -1 : c.u8();
        int hopLimit = switch (b0 & 3) {
            case 0 -> c.u8();
            case 1 -> 1;
            case 2 -> 64;
            default -> 255;
        };
        Inet6Address src = unicast((b1 & 0x40) != 0, (b1 >>> 4) & 3, c, ctx.linkSource(), ctx, true);
        boolean multicast = (b1 & 0x08) != 0;
        boolean dac = (b1 & 0x04) != 0;
        int dam = b1 & 3;
        Inet6Address dst = multicast ? multicast(dac, dam, c, ctx)
                : unicast(dac, dam, c, ctx.linkDestination(), ctx, false);
        if (!nhc) {
            return new Header(trafficClass, flowLabel, nextHeader, hopLimit, src, dst, false, 0, 0, 0, c.pos);
        }
        int id = c.u8();
        require((id & NHC_UDP_MASK) == NHC_UDP, Reason.UNSUPPORTED_NHC,
                String.format("NHC 0x%02x: only UDP (11110CPP) is decoded", id));
        int sp;
        int dp;
        switch (id & 3) {
            case 0 -> {
                sp = c.u16();
                dp = c.u16();
            }
            case 1 -> {
                sp = c.u16();
                dp = 0xF000 | c.u8();
            }
            case 2 -> {
                sp = 0xF000 | c.u8();
                dp = c.u16();
            }
            default -> {
                int v = c.u8();
                sp = 0xF0B0 | (v >>> 4);
                dp = 0xF0B0 | (v & 0x0F);
            }
        }
        int checksum = (id & 4) != 0 ? -1 : c.u16();
        return new Header(trafficClass, flowLabel, Ipv6Packet.UDP, hopLimit, src, dst, true, sp, dp, checksum,
                c.pos);
    }

    private static Inet6Address unicast(boolean stateful, int mode, Cursor c, Ieee802154Address link,
            LowpanContext ctx, boolean isSource) throws LowpanFormatException {
        byte[] prefix = stateful ? ctx.meshPrefix() : Addresses.LINK_LOCAL_PREFIX;
        return switch (mode) {
            case 0 -> {
                if (!stateful) {
                    yield Addresses.of(c.bytes(16));
                }
                require(isSource, Reason.RESERVED_ENCODING, "DAC=1 DAM=00 is reserved");
                yield Addresses.of(new byte[16]); // SAC=1 SAM=00: the unspecified address
            }
            case 1 -> Addresses.of(prefix, c.bytes(8));
            case 2 -> {
                byte[] iid = {0, 0, 0, (byte) 0xFF, (byte) 0xFE, 0, 0, 0};
                System.arraycopy(c.bytes(2), 0, iid, 6, 2);
                yield Addresses.of(prefix, iid);
            }
            default -> Addresses.of(prefix, link.iid(ctx.iidRule()));
        };
    }

    private static Inet6Address multicast(boolean dac, int dam, Cursor c, LowpanContext ctx)
            throws LowpanFormatException {
        byte[] a = new byte[16];
        a[0] = (byte) 0xFF;
        if (dac) {
            require(dam == 0, Reason.RESERVED_ENCODING, "M=1 DAC=1 DAM=" + dam + " is reserved");
            // RFC 3306 unicast-prefix-based: ffXX:XXLL:PPPP:PPPP:PPPP:PPPP:XXXX:XXXX, L and P from context 0
            byte[] in = c.bytes(6);
            a[1] = in[0];
            a[2] = in[1];
            a[3] = 64;
            System.arraycopy(ctx.meshPrefix(), 0, a, 4, 8);
            System.arraycopy(in, 2, a, 12, 4);
            return Addresses.of(a);
        }
        switch (dam) {
            case 0 -> {
                return Addresses.of(c.bytes(16));
            }
            case 1 -> {
                byte[] in = c.bytes(6);
                a[1] = in[0];
                System.arraycopy(in, 1, a, 11, 5);
            }
            case 2 -> {
                byte[] in = c.bytes(4);
                a[1] = in[0];
                System.arraycopy(in, 1, a, 13, 3);
            }
            default -> {
                a[1] = 0x02;
                a[15] = c.bytes(1)[0];
            }
        }
        return Addresses.of(a);
    }

    /** Reads forward through the input, turning every overrun into one typed error. */
    static final class Cursor {
        private final byte[] in;
        int pos;

        Cursor(byte[] in, int pos) {
            this.in = in;
            this.pos = pos;
        }

        byte[] bytes(int n) throws LowpanFormatException {
            require(in.length - pos >= n, Reason.TRUNCATED, "need " + n + " bytes at offset " + pos + ", "
                    + Math.max(0, in.length - pos) + " remain");
            byte[] out = Arrays.copyOfRange(in, pos, pos + n);
            pos += n;
            return out;
        }

        int peek() throws LowpanFormatException {
            require(pos < in.length, Reason.TRUNCATED, "need a byte at offset " + pos);
            return in[pos] & 0xFF;
        }

        int u8() throws LowpanFormatException {
            int v = peek();
            pos++;
            return v;
        }

        int u16() throws LowpanFormatException {
            return (u8() << 8) | u8();
        }
    }
}
