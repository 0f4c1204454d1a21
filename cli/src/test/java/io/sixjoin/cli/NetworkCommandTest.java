package io.sixjoin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sixjoin.jrc.JrcConfig;
import io.sixjoin.jrc.JrcServer;
import io.sixjoin.jrc.coap.JoinLog;
import io.sixjoin.jrc.store.AdminChannel;
import io.sixjoin.jrc.store.JrcStore;
import io.sixjoin.jrc.store.KeyState;
import io.sixjoin.jrc.store.PledgeRole;
import io.sixjoin.jrc.store.StoreLocation;
import io.sixjoin.jrc.update.AdminSettings;
import io.sixjoin.stack.cojp.PledgeId;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class NetworkCommandTest {
    private static final String EUI = "00124b0014b5d2a1";

    @TempDir
    Path tmp;

    record Run(int code, String out, String err) {
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = SixjoinCommand.newCommandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--data";
        all[args.length + 1] = tmp.resolve("data").toString();
        int code = cmd.execute(all);
        return new Run(code, out.toString(), err.toString());
    }

    private JrcStore store(Clock clock) {
        return JrcStore.open(StoreLocation.dataDirectory(tmp.resolve("data")), clock, new SplittableRandom(7));
    }

    @Test
    void showListsKeysWithoutValuesAndNodesWithTheirAddress() throws Exception {
        byte[] keyValue;
        try (JrcStore s = store(Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC))) {
            s.network().setNetworkId("cafe");
            new io.sixjoin.jrc.join.NetworkKeyRing(s, new SecureRandom()).active();
            keyValue = s.network().inState(KeyState.ACTIVE).get(0).value();
            s.nodes().recordJoin(PledgeId.parse(EUI), PledgeRole.NODE, "cafe", 1);
            s.status().recordAddress(PledgeId.parse(EUI),
                    new InetSocketAddress(InetAddress.getByName("2001:db8::7"), 5683));
        }
        Run show = run("network", "show");
        assertEquals(0, show.code(), show.err());
        assertTrue(show.out().startsWith("network id: cafe\nJRC: not running (no JRC has run on this store)\n"),
                show.out());
        assertTrue(show.out().matches("(?s).*\\n  1 +1 +0 +ACTIVE +2026-11-27T10:00:00Z\\n.*"), show.out());
        assertTrue(show.out().matches("(?s).*\\n  " + EUI + " +node +0x[0-9a-f]{4} +2026-11-27T10:00:00Z +1"
                + " +\\[2001:db8:0:0:0:0:0:7\\]:5683\\n.*"), show.out());
        assertFalse(show.out().toLowerCase().contains(HexFormat.of().formatHex(keyValue)));
    }

    @Test
    void showOnAnEmptyStoreSaysSo() {
        Run show = run("network", "show");
        assertEquals(0, show.code(), show.err());
        assertTrue(show.out().contains("key generations: none"), show.out());
        assertTrue(show.out().contains("joined nodes: none"), show.out());
    }

    @Test
    void statsAndRekeyWithoutARunningJrcFailInOneLine() {
        Run stats = run("network", "stats");
        assertEquals(1, stats.code());
        assertEquals(1, stats.err().lines().count(), stats.err());
        assertTrue(stats.err().startsWith("sixjoin network stats: no statistics: no JRC has run"), stats.err());

        Run rekey = run("network", "rekey");
        assertEquals(1, rekey.code());
        assertEquals(1, rekey.err().lines().count(), rekey.err());
        assertTrue(rekey.err().startsWith("sixjoin network rekey: no JRC is running on this store"), rekey.err());

        // a JRC that stopped a minute ago is as good as none; its last counters stay readable
        try (JrcStore s = store(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-1)))) {
            s.admin().beat(Map.of("JOINED", 3L));
        }
        Run stale = run("network", "rekey", "--wait", "1");
        assertEquals(1, stale.code());
        assertTrue(stale.err().contains("not running (last heartbeat 6"), stale.err());
        Run old = run("network", "stats");
        assertEquals(0, old.code(), old.err());
        assertTrue(old.out().contains("not running"), old.out());
        assertTrue(old.out().matches("(?s).*joins answered 2.04 +3\\n.*"), old.out());
        try (JrcStore s = store(Clock.systemUTC())) {
            assertTrue(s.admin().claimNext().isEmpty(), "nothing was queued");
        }
    }

    @Test
    void evictValidatesItsInputBeforeAskingTheJrc() {
        Run bad = run("network", "evict", "--eui64", "zz");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("--eui64"), bad.err());
        Run unknown = run("network", "evict", "--eui64", EUI);
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("has not joined the network"), unknown.err());
        assertEquals(0, run("network", "rekey", "--help").code());
    }

    @Test
    void rekeyThroughARunningJrc() {
        JrcConfig config = JrcConfig.defaults(StoreLocation.dataDirectory(tmp.resolve("data")),
                List.of(new InetSocketAddress("127.0.0.1", 0)));
        AdminSettings fast = new AdminSettings(Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofMillis(100),
                Duration.ofSeconds(2));
        try (JrcServer jrc = JrcServer.start(config, Clock.systemUTC(), new SecureRandom(), JoinLog.NONE, null,
                fast)) {
            waitForHeartbeat(jrc);
            Run rekey = run("network", "rekey", "--wait", "20");
            assertEquals(0, rekey.code(), rekey.out() + rekey.err());
            assertTrue(rekey.out().startsWith("asked the JRC for rekey (request 1)"), rekey.out());
            assertTrue(rekey.out().contains("key generation 2 is active, generation 1 retired; 0 nodes updated,"
                    + " 0 unreachable"), rekey.out());
            Run stats = run("network", "stats");
            assertEquals(0, stats.code(), stats.err());
            assertTrue(stats.out().contains("; JRC running"), stats.out());
            assertEquals(AdminChannel.State.DONE, jrc.store().admin().find(1).orElseThrow().state());
        }
    }

    private static void waitForHeartbeat(JrcServer jrc) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (jrc.store().admin().lastHeartbeat().isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the JRC wrote no heartbeat");
            }
            Thread.onSpinWait();
        }
    }
}
