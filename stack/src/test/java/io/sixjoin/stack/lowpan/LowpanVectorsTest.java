package io.sixjoin.stack.lowpan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.sixjoin.stack.ipv6.Ipv6Packet;
import io.sixjoin.stack.ipv6.UdpDatagram;
import io.sixjoin.stack.lowpan.Ieee802154Address.IidRule;
import io.sixjoin.stack.lowpan.MeshPacket.IpInIp;
import io.sixjoin.stack.lowpan.MeshPacket.RplInfo;

/**
 * Byte-exact vectors written by hand from the OpenWSN reference (docs: shared/reference/openwsn-serial.md)
 * §2.1–§2.4 and §7.6–§7.8, RFC 8138 and RFC 6282, with emulated-mote EUI-64s {@code 14-15-92-cc-00-00-00-0N}
 * (node N; N=1 is the root) and prefix bbbb::/64. UDP checksums were computed outside the code under test
 * (a short Python RFC 1071 sum over the RFC 8200 pseudo-header), so {@code udp()} verifying them is a real
 * check of the reconstructed addresses and lengths. CoAP/OSCORE ciphertexts are opaque placeholder bytes.
 */
class LowpanVectorsTest {
    static final HexFormat HEX = HexFormat.of();
    static final byte[] PREFIX = HEX.parseHex("bbbb000000000000");
    static final Inet6Address ROOT = v6("bbbb::1415:92cc:0:1");

    static Ieee802154Address mote(int n) {
        return Ieee802154Address.extended(HEX.parseHex(String.format("141592cc0000%04x", n)));
    }

    static LowpanContext link(int from, int to) {
        return new LowpanContext(mote(from), mote(to), PREFIX, ROOT, IidRule.OPENWSN_EUI64_AS_IS);
    }

