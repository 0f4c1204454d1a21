package io.sixjoin.jrc.join;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sixjoin.stack.cojp.PledgeId;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Where Parameter Updates go: the node itself, never the Join Proxy its request came through. */
class NodeAddressTest {
    static final PledgeId NODE = PledgeId.parse("00124b0014b5d2a1");

    static InetSocketAddress at(String ip, int port) throws Exception {
        return new InetSocketAddress(InetAddress.getByName(ip), port);
    }

    @Test
    void aRequestFromTheNodesOwnAddressIsKept() throws Exception {
        InetSocketAddress direct = at("bbbb::212:4b00:14b5:d2a1", 61616); // modified EUI-64: 00 -> 02
        assertEquals(direct, NodeAddress.forJoin(NODE, direct, Optional.empty()));
    }

    @Test
    void throughAJoinProxyTheAddressIsDerivedFromThePrefixByTheProxysRule() throws Exception {
        // RFC 4291 modified EUI-64: a proxy whose IID has the U/L bit set
        InetSocketAddress modified = at("bbbb::1615:92cc:0:2", 5683);
        assertEquals(at("bbbb::212:4b00:14b5:d2a1", 5683), NodeAddress.forJoin(NODE, modified, Optional.empty()));
        // OpenWSN: the proxy's IID is its EUI-64 as is (U/L bit 0 for an IEEE-assigned EUI-64): so is the node's
        InetSocketAddress asIs = at("bbbb::1415:92cc:0:2", 5683);
        assertEquals(at("bbbb::12:4b00:14b5:d2a1", 5683), NodeAddress.forJoin(NODE, asIs, Optional.empty()));
    }

    @Test
    void aPledgeThatSpokeLinkLocalIsReachedAtTheMeshPrefixWithItsOwnIid() throws Exception {
        // one hop from a 6LBR that proxies: the JRC saw the pledge's own link-local address
        InetSocketAddress pledge = at("fe80::12:4b00:14b5:d2a1", 5683);
        Inet6Address mesh = (Inet6Address) InetAddress.getByName("bbbb::1");
        assertEquals(at("bbbb::12:4b00:14b5:d2a1", 5683), NodeAddress.forJoin(NODE, pledge, Optional.of(mesh)));
        assertEquals(pledge, NodeAddress.forJoin(NODE, pledge, Optional.empty()), "no mesh address: as seen");
    }

    @Test
    void aLinkLocalProxyUsesTheJrcMeshPrefix() throws Exception {
        InetSocketAddress proxy = at("fe80::1415:92cc:0:2", 5683);
        Inet6Address mesh = (Inet6Address) InetAddress.getByName("cccc::1");
        assertEquals(at("cccc::212:4b00:14b5:d2a1", 5683), NodeAddress.forJoin(NODE, proxy, Optional.of(mesh)));
    }

    @Test
    void ipv4PeersAndNonEui64IdentifiersAreTakenAsTheyAre() throws Exception {
        InetSocketAddress v4 = at("127.0.0.1", 40000);
        assertEquals(v4, NodeAddress.forJoin(NODE, v4, Optional.empty()));
        InetSocketAddress proxy = at("bbbb::2", 5683);
        assertEquals(proxy, NodeAddress.forJoin(PledgeId.parse("0102"), proxy, Optional.empty()));
    }
}
