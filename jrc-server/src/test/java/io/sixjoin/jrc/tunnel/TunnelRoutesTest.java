package io.sixjoin.jrc.tunnel;

import static io.sixjoin.jrc.tunnel.FakeBridge.v6;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The route table on its own: exact routes, /64 fallback, source-address choice, bounds. */
class TunnelRoutesTest {
    private static final InetSocketAddress BRIDGE_A = new InetSocketAddress("127.0.0.1", 40001);
    private static final InetSocketAddress BRIDGE_B = new InetSocketAddress("127.0.0.1", 40002);
    private static final Inet6Address JRC_A = v6("bbbb::1");
    private static final Inet6Address JRC_ROOT = v6("bbbb::1415:92cc:0:1");

    @Test
    void aMoteIsAnsweredFromTheAddressItUsed() {
        TunnelRoutes routes = new TunnelRoutes(16, v6("bbbb::ffff"));
        routes.learn(v6("bbbb::2"), JRC_A, BRIDGE_A);
        routes.learn(v6("bbbb::3"), JRC_ROOT, BRIDGE_A);
        assertEquals(Optional.of(new TunnelRoutes.Hop(BRIDGE_A, JRC_A)), routes.lookup(v6("bbbb::2")));
        assertEquals(Optional.of(new TunnelRoutes.Hop(BRIDGE_A, JRC_ROOT)), routes.lookup(v6("bbbb::3")));
    }

    @Test
    void silentNodesAreReachedThroughTheirPrefix() {
        TunnelRoutes learnt = new TunnelRoutes(16, null);
        learnt.learn(v6("bbbb::2"), JRC_ROOT, BRIDGE_A);
        learnt.learn(v6("cccc::2"), v6("cccc::1"), BRIDGE_B);
        assertEquals(Optional.of(new TunnelRoutes.Hop(BRIDGE_A, JRC_ROOT)), learnt.lookup(v6("bbbb::77")));
        assertEquals(Optional.of(new TunnelRoutes.Hop(BRIDGE_B, v6("cccc::1"))), learnt.lookup(v6("cccc::77")));
        assertTrue(learnt.lookup(v6("bbbb:0:0:1::2")).isEmpty(), "another /64 is another PAN");

        TunnelRoutes configured = new TunnelRoutes(16, v6("bbbb::ffff"));
        configured.learn(v6("bbbb::2"), JRC_ROOT, BRIDGE_A);
        assertEquals(Optional.of(new TunnelRoutes.Hop(BRIDGE_A, v6("bbbb::ffff"))), configured.lookup(v6("bbbb::9")));
    }

    @Test
    void theLatestPacketMovesAMote() {
        TunnelRoutes routes = new TunnelRoutes(16, null);
        routes.learn(v6("bbbb::2"), JRC_A, BRIDGE_A);
        routes.learn(v6("bbbb::2"), JRC_A, BRIDGE_B);
        assertEquals(BRIDGE_B, routes.lookup(v6("bbbb::2")).orElseThrow().bridge());
        assertEquals(BRIDGE_B, routes.lookup(v6("bbbb::5")).orElseThrow().bridge());
    }

    @Test
    void linkLocalPrefixesAreNotShared() {
        TunnelRoutes routes = new TunnelRoutes(16, null);
        routes.learn(v6("fe80::2"), v6("fe80::1"), BRIDGE_A);
        assertEquals(BRIDGE_A, routes.lookup(v6("fe80::2")).orElseThrow().bridge());
        assertTrue(routes.lookup(v6("fe80::3")).isEmpty());
        assertEquals(0, routes.prefixCount());
    }

    @Test
    void tablesForgetTheLeastRecentlyUsedFirst() {
        TunnelRoutes routes = new TunnelRoutes(2, null);
        routes.learn(v6("bbbb::2"), JRC_A, BRIDGE_A);
        routes.learn(v6("cccc::2"), JRC_A, BRIDGE_A);
        routes.lookup(v6("bbbb::2")); // touch, so cccc is now the eldest
        routes.learn(v6("dddd::2"), JRC_A, BRIDGE_B);
        assertEquals(2, routes.moteCount());
        assertEquals(2, routes.prefixCount());
        assertTrue(routes.lookup(v6("cccc::2")).isEmpty());
        assertTrue(routes.lookup(v6("bbbb::2")).isPresent());
        assertTrue(routes.lookup(v6("dddd::2")).isPresent());
    }
}
