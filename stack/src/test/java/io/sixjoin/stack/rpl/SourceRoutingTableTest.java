package io.sixjoin.stack.rpl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet6Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.sixjoin.stack.rpl.RplOption.Target;
import io.sixjoin.stack.rpl.RplOption.Transit;
import io.sixjoin.stack.rpl.SourceRoutingTable.TargetPolicy;

/** Non-storing source routes from DAOs: paths, expiry at injected time, No-Path, loops, depth, unknowns. */
class SourceRoutingTableTest {
    static final Inet6Address ROOT = RplVectorsTest.ROOT;

    static Inet6Address node(int n) {
        return RplVectorsTest.v6("bbbb::1415:92cc:0:" + Integer.toHexString(n));
    }

    static Dao dao(int lifetime, Inet6Address... parents) {
        List<RplOption> options = new ArrayList<>();
        for (Inet6Address p : parents) {
            options.add(new Transit(false, 0, 1, lifetime, Optional.of(p)));
        }
        return new Dao(0, false, 1, Optional.of(ROOT), options);
    }

    static SourceRoutingTable table() {
        return new SourceRoutingTable(ROOT, TargetPolicy.DAO_SOURCE, 8, 100, 1000);
    }

    @Test
    void routesDownFromTheRoot() {
        SourceRoutingTable t = table();
        t.learn(node(2), dao(60, ROOT), 0);
        t.learn(node(3), dao(60, node(2)), 0);
        t.learn(node(4), dao(60, node(3), node(2)), 0);
        assertEquals(Optional.of(List.of(node(2), node(3), node(4))), t.routeTo(node(4), 1));
        assertEquals(Optional.of(List.of()), t.routeTo(ROOT, 1));
        assertEquals(Optional.empty(), t.routeTo(node(9), 1), "unknown target");
    }

    @Test
    void pathsExpireAtInjectedTime() {
        SourceRoutingTable t = table();
        t.learn(node(2), dao(10, ROOT), 0); // 10 units of 1000 ms
        t.learn(node(3), dao(0xFF, node(2)), 0); // infinite
        assertEquals(10_000L, t.nextDeadline().getAsLong());
        assertTrue(t.routeTo(node(3), 9_999).isPresent());
        assertEquals(Optional.empty(), t.routeTo(node(3), 10_000));
        assertEquals(1, t.expire(10_000));
        assertEquals(Set.of(node(3)), t.nodes());
    }

    @Test
    void noPathRemovesTheParentAndLaterParentsAreFallbacks() {
        SourceRoutingTable t = table();
        t.learn(node(2), dao(60, ROOT), 0);
        t.learn(node(5), dao(60, ROOT), 0);
        t.learn(node(3), dao(60, node(2), node(5)), 0);
        assertEquals(Optional.of(node(2)), t.parentOf(node(3), 0));
        t.learn(node(3), new Dao(0, false, 2, Optional.empty(),
                List.of(new Transit(false, 0, 2, 0, Optional.of(node(2))))), 1);
        assertEquals(Optional.empty(), t.routeTo(node(3), 2), "No-Path emptied the set");
        t.learn(node(3), dao(60, node(2), node(5)), 3);
        t.learn(node(2), dao(1, ROOT), 3); // node 2's path dies at 1003
        assertEquals(Optional.of(node(2)), t.parentOf(node(3), 1004), "3 still lists 2 first");
        assertEquals(Optional.empty(), t.routeTo(node(3), 1004), "first live parent is followed, 2 is dead");
    }

    @Test
    void loopsAndOverlongPathsYieldNoRoute() {
        SourceRoutingTable t = table();
        t.learn(node(2), dao(60, node(3)), 0);
        t.learn(node(3), dao(60, node(2)), 0);
        assertEquals(Optional.empty(), t.routeTo(node(2), 0));
        SourceRoutingTable shallow = new SourceRoutingTable(ROOT, TargetPolicy.DAO_SOURCE, 2, 100, 1000);
        shallow.learn(node(2), dao(60, ROOT), 0);
        shallow.learn(node(3), dao(60, node(2)), 0);
        shallow.learn(node(4), dao(60, node(3)), 0);
        assertTrue(shallow.routeTo(node(3), 0).isPresent());
        assertEquals(Optional.empty(), shallow.routeTo(node(4), 0));
    }

    @Test
    void targetPoliciesDifferOnOpenWsnChildTargets() {
        // reference §7.10: node 2 reports its child node 3 as a Target while naming its own parent, the root
        Dao fromTwo = new Dao(0, false, 1, Optional.of(ROOT),
                List.of(Target.of(node(3)), new Transit(false, 0, 1, 60, Optional.of(ROOT))));
        SourceRoutingTable openwsn = table();
        openwsn.learn(node(3), dao(60, node(2)), 0);
        openwsn.learn(node(2), fromTwo, 0);
        assertEquals(Optional.of(List.of(node(2), node(3))), openwsn.routeTo(node(3), 0));
        SourceRoutingTable rfc = new SourceRoutingTable(ROOT, TargetPolicy.TARGET_OPTIONS, 8, 100, 1000);
        rfc.learn(node(2), fromTwo, 0);
        assertEquals(Optional.of(List.of(node(3))), rfc.routeTo(node(3), 0), "RFC 6550: 3 is reached via root");
    }

    @Test
    void boundedNodeCount() {
        SourceRoutingTable t = new SourceRoutingTable(ROOT, TargetPolicy.DAO_SOURCE, 8, 2, 1000);
        for (int n = 2; n < 10; n++) {
            t.learn(node(n), dao(60, ROOT), 0);
        }
        assertEquals(2, t.nodes().size());
    }
}
