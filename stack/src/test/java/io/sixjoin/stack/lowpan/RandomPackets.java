package io.sixjoin.stack.lowpan;

import java.net.Inet6Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import io.sixjoin.stack.ipv6.Ipv6Packet;
import io.sixjoin.stack.ipv6.UdpDatagram;
import io.sixjoin.stack.lowpan.Ieee802154Address.IidRule;
import io.sixjoin.stack.lowpan.MeshPacket.IpInIp;
import io.sixjoin.stack.lowpan.MeshPacket.RplInfo;

/**
 * Seeded generator of mesh packets biased toward the values compression treats specially (link-derived
 * IIDs, short IIDs, context-0 and link-local prefixes, multicast forms, 0xF0Bx ports, hop limits 1/64/255),
 * shared by the round-trip and fuzz tests.
 */
final class RandomPackets {
    static final byte[] PREFIX = LowpanVectorsTest.PREFIX;

    private RandomPackets() {
    }

    static LowpanContext context(Random r) {
        Ieee802154Address src = r.nextBoolean() ? LowpanVectorsTest.mote(r.nextInt(8))
                : Ieee802154Address.shortAddress(r.nextInt(0x10000));
        Ieee802154Address dst = r.nextBoolean() ? LowpanVectorsTest.mote(r.nextInt(8))
                : Ieee802154Address.shortAddress(r.nextInt(0x10000));
        return new LowpanContext(src, dst, PREFIX, LowpanVectorsTest.ROOT,
                r.nextBoolean() ? IidRule.RFC_4944 : IidRule.OPENWSN_EUI64_AS_IS);
    }

    static MeshPacket mesh(Random r, LowpanContext ctx) {
        Ipv6Packet inner = packet(r, ctx);
        Optional<RplInfo> rpl = r.nextInt(3) == 0 ? Optional.empty()
                : Optional.of(new RplInfo(r.nextBoolean(), r.nextBoolean(), r.nextBoolean(),
                        r.nextBoolean() ? 0 : r.nextInt(256), r.nextBoolean() ? r.nextInt(256) : r.nextInt(65536)));
        Optional<IpInIp> tunnel = r.nextInt(3) == 0
                ? Optional.of(new IpInIp(r.nextInt(256), r.nextBoolean() ? ctx.root() : address(r, ctx, null)))
                : Optional.empty();
        List<Inet6Address> hops = new ArrayList<>();
        int n = r.nextInt(3) == 0 ? r.nextInt(6) : 0;
        for (int i = 0; i < n; i++) {
            hops.add(r.nextBoolean() ? LowpanVectorsTest.v6("bbbb::1415:92cc:0:" + Integer.toHexString(i + 2))
                    : address(r, ctx, null));
        }
        return new MeshPacket(rpl, tunnel, hops, inner);
    }

    static Ipv6Packet packet(Random r, LowpanContext ctx) {
        Inet6Address src = address(r, ctx, ctx.linkSource());
        Inet6Address dst = r.nextInt(4) == 0 ? multicast(r) : address(r, ctx, ctx.linkDestination());
        int[] hops = {1, 64, 255, r.nextInt(256)};
        int tc = r.nextInt(3) == 0 ? r.nextInt(256) : r.nextBoolean() ? r.nextInt(4) : 0;
        int fl = r.nextInt(3) == 0 ? r.nextInt(1 << 20) : 0;
        byte[] data = bytes(r, r.nextInt(60));
        if (r.nextInt(4) == 0) {
            return new Ipv6Packet(tc, fl, r.nextBoolean() ? Ipv6Packet.ICMPV6 : r.nextInt(256),
                    hops[r.nextInt(4)], src, dst, data);
        }
        int[] ports = {0xF0B0 + r.nextInt(16), 0xF000 + r.nextInt(256), 5683, r.nextInt(65536)};
        UdpDatagram udp = new UdpDatagram(ports[r.nextInt(4)], ports[r.nextInt(4)], data);
        return new Ipv6Packet(tc, fl, Ipv6Packet.UDP, hops[r.nextInt(4)], src, dst, udp.encode(src, dst));
    }

    static Inet6Address address(Random r, LowpanContext ctx, Ieee802154Address link) {
        byte[] a = bytes(r, 16);
        switch (r.nextInt(6)) {
            case 0 -> System.arraycopy(Addresses.LINK_LOCAL_PREFIX, 0, a, 0, 8);
            case 1, 2 -> System.arraycopy(PREFIX, 0, a, 0, 8);
            default -> {
                return Addresses.of(a);
            }
        }
        switch (r.nextInt(3)) {
            case 0 -> {
                if (link != null) {
                    System.arraycopy(link.iid(ctx.iidRule()), 0, a, 8, 8);
                }
            }
            case 1 -> System.arraycopy(new byte[] {0, 0, 0, (byte) 0xFF, (byte) 0xFE, 0}, 0, a, 8, 6);
            default -> {
            }
        }
        return Addresses.of(a);
    }

    static Inet6Address multicast(Random r) {
        byte[] a = new byte[16];
        a[0] = (byte) 0xFF;
        a[1] = (byte) (r.nextInt(4) == 0 ? 0x02 : r.nextInt(256));
        int tail = new int[] {1, 3, 5, 16}[r.nextInt(4)];
        for (int i = 16 - tail; i < 16; i++) {
            a[i] = (byte) r.nextInt(256);
        }
        return Addresses.of(a);
    }

    static byte[] bytes(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }
}
