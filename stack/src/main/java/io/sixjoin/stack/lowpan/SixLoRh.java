package io.sixjoin.stack.lowpan;

import static io.sixjoin.stack.lowpan.LowpanFormatException.require;

import java.io.ByteArrayOutputStream;
import java.net.Inet6Address;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import io.sixjoin.stack.lowpan.IphcDecoder.Cursor;
import io.sixjoin.stack.lowpan.LowpanFormatException.Reason;
import io.sixjoin.stack.lowpan.MeshPacket.IpInIp;
import io.sixjoin.stack.lowpan.MeshPacket.RplInfo;

/**
 * RFC 8138 6LoRH headers of page 1. Elective headers are {@code 101LLLLL type value[L]}, critical ones
 * {@code 100SSSSS type ...}; an unknown elective header is skipped, an unknown critical one drops the
 * packet (§5.1). RH3 hops are compressed against a reference (§6.3): the first against the encapsulator of
 * the tunnel or else the inner packet's source (as OpenWSN's forwarding does), each next one against the hop
 * before it; an address keeps the reference's leading bytes and replaces the last 1, 2, 4, 8 or 16 (types
 * 0..4). With K set the RPI's SenderRank travels as its high byte, the low byte being zero (OpenWSN
 * {@code forwarding_createRplOption}); I set means RPLInstanceID 0.
 */
final class SixLoRh {
    static final int TYPE_RPI = 5;
    static final int TYPE_IP_IN_IP = 6;
    static final int[] RH3_SIZES = {1, 2, 4, 8, 16};
    static final int RPI_O = 0x10;
    static final int RPI_R = 0x08;
    static final int RPI_F = 0x04;
    static final int RPI_I = 0x02;
    static final int RPI_K = 0x01;

    private SixLoRh() {
    }

    /** The 6LoRHs found before the IPHC header; RH3 hops are still compressed until {@link #hops}. */
    static final class Parsed {
        Optional<RplInfo> rpl = Optional.empty();
        Optional<IpInIp> tunnel = Optional.empty();
        final List<byte[]> rh3 = new ArrayList<>();
        int rh3Headers;
        int expanded;

        List<Inet6Address> hops(Inet6Address innerSource) {
            byte[] reference = tunnel.map(t -> t.encapsulator().getAddress()).orElse(innerSource.getAddress());
            List<Inet6Address> hops = new ArrayList<>(rh3.size());
            for (byte[] inline : rh3) {
                Inet6Address hop = Addresses.suffixed(reference, inline);
                hops.add(hop);
                reference = hop.getAddress();
            }
            return hops;
        }
    }

    /** Parses 6LoRHs at the cursor until the first byte that is not one. */
    static Parsed parse(Cursor c, LowpanContext ctx) throws LowpanFormatException {
        Parsed p = new Parsed();
        while ((c.peek() & 0xC0) == 0x80) {
            int first = c.u8();
            int low = first & 0x1F;
            int type = c.u8();
            if ((first & 0x20) != 0) {
                if (type == TYPE_IP_IN_IP) {
                    require(p.tunnel.isEmpty(), Reason.BAD_6LORH, "a second IP-in-IP 6LoRH");
                    require(low == 1 || low == 2 || low == 3 || low == 5 || low == 9 || low == 17, Reason.BAD_6LORH,
                            "IP-in-IP 6LoRH length " + low + " is not 1 + 0/1/2/4/8/16");
                    int hopLimit = c.u8();
                    byte[] root = ctx.root().getAddress();
                    Inet6Address encapsulator = low == 1 ? ctx.root() : Addresses.suffixed(root, c.bytes(low - 1));
                    p.tunnel = Optional.of(new IpInIp(hopLimit, encapsulator));
                    p.expanded += 40;
                } else {
                    c.bytes(low); // unknown elective 6LoRH (e.g. RFC 9034 deadline): ignorable by definition
                }
            } else if (type < RH3_SIZES.length) {
                require(++p.rh3Headers <= LowpanCodec.MAX_RH3, Reason.BAD_6LORH,
                        "more than " + LowpanCodec.MAX_RH3 + " RH3-6LoRH headers");
                for (int i = 0; i <= low; i++) {
                    p.rh3.add(c.bytes(RH3_SIZES[type]));
                }
            } else if (type == TYPE_RPI) {
                require(p.rpl.isEmpty(), Reason.BAD_6LORH, "a second RPI-6LoRH");
                int instance = (low & RPI_I) != 0 ? 0 : c.u8();
                int rank = (low & RPI_K) != 0 ? c.u8() << 8 : c.u16();
                p.rpl = Optional.of(new RplInfo((low & RPI_O) != 0, (low & RPI_R) != 0, (low & RPI_F) != 0,
                        instance, rank));
                p.expanded += 8;
            } else {
                throw new LowpanFormatException(Reason.UNKNOWN_CRITICAL_6LORH,
                        "critical 6LoRH type " + type + " is unknown; RFC 8138 §5.1 drops the packet");
            }
        }
        if (!p.rh3.isEmpty()) {
            p.expanded += 8 + 16 * p.rh3.size();
        }
        return p;
    }

