package io.sixjoin.jrc.update;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sixjoin.cbor.cojp.LinkLayerKey;
import io.sixjoin.jrc.JrcConfig;
import io.sixjoin.jrc.JrcServer;
import io.sixjoin.jrc.coap.JoinLog;
import io.sixjoin.jrc.coap.RateLimiter;
import io.sixjoin.jrc.join.JrcProfile;
import io.sixjoin.jrc.store.AdminChannel;
import io.sixjoin.jrc.store.JoinedNode;
import io.sixjoin.jrc.store.KeyState;
import io.sixjoin.jrc.store.NetworkKey;
import io.sixjoin.jrc.store.PledgeRole;
import io.sixjoin.jrc.store.ProvisionedPledge;
import io.sixjoin.jrc.store.StoreLocation;
import io.sixjoin.stack.cojp.PledgeId;
import io.sixjoin.stack.cojp.PreSharedKey;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rekeying and eviction through the store's request table, against emulated nodes on UDP loopback. */
class RekeyingTest {
    static final String A = "00124b0014b5d2a1";
    static final String B = "00124b0014b5d2a2";
    static final String PSK_A = "0102030405060708090a0b0c0d0e0f10";
    static final String PSK_B = "a0a1a2a3a4a5a6a7a8a9aaabacadaeaf";
    static final byte[] NETWORK = HexFormat.of().parseHex("cafe");
    static final AdminSettings FAST = new AdminSettings(Duration.ofMillis(50), Duration.ofMillis(200),
            Duration.ofMillis(300), Duration.ofSeconds(4));

    @TempDir
    Path dir;
    JrcServer jrc;
    InetSocketAddress address;
    final List<AutoCloseable> closeLater = new CopyOnWriteArrayList<>();

    void startJrc() {
        JrcConfig c = new JrcConfig(List.of(new InetSocketAddress("127.0.0.1", 0)), Optional.empty(),
                StoreLocation.dataDirectory(dir.resolve("data")), Optional.of("cafe"), JrcProfile.RFC9031, false,
                OptionalLong.empty(), Optional.empty(), OptionalLong.empty(), RateLimiter.Limits.NONE);
        jrc = JrcServer.start(c, Clock.systemUTC(), new SecureRandom(), JoinLog.NONE, null, FAST);
        address = jrc.boundAddresses().get(0);
    }

    EmulatedNode joined(String eui, String psk) throws Exception {
        if (jrc.store().pledges().find(PledgeId.parse(eui)).isEmpty()) {
            jrc.store().pledges().add(new ProvisionedPledge(PledgeId.parse(eui), PreSharedKey.parse(psk),
                    PledgeRole.NODE));
        }
        EmulatedNode n = new EmulatedNode(eui, psk, address);
        closeLater.add(n);
        n.join(NETWORK);
        return n;
    }

    AdminChannel.Request runRequest(AdminChannel.Kind kind, String argument) throws InterruptedException {
        long id = jrc.store().admin().submit(kind, argument);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            AdminChannel.Request r = jrc.store().admin().find(id).orElseThrow();
            if (r.state().isFinal()) {
                return r;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("request " + id + " did not finish");
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : closeLater) {
            c.close();
        }
        if (jrc != null) {
            jrc.close();
        }
    }

    @Test
    void rekeyRoundTripWithAnUnreachableNode() throws Exception {
        startJrc();
        EmulatedNode a = joined(A, PSK_A);
        EmulatedNode b = joined(B, PSK_B);
        b.behaviour = EmulatedNode.Behaviour.SILENT;
        byte[] gen1 = jrc.store().network().inState(KeyState.ACTIVE).get(0).value();

        AdminChannel.Request r = runRequest(AdminChannel.Kind.REKEY, null);
        assertEquals(AdminChannel.State.DONE, r.state(), r.result());
        assertTrue(r.result().contains("1 node updated, 1 unreachable"), r.result());
        assertTrue(r.result().contains("unreachable " + B), r.result());
        assertFalse(r.result().matches("(?s).*unreachable " + A + ".*"), r.result());

        assertEquals(List.of(), a.violations);
        assertEquals(2, a.updates.size());
        List<LinkLayerKey> transitional = a.updates.get(0).configuration().keySet().orElseThrow();
        List<LinkLayerKey> last = a.updates.get(1).configuration().keySet().orElseThrow();
        assertEquals(List.of(1L, 2L), transitional.stream().map(LinkLayerKey::keyId).toList());
        assertArrayEquals(gen1, transitional.get(0).keyValue());
        assertEquals(1, last.size());
        assertEquals(2L, last.get(0).keyId());
        assertArrayEquals(transitional.get(1).keyValue(), last.get(0).keyValue());

        Map<Integer, KeyState> states = new java.util.TreeMap<>();
        for (NetworkKey k : jrc.store().network().list()) {
            states.put(k.generation(), k.state());
        }
        assertEquals(Map.of(1, KeyState.RETIRED, 2, KeyState.ACTIVE), states);
        assertArrayEquals(last.get(0).keyValue(), jrc.store().network().inState(KeyState.ACTIVE).get(0).value());
        assertEquals(2, jrc.store().nodes().find(PledgeId.parse(A)).orElseThrow().keyGeneration());
        assertEquals(1, jrc.store().nodes().find(PledgeId.parse(B)).orElseThrow().keyGeneration());
        // the silent node got the transitional set (and CoAP retransmissions of it) but never the final one
        assertEquals(1, b.updates.size());
        assertTrue(b.datagramsSeen > 1, "CoAP retransmitted the update");

        // a node joining now gets only the new key
        EmulatedNode late = new EmulatedNode("00124b0014b5d2a3", PSK_A, address);
        closeLater.add(late);
        jrc.store().pledges().add(new ProvisionedPledge(late.id, PreSharedKey.parse(PSK_A), PledgeRole.NODE));
        assertEquals(List.of(2L), late.join(NETWORK).keySet().orElseThrow().stream().map(LinkLayerKey::keyId)
                .toList());
    }