    static Inet6Address v6(String literal) {
        try {
            return (Inet6Address) InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** §7.6: the observed join request of a 1-hop pledge (node 2) straight to the root, link-local. */
    static final String JOIN_REQUEST_COAP = "51" + "02" + "0001" + "a7" // NON POST, MID 1, token a7
            + "3b" + "3674697363682e61727061" // Uri-Host (3) "6tisch.arpa"
            + "6b" + "19" + "01" + "08" + "141592cc00000002" // OSCORE (9): h k n=1, PIV 1, kid ctx = EUI-64
            + "d411" + "636f6170" // Proxy-Scheme (39 = 13 + 0x11 + 9), "coap"
            + "ff" + "5f2a1c9e8d0b7a64c3e21f0a9b8c7d6e5f"; // payload: 17 bytes of ciphertext (placeholder)
    static final String DIRECT_REQUEST = "f1" // RFC 8138 page-1 switch
            + "82" + "05" + "ffff" // RPI-6LoRH: 100|0 0 0 1 0 (I: instance 0), type 5, 2-byte rank 0xFFFF
            + "7a" // IPHC 011 | TF=11 (elided) | NH=0 (inline) | HLIM=10 (64)
            + "11" // CID=0 SAC=0 SAM=01 (fe80::/64 + 64-bit IID) | M=0 DAC=0 DAM=01
            + "11" // next header UDP
            + "141592cc00000002" // source IID: the pledge's EUI-64, no U/L flip (OpenWSN)
            + "141592cc00000001" // destination IID: the root
            + "1633" + "1633" + "003d" + "b519" // UDP 5683 -> 5683, length 61, checksum (uncompressed UDP)
            + JOIN_REQUEST_COAP;

    /**
     * The same request after a one-hop stateless join proxy (node 2, rank 512) for pledge node 3 (§3.5, §7.8),
     * laid out as openwsn-fw {@code forwarding_send} and {@code iphc_sendFromForwarding} build it: the JRC
     * (DODAGID) shares the source's prefix, so there is no IP-in-IP 6LoRH, and CoAP's port 5683 is not
     * NHC-compressible there (only 0xF0xx ports are), so UDP stays inline.
     */
    static final String PROXIED_COAP = "51" + "02" + "3a5b" + "4b" // NON POST, MID 0x3a5b, token 4b
            + "9b" + "19" + "01" + "08" + "141592cc00000003" // OSCORE (9), kid context = pledge EUI-64
            + "d812" + "141592cc00000003" // Stateless-Proxy (40 = 9 + 13 + 0x12), 8 bytes: pledge IID
            + "ff" + "5f2a1c9e8d0b7a64c3e21f0a9b8c7d6e5f"; // 17 bytes of ciphertext (placeholder)
    static final String PROXIED_REQUEST = "f1" // page 1
            + "83" + "05" + "02" // RPI-6LoRH: I (instance 0) and K (rank 512 = 0x0200: high byte only), type 5
            + "7a" // IPHC 011 | TF=11 | NH=0 (inline) | HLIM=10 (64)
            + "55" // CID=0 SAC=1 SAM=01 (context 0 + 64-bit IID) | M=0 DAC=1 DAM=01
            + "11" // UDP
            + "141592cc00000002" // source bbbb::1415:92cc:0:2 (the join proxy)
            + "141592cc00000001" // destination bbbb::1415:92cc:0:1 (DODAGID, the root/JRC)
            + "1633" + "1633" + "0035" + "5aa1" // UDP 5683 -> 5683, length 53, checksum
            + PROXIED_COAP;

    /**
     * What the firmware emits when the destination is outside the mesh prefix (node 2 to 2001:db8::1): the
     * only case where openwsn-fw adds an IP-in-IP 6LoRH upstream, with the encapsulator (its own address)
     * in 16 bytes; UDP ports 0xF0B1/0xF0B2 take the 4-bit NHC form.
     */
    static final String TUNNELLED_UPSTREAM = "f1" // page 1
            + "83" + "05" + "02" // RPI-6LoRH: I, K, rank 512
            + "b1" + "06" + "40" // IP-in-IP 6LoRH: 101|10001 length 17, type 6, outer hop limit 64 (65 - 1)
            + "bbbb000000000000141592cc00000002" // encapsulator (outer source), 16 bytes
            + "7e" // IPHC 011 | TF=11 | NH=1 (NHC) | HLIM=10 (64)
            + "00" // SAC=0 SAM=00 | M=0 DAC=0 DAM=00: both addresses inline
            + "bbbb000000000000141592cc00000002" // source
            + "20010db8000000000000000000000001" // destination 2001:db8::1
            + "f3" + "12" // NHC UDP 11110 | C=0 | P=11: ports 0xF0B1 -> 0xF0B2 in 4 bits each
            + "7dfc" // checksum, inline
            + "0102030405060708"; // payload

    /** §2.2 / §7.8: the JRC's response to the proxy (node 4, via 2 and 3), as OpenVisualizer compresses it. */
    static final String RESPONSE_COAP = "51" + "44" + "3a5b" + "4b" // NON 2.04, same MID and token
            + "90" // OSCORE (9), empty
            + "d812" + "141592cc00000005" // Stateless-Proxy (40) echoed: pledge node 5
            + "ff" + "3c8e5a0f71d2b4e6a9"; // 9 bytes of ciphertext (placeholder)
    static final String DOWNSTREAM_RESPONSE = "f1" // page 1
            + "81" + "00" // RH3-6LoRH: 100|00001 (2 addresses), type 0 (1 byte each)
            + "02" // hop 1: bbbb::1415:92cc:0:2, last byte after the root's address
            + "03" // hop 2: bbbb::1415:92cc:0:3, last byte after hop 1
            + "7a" // IPHC 011 | TF=11 | NH=0 inline (OpenVisualizer never compresses UDP) | HLIM=10 (64)
            + "55" // SAC=1 SAM=01 | DAC=1 DAM=01: 64-bit IIDs inline, prefix from context 0
            + "11" // UDP
            + "141592cc00000001" // source: the root (JRC co-located)
            + "141592cc00000004" // destination: the join proxy, node 4
            + "1633" + "1633" + "0022" + "6174" // UDP 5683 -> 5683, length 34, checksum
            + RESPONSE_COAP;

    @Test
    void decodesTheDirectJoinRequest() throws Exception {
        MeshPacket p = LowpanCodec.decompress(HEX.parseHex(DIRECT_REQUEST), link(2, 1));
        assertEquals(Optional.of(new RplInfo(false, false, false, 0, 0xFFFF)), p.rpl());
        assertEquals(Optional.empty(), p.tunnel());
        assertEquals(List.of(), p.sourceRoute());
        Ipv6Packet ip = p.packet();
        assertEquals(v6("fe80::1415:92cc:0:2"), ip.source());
        assertEquals(v6("fe80::1415:92cc:0:1"), ip.destination());
        assertEquals(64, ip.hopLimit());
        assertEquals(new UdpDatagram(5683, 5683, HEX.parseHex(JOIN_REQUEST_COAP)), p.udp());
    }

    @Test
    void decodesTheProxiedJoinRequest() throws Exception {
        MeshPacket p = LowpanCodec.decompress(HEX.parseHex(PROXIED_REQUEST), link(2, 1));
        assertEquals(Optional.of(new RplInfo(false, false, false, 0, 512)), p.rpl());
        assertEquals(Optional.empty(), p.tunnel());
        Ipv6Packet ip = p.packet();
        assertEquals(v6("bbbb::1415:92cc:0:2"), ip.source());
        assertEquals(ROOT, ip.destination());
        assertEquals(64, ip.hopLimit());
        assertEquals(new UdpDatagram(5683, 5683, HEX.parseHex(PROXIED_COAP)), p.udp());
        assertEquals(40 + 8 + 8 + HEX.parseHex(PROXIED_COAP).length, p.expandedLength());
        assertEquals(PROXIED_REQUEST, HEX.formatHex(
                LowpanCodec.compress(p, link(2, 1), LowpanCodec.Options.OPENWSN).bytes()), "re-encodes alike");
    }

    @Test
    void decodesTheTunnelledUpstreamPacket() throws Exception {
        MeshPacket p = LowpanCodec.decompress(HEX.parseHex(TUNNELLED_UPSTREAM), link(2, 1));
        assertEquals(Optional.of(new RplInfo(false, false, false, 0, 512)), p.rpl());
        assertEquals(Optional.of(new IpInIp(64, v6("bbbb::1415:92cc:0:2"))), p.tunnel());
        assertEquals(v6("2001:db8::1"), p.packet().destination());
        assertEquals(new UdpDatagram(0xF0B1, 0xF0B2, HEX.parseHex("0102030405060708")), p.udp());
        // ours is shorter: the same-/64 encapsulator in 8 bytes (length 9, which openwsn-fw also decodes) and
        // the inner source from context 0
        String ours = "f1" + "830502" + "a9" + "06" + "40" + "141592cc00000002" + "7e" + "50"
                + "141592cc00000002" + "20010db8000000000000000000000001" + "f312" + "7dfc" + "0102030405060708";
        assertEquals(ours, HEX.formatHex(LowpanCodec.compress(p, link(2, 1)).bytes()));
        assertEquals(p, LowpanCodec.decompress(HEX.parseHex(ours), link(2, 1)));
    }

    @Test
    void compressesTheDownstreamResponseAsOpenVisualizerDoes() throws LowpanFormatException {
        Inet6Address proxy = v6("bbbb::1415:92cc:0:4");
        Ipv6Packet reply = new UdpDatagram(5683, 5683, HEX.parseHex(RESPONSE_COAP)).toIpv6(ROOT, proxy, 64);
        // SourceRoutingTable.routeTo gives first hop .. destination; alongPath drops the destination
        MeshPacket down = MeshPacket.alongPath(reply,
                List.of(v6("bbbb::1415:92cc:0:2"), v6("bbbb::1415:92cc:0:3"), proxy));
        assertEquals(List.of(v6("bbbb::1415:92cc:0:2"), v6("bbbb::1415:92cc:0:3")), down.sourceRoute());
        LowpanCodec.Compressed out = LowpanCodec.compress(down, link(1, 2), LowpanCodec.Options.OPENWSN);
        assertEquals(DOWNSTREAM_RESPONSE, HEX.formatHex(out.bytes()));
        assertEquals(1 + 4 + 2 + 1 + 16, out.headerLength(), "page, RH3, IPHC, NH, IIDs; inline UDP is payload");
        assertEquals(down, LowpanCodec.decompress(out.bytes(), link(1, 2)));
        assertArrayEquals(reply.payload(), LowpanCodec.decompress(HEX.parseHex(DOWNSTREAM_RESPONSE), link(1, 2))
                .packet().payload());
    }

    @Test
    void derivesElidedAddressesFromTheLinkLayer() throws Exception {
        // RFC 6282 §3.2.2 with the RFC 4944 U/L flip: SAM=11, DAM=11, TF elided, HLIM 255, NHC UDP 0xF0Bx
        String lowpan = "7f" + "33" + "f3" + "12" + "abcd" + "68656c6c6f"; // ports f0b1 -> f0b2, "hello"
        LowpanContext ctx = new LowpanContext(mote(2), Ieee802154Address.shortAddress(0x0001), PREFIX, ROOT,
                IidRule.RFC_4944);
        MeshPacket p = LowpanCodec.decompress(HEX.parseHex(lowpan), ctx);
        assertEquals(v6("fe80::1615:92cc:0:2"), p.packet().source());
        assertEquals(v6("fe80::ff:fe00:1"), p.packet().destination());
        assertEquals(255, p.packet().hopLimit());
        byte[] udp = p.packet().payload();
        assertEquals("f0b1f0b2000d" + "abcd" + "68656c6c6f", HEX.formatHex(udp));
        assertTrue(p.rpl().isEmpty());
    }
}