    static void emitRh3(List<Inet6Address> hops, byte[] reference, ByteArrayOutputStream out) {
        if (hops.isEmpty()) {
            return;
        }
        int[] sizes = new int[hops.size()];
        byte[] ref = reference;
        int groups = 0;
        for (int i = 0; i < sizes.length; i++) {
            byte[] a = hops.get(i).getAddress();
            sizes[i] = Addresses.differingSuffix(a, ref);
            if (i == 0 || sizes[i] != sizes[i - 1]) {
                groups++;
            }
            ref = a;
        }
        int groupLimit = LowpanCodec.MAX_RH3;
        if (groups > groupLimit || hops.size() > 32 * groupLimit) {
            // too many size changes: fall back to one size for all, the largest, in runs of at most 32
            int max = 0;
            for (int s : sizes) {
                max = Math.max(max, s);
            }
            Arrays.fill(sizes, max);
        }
        int i = 0;
        int headers = 0;
        while (i < sizes.length) {
            int j = i;
            while (j < sizes.length && sizes[j] == sizes[i] && j - i < 32) {
                j++;
            }
            if (++headers > groupLimit) {
                throw new IllegalArgumentException("a source route of " + hops.size()
                        + " hops does not fit " + groupLimit + " RH3-6LoRH headers");
            }
            out.write(0x80 | (j - i - 1));
            out.write(typeOf(sizes[i]));
            for (int k = i; k < j; k++) {
                out.write(hops.get(k).getAddress(), 16 - sizes[i], sizes[i]);
            }
            i = j;
        }
    }

    static void emitRpi(RplInfo r, ByteArrayOutputStream out) {
        int flags = (r.down() ? RPI_O : 0) | (r.rankError() ? RPI_R : 0) | (r.forwardingError() ? RPI_F : 0)
                | (r.instanceId() == 0 ? RPI_I : 0) | ((r.senderRank() & 0xFF) == 0 ? RPI_K : 0);
        out.write(0x80 | flags);
        out.write(TYPE_RPI);
        if (r.instanceId() != 0) {
            out.write(r.instanceId());
        }
        out.write(r.senderRank() >>> 8);
        if ((r.senderRank() & 0xFF) != 0) {
            out.write(r.senderRank());
        }
    }

    static void emitIpInIp(IpInIp t, Inet6Address root, ByteArrayOutputStream out) {
        byte[] a = t.encapsulator().getAddress();
        // only 0, 8 or 16 bytes: the lengths OpenWSN firmware and OpenVisualizer decode (reference §2.1)
        byte[] r = root.getAddress();
        int size = t.encapsulator().equals(root) ? 0 : Arrays.equals(a, 0, 8, r, 0, 8) ? 8 : 16;
        out.write(0xA0 | (1 + size));
        out.write(TYPE_IP_IN_IP);
        out.write(t.hopLimit());
        out.write(a, 16 - size, size);
    }

    private static int typeOf(int size) {
        for (int t = 0; t < RH3_SIZES.length; t++) {
            if (RH3_SIZES[t] == size) {
                return t;
            }
        }
        throw new AssertionError(size);
    }
}