    @Test
    void evictedNodeIsNotSentTheNewKeyAndLeavesTheNetwork() throws Exception {
        startJrc();
        EmulatedNode a = joined(A, PSK_A);
        EmulatedNode b = joined(B, PSK_B);
        AdminChannel.Request r = runRequest(AdminChannel.Kind.EVICT, B);
        assertEquals(AdminChannel.State.DONE, r.state(), r.result());
        assertTrue(r.result().startsWith("evicted " + B), r.result());
        assertTrue(r.result().contains("1 node updated, 0 unreachable"), r.result());
        assertEquals(2, a.updates.size());
        assertEquals(0, b.datagramsSeen);
        assertEquals(List.of(PledgeId.parse(A)), jrc.store().nodes().list().stream().map(JoinedNode::pledge).toList());
        // the provisioning stays: that is 'pledges remove'
        assertTrue(jrc.store().pledges().find(PledgeId.parse(B)).isPresent());

        AdminChannel.Request again = runRequest(AdminChannel.Kind.EVICT, B);
        assertEquals(AdminChannel.State.FAILED, again.state());
        assertTrue(again.result().contains("has not joined"), again.result());
    }

    @Test
    void refusedAndUnprotectedAnswersCountAsNotUpdated() throws Exception {
        startJrc();
        EmulatedNode a = joined(A, PSK_A);
        EmulatedNode b = joined(B, PSK_B);
        a.behaviour = EmulatedNode.Behaviour.REFUSE;
        b.behaviour = EmulatedNode.Behaviour.UNPROTECTED;
        AdminChannel.Request r = runRequest(AdminChannel.Kind.REKEY, null);
        assertEquals(AdminChannel.State.DONE, r.state(), r.result());
        assertTrue(r.result().contains("unreachable " + A + ": refused: Unsupported"), r.result());
        assertTrue(r.result().contains("unreachable " + B + ": unprotected"), r.result());
        assertEquals(1, a.updates.size());
        assertEquals(1, b.updates.size());
    }

    @Test
    void sequenceNumbersAreReservedBeforeUseAndNeverRepeatAcrossARestart() throws Exception {
        startJrc();
        EmulatedNode a = joined(A, PSK_A);
        PledgeId id = PledgeId.parse(A);
        List<String> unreserved = new CopyOnWriteArrayList<>();
        a.onRequest = seq -> {
            long ceiling = jrc.store().oscore().senderSequenceCeiling(id).orElse(-1);
            if (ceiling <= seq) {
                unreserved.add(seq + " >= ceiling " + ceiling);
            }
        };
        assertEquals(AdminChannel.State.DONE, runRequest(AdminChannel.Kind.REKEY, null).state());
        jrc.close();
        jrc = null;
        startJrc(); // the node keeps its socket and context: it is the JRC that restarted
        assertEquals(AdminChannel.State.DONE, runRequest(AdminChannel.Kind.REKEY, null).state());

        List<Long> seen = a.updates.stream().map(EmulatedNode.Update::partialIv).toList();
        assertEquals(4, seen.size(), seen.toString());
        Set<Long> distinct = new HashSet<>(seen);
        assertEquals(4, distinct.size(), "a Partial IV was reused: " + seen);
        long max = seen.stream().mapToLong(Long::longValue).max().orElseThrow();
        assertTrue(jrc.store().oscore().senderSequenceCeiling(id).orElseThrow() >= max + 1);
        assertEquals(List.of(), unreserved);
        assertEquals(List.of(), a.violations);
    }
}
