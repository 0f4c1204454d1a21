package io.sixjoin.emulator.mote;

import io.sixjoin.emulator.tsch.Protection;
import io.sixjoin.emulator.tsch.ReceivedFrame;
import io.sixjoin.emulator.tsch.TschMac;
import io.sixjoin.stack.ieee802154.MacAddress;
import io.sixjoin.stack.lowpan.Fragmenter;
import io.sixjoin.stack.lowpan.Ieee802154Address;
import io.sixjoin.stack.lowpan.LowpanCodec;
import io.sixjoin.stack.lowpan.LowpanContext;
import io.sixjoin.stack.lowpan.LowpanFormatException;
import io.sixjoin.stack.lowpan.MeshPacket;
import io.sixjoin.stack.lowpan.Reassembler;

import java.util.List;
import java.util.Optional;

/**
 * One mote's 6LoWPAN adaptation layer over its {@link TschMac}: outgoing IPv6 packets are compressed (RFC 6282
 * IPHC and RFC 8138 6LoRH, as OpenWSN firmware does) against the link addresses of the hop they take and
 * fragmented (RFC 4944) to fit a frame; incoming frames are reassembled per link-layer source and decompressed
 * against the addresses of the frame that carried them. Compression depends on the link, which is why a
 * forwarder decompresses and recompresses rather than relaying bytes. Malformed input is counted and dropped.
 */
final class LowpanLink {
    /** At most this many datagrams in reassembly per mote; a mote has a handful of neighbours. */
    private static final int MAX_REASSEMBLIES = 4;
    /** RFC 4944 allows up to 60 s; a shared cell every slotframe makes 20 s generous. */
    private static final long REASSEMBLY_TIMEOUT_MS = 20_000;

    private final TschMac mac;
    private final MeshAddresses addresses;
    private final Fragmenter fragmenter = new Fragmenter(TschMac.MAX_PAYLOAD);
    private Reassembler reassembler = newReassembler();
    private int nextTag;
    private long malformed;
    private long refused;

    LowpanLink(TschMac mac, MeshAddresses addresses, int firstTag) {
        this.mac = mac;
        this.addresses = addresses;
        this.nextTag = firstTag & 0xFFFF;
    }

    /**
     * Sends {@code packet} to neighbour {@code nextHop}.
     *
     * @return the MAC handle of its last frame, or -1 if the MAC refused a frame (not synchronised, no key,
     *         queue full)
     */
    long send(MeshPacket packet, MacAddress nextHop, Protection protection) {
        LowpanCodec.Compressed c = LowpanCodec.compress(packet, context(mac.address(), nextHop),
                LowpanCodec.Options.DEFAULT);
        List<byte[]> frames = fragmenter.fragment(c, nextTag);
        nextTag = (nextTag + 1) & 0xFFFF;
        long handle = -1;
        for (byte[] f : frames) {
            handle = mac.send(nextHop, f, protection);
            if (handle < 0) {
                refused++;
                return -1;
            }
        }
        return handle;
    }

    /** Takes a received frame; returns the datagram it completed, if any. */
    Optional<MeshPacket> receive(ReceivedFrame frame, long nowMillis) {
        Reassembler.Result r = reassembler.accept(MeshAddresses.link(frame.source()), frame.payload(), nowMillis);
        if (!(r instanceof Reassembler.Complete complete)) {
            return Optional.empty();
        }
        return decode(complete.datagram(), frame.source(), frame.destination());
    }

    /** Decompresses a whole datagram that came from {@code from} to {@code to}; malformed ones are counted. */
    Optional<MeshPacket> decode(byte[] datagram, MacAddress from, MacAddress to) {
        try {
            return Optional.of(LowpanCodec.decompress(datagram, context(from, to)));
        } catch (LowpanFormatException | RuntimeException e) {
            malformed++;
            return Optional.empty();
        }
    }

    /** The UDP datagram {@code p} carries to the CoAP port (every CoJP exchange uses it), if it is one. */
    static Optional<io.sixjoin.stack.ipv6.UdpDatagram> toCoapPort(MeshPacket p) {
        if (p.packet().nextHeader() != io.sixjoin.stack.ipv6.Ipv6Packet.UDP) {
            return Optional.empty();
        }
        try {
            io.sixjoin.stack.ipv6.UdpDatagram udp = p.udp();
            return udp.destinationPort() == io.sixjoin.stack.cojp.CojpDatagram.COAP_PORT ? Optional.of(udp)
                    : Optional.empty();
        } catch (io.sixjoin.stack.ipv6.Ipv6FormatException e) {
            return Optional.empty();
        }
    }

    /** Forgets datagrams in reassembly (a reboot). */
    void reset() {
        reassembler = newReassembler();
    }

    long malformed() {
        return malformed;
    }

    long refused() {
        return refused;
    }

    private LowpanContext context(MacAddress from, MacAddress to) {
        Ieee802154Address dst = to.equals(MacAddress.BROADCAST) ? Ieee802154Address.shortAddress(0xFFFF)
                : MeshAddresses.link(to);
        return new LowpanContext(MeshAddresses.link(from), dst, addresses.prefix(), addresses.hostSide(),
                Ieee802154Address.IidRule.OPENWSN_EUI64_AS_IS);
    }

    private static Reassembler newReassembler() {
        return new Reassembler(MAX_REASSEMBLIES, Fragmenter.MAX_DATAGRAM_SIZE, REASSEMBLY_TIMEOUT_MS);
    }
}
