package io.sixjoin.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sixjoin.emulator.mote.Mote;
import io.sixjoin.emulator.mote.MoteRecord;
import io.sixjoin.emulator.run.Emulation;
import io.sixjoin.emulator.run.EmulationReport;
import io.sixjoin.emulator.tsch.KeyRing;
import io.sixjoin.jrc.store.JrcStore;
import io.sixjoin.jrc.store.ReplayWindowState;
import io.sixjoin.jrc.store.StoreLocation;
import io.sixjoin.stack.cojp.PledgeId;
import io.sixjoin.stack.ieee802154.MacAddress;
import io.sixjoin.tests.Deployment.Link;
import io.sixjoin.tests.Deployment.Network;
import io.sixjoin.tests.Deployment.Pledge;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Interop through real processes (issue 6): {@code sixjoin jrc}, {@code sixjoin bridge} and {@code sixjoin emulate}
 * run as an operator runs them, the emulated border-router mote's serial line reaching the bridge over loopback
 * TCP or a socat pty that the bridge opens through jSerialComm, and the JRC reached through its UDP tunnel. One
 * scenario — a network forms — runs over each path and each profile; then it is disturbed: the JRC killed
 * mid-join, a mote provisioned with the wrong PSK, a mote evicted. Every capture the runs write is kept until the
 * last test decodes them all with tshark, and the bridge's IPv6 capture is audited for OSCORE nonce reuse
 * ({@link NonceAudit}). Networks are small, with slotframe 11 and in virtual time, so the class takes about a
 * minute on two cores; a failing test prints what every process said ({@link Deployment.Watch}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(180)
class InteropTest {
    static final Duration FORMATION = Duration.ofSeconds(120);
    private static final Pattern FORMED = Pattern.compile("(\\d+) of (\\d+) motes joined, network formed at");
    private static final Pattern NODE_ROW = Pattern.compile(
            "^\\s+([0-9a-f]{16})\\s+(node|6lbr)\\s+0x([0-9a-f]{4})\\s+\\S+\\s+(\\d+)\\s+(\\S+)\\s*$");

    /**
     * Shared by every test of the class, so the last one can decode every capture the others left; kept after a
     * failure, so the captures and the report can be looked at.
     */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path runs;

    @RegisterExtension
    final Deployment.Watch deployments = new Deployment.Watch();

    static Stream<Arguments> linksAndProfiles() {
        List<Arguments> out = new ArrayList<>();
        for (Link link : Link.values()) {
            for (String profile : List.of("rfc9031", "openwsn")) {
                out.add(Arguments.of(link, profile));
            }
        }
        return out.stream();
    }

    /**
     * 30 motes (29 pledges and the border router, whose bridge joins as 6LBR) form a multi-hop network: the emulator
     * exits 0 with its summary, its report shows every pledge joined, and the JRC's store lists all 30 with the
     * short addresses the motes received (the openwsn profile sends none: the firmware would refuse it). The
     * bridge's capture shows no nonce used twice. Over a pty the bridge must have opened the device path itself.
     */
    @Order(1)
    @ParameterizedTest(name = "over {0}, {1} profile")
    @MethodSource("linksAndProfiles")
    void thirtyMotesJoinThroughTheBridgeAndTheJrc(Link link, String profile) throws Exception {
        assumeSocatFor(link);
        Network network = new Network(30, 5, "random", profile);
        Deployment d = deployments.open(runs.resolve("join-" + link + "-" + profile));
        List<Pledge> pledges = d.exportPledges(network);
        d.importPledges(d.dir.resolve(Deployment.PLEDGES));
        d.startJrc("--profile", profile);
        d.startEmulation(network, link);
        d.startBridge(Deployment.borderRouter(pledges).psk());

        assertEquals(0, d.awaitEmulation(FORMATION), "emulate's exit code");
        assertFormed(d, network);
        JsonNode report = d.report();
        assertEquals(profile, report.get("profile").asText());
        Map<String, String> shortAddresses = joinedAtJrc(d);
        assertEquals(eui64s(pledges), List.copyOf(shortAddresses.keySet()), "every mote, the 6LBR too, joined");
        for (JsonNode mote : report.get("timeline")) {
            if (mote.get("root").asBoolean()) {
                continue;
            }
            String eui = mote.get("eui64").asText();
            if (profile.equals("openwsn")) {
                assertTrue(mote.get("shortAddress").isNull(), eui + " got a short address from an openwsn JRC");
            } else {
                assertEquals(shortAddresses.get(eui), mote.get("shortAddress").asText(),
                        eui + ": the short address the mote holds is the one the JRC recorded");
            }
        }
        if (link == Link.PTY) {
            String path = d.dir.resolve("mote").toString();
            assertTrue(d.bridge().err.stream().anyMatch(l -> l.contains("serial link " + path + " @ 115200 open")),
                    "the bridge opened the pty " + path + " as a serial device");
        }

        d.stop();
        NonceAudit.Result audit = NonceAudit.check(d.dir.resolve(Deployment.IPV6_PCAP));
        assertEquals(eui64s(pledges), List.copyOf(audit.highestAnswered().keySet()),
                "the capture holds an answered Join Request of every mote: " + audit);
        System.out.println("joined over " + link + ", " + profile + ": " + audit);
    }

    /**
     * The JRC is killed with SIGKILL once a few motes have joined and others are in the middle of joining, and
     * started again on the same store and tunnel port: the emulator still exits 0 with every mote joined, the
     * bridge rides the outage out, and the store lists all 30. No nonce was used twice: the bridge's capture
     * shows no two different ciphertexts under one (key, nonce) — neither from a mote nor from either JRC process,
     * whose answers to requests from before the crash would otherwise reuse the request's nonce — and the store's
     * replay windows are at or past every Join Request the capture shows answered, so a replay of any of them
     * would be refused.
     */
    @Order(2)
    @Test
    void theJrcKilledWhileMotesJoinLosesNoJoinAndReusesNoNonce() throws Exception {
        Network network = new Network(30, 7, "random", "rfc9031");
        Deployment d = deployments.open(runs.resolve("jrc-kill"));
        List<Pledge> pledges = d.exportPledges(network);
        d.importPledges(d.dir.resolve(Deployment.PLEDGES));
        Cli.Running first = d.startJrc();
        d.startEmulation(network, Link.TCP);
        d.startBridge(Deployment.borderRouter(pledges).psk());

        awaitTrue(() -> nodeJoins(first.out) >= 8, FORMATION, "8 motes joined through the first JRC");
        d.killJrc();
        long joinedBefore = nodeJoins(first.out);
        // Whatever the bridge captured from the JRC after this came from the second process: the first is dead and
        // loopback delivers what it sent within microseconds.
        long restartedAt = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
        Cli.Running second = d.startJrc();
        assertEquals(0, d.awaitEmulation(FORMATION), "emulate's exit code");
        assertFormed(d, network);
        assertTrue(joinedBefore < network.pledges(), "the JRC was killed before every mote had joined: "
                + joinedBefore);
        assertTrue(nodeJoins(second.out) > 0, "motes joined through the restarted JRC");
        assertTrue(d.bridge().process.isAlive(), "the bridge rode the JRC's outage out");
        assertEquals(eui64s(pledges), List.copyOf(joinedAtJrc(d).keySet()), "no join lost");

        d.stop();
        NonceAudit.Result audit = NonceAudit.check(d.dir.resolve(Deployment.IPV6_PCAP));
        assertEquals(eui64s(pledges), List.copyOf(audit.highestAnswered().keySet()), audit.toString());
        // A request answered before the crash and again after it would be answered by a process without the cache
        // that makes a repeated answer identical: only the persisted replay window can have refused it.
        assertEquals(List.of(), audit.answeredOnBothSidesOf(restartedAt), "answered by both JRC processes");
        System.out.println("JRC killed after " + joinedBefore + " joins, " + nodeJoins(second.out)
                + " after the restart: " + audit);
        try (JrcStore store = JrcStore.open(StoreLocation.dataDirectory(d.dir.resolve(Deployment.JRC_DATA)),
                Clock.systemUTC(), new Random())) {
            for (Map.Entry<String, Long> e : audit.highestAnswered().entrySet()) {
                ReplayWindowState w = store.oscore().loadReplayWindow(PledgeId.parse(e.getKey())).orElseThrow();
                assertTrue(w.highestSeq() >= e.getValue(), e.getKey() + ": replay window " + w
                        + " is behind the answered Join Request " + e.getValue());
            }
        }
    }

    /**
     * One mote is provisioned at the JRC with a PSK other than its own: its Join Requests fail OSCORE verification
     * and are dropped silently, so it stays out while the other motes join. With a short {@code --max-time} the
     * emulator exits 1 saying how many joined, the report shows exactly that mote without a join, the JRC counts
     * verification failures, and its store does not list the mote. A star, so no mote depends on the one left out.
     */
    @Order(3)
    @Test
    void aMoteWithTheWrongPskStaysOutWhileTheOthersJoin() throws Exception {
        Network network = new Network(10, 3, "star", "rfc9031");
        Deployment d = deployments.open(runs.resolve("wrong-psk"));
        List<Pledge> pledges = d.exportPledges(network);
        Pledge victim = pledges.stream().filter(p -> !p.borderRouter()).skip(3).findFirst().orElseThrow();
        List<Pledge> provisioned = new ArrayList<>();
        for (Pledge p : pledges) {
            provisioned.add(p == victim ? new Pledge(p.eui64(), new StringBuilder(p.psk()).reverse().toString(),
                    p.role()) : p);
        }
        Path csv = d.dir.resolve("provisioned.csv");
        Deployment.writePledges(csv, provisioned);
        d.importPledges(csv);
        d.startJrc();
        d.startEmulation(network, Link.TCP, "--max-time", "5m");
        d.startBridge(Deployment.borderRouter(pledges).psk());

        assertEquals(1, d.awaitEmulation(FORMATION), "emulate's exit code: not every mote joined");
        String said = (network.pledges() - 1) + " of " + network.pledges() + " motes joined within 5m";
        assertTrue(d.emulation().err.stream().anyMatch(l -> l.contains(said)), "emulate says '" + said + "': "
                + d.emulation().err);
        JsonNode report = d.report();
        assertEquals(network.pledges() - 1, report.get("totals").get("joined").asInt());
        List<String> outside = new ArrayList<>();
        for (JsonNode mote : report.get("timeline")) {
            if (!mote.get("root").asBoolean() && mote.get("joined").isNull()) {
                outside.add(mote.get("eui64").asText());
                assertFalse(mote.get("joinRequestSent").isNull(), "it did try to join: " + mote);
            }
        }
        assertEquals(List.of(victim.eui64()), outside, "exactly the mote with the wrong PSK stayed out");
        List<String> joined = eui64s(pledges);
        joined.remove(victim.eui64());
        assertEquals(joined, List.copyOf(joinedAtJrc(d).keySet()));
        assertTrue(awaitCounter(d, "dropped: OSCORE verification failed") > 0,
                "the JRC counted the failed verifications");
    }

    /**
     * A joined mote is removed with {@code sixjoin pledges remove} and {@code sixjoin network evict} while the
     * network runs: the JRC rekeys without it, and every other node (the bridge's 6LBR included) acknowledges the
     * new keys and then the final key set — the JRC reaching each remaining mote across the bridge and the mesh, both
     * before and after the switch — so the store lists them all at the new generation and the evicted mote not at
     * all. In the motes: the others send with the new key, dropped the old one after the guard time and are still
     * synchronised with a parent; the evicted mote never got the new key and, once its neighbours dropped the old
     * one, lost its parent. The victim is a mote no other mote has as parent, so its loss cuts no one else off. The
     * motes run in this JVM ({@link LiveNetwork}) because {@code sixjoin emulate} exits once the network formed; the
     * JRC and the bridge are processes as everywhere else.
     */
    @Order(4)
    @Test
    void anEvictedMoteLosesTheNetworkAfterTheRekeyWhileTheOthersKeepIt() throws Exception {
        Network network = new Network(8, 5, "random", "rfc9031");
        Deployment d = deployments.open(runs.resolve("evict"));
        List<Pledge> pledges = d.exportPledges(network);
        try (LiveNetwork live = LiveNetwork.start(network, d.dir.resolve(Deployment.RADIO_PCAP))) {
            assertEquals(pledges, live.pledges(), "the motes in this JVM are those emulate exports");
            d.importPledges(d.dir.resolve(Deployment.PLEDGES));
            // The JRC's mesh address: where it reaches nodes that joined over a link-local address (one hop from
            // the border router) with Parameter Updates; also where the bridge addresses its own join by default.
            d.startJrc("--jrc-address", "bbbb::1");
            d.startBridge(Deployment.borderRouter(pledges).psk(), live.serialLine());
            assertTrue(live.form(Duration.ofHours(1)), "the network formed");
            Emulation e = live.emulation();
            EmulationReport formed = EmulationReport.of(e);
            int victimIndex = leaf(e);
            assertTrue(IntStream.range(0, network.motes()).filter(i -> i != victimIndex)
                    .map(i -> formed.hops(i).orElse(0)).max().orElseThrow() >= 2,
                    "some update must cross a forwarding mote");
            Pledge victim = pledges.get(victimIndex);
            live.keepRunning(50);

            Cli.Run remove = d.sixjoin("pledges", "remove", "--data", Deployment.JRC_DATA, "--eui64", victim.eui64());
            assertEquals(0, remove.exit(), remove.both());
            // A rekey takes the 12 s guard time and two rounds of updates, a few CoAP retransmissions included
            // (a burst of updates overflows the border router's queue); an unreachable node would hold a round for
            // the ~93 s of CoAP's retransmissions, which fails the test anyway.
            long started = System.nanoTime();
            Cli.Run evict = Cli.run(d.dir, Duration.ofSeconds(130), Cli.jar("network", "evict", "--data",
                    Deployment.JRC_DATA, "--eui64", victim.eui64(), "--wait", "120"));
            System.out.printf("network evict took %.1f s:%n%s", (System.nanoTime() - started) / 1e9, evict.out());
            if (evict.exit() == 0) {
                Thread.sleep(3000); // 150 s emulated: past the guard time and the evicted mote's desync timeout
            }
            live.stopRunning();
            String motes = describe(e, pledges);
            assertEquals(0, evict.exit(), evict.both() + "\nmotes:\n" + motes);
            int others = network.motes() - 1; // the 6LBR and every pledge but the evicted one
            assertTrue(evict.out().contains("key generation 2 is active, generation 1 retired; " + others
                    + " nodes updated, 0 unreachable"), evict.out() + "\nmotes:\n" + motes);

            Cli.Run show = d.sixjoin("network", "show", "--data", Deployment.JRC_DATA);
            assertEquals(0, show.exit(), show.both());
            List<String> rows = show.out().lines().filter(l -> NODE_ROW.matcher(l).matches()).toList();
            assertEquals(others, rows.size(), show.out());
            for (String row : rows) {
                Matcher m = NODE_ROW.matcher(row);
                assertTrue(m.matches());
                assertFalse(m.group(1).equals(victim.eui64()), "evicted, yet listed: " + row);
                assertEquals("2", m.group(4), "acknowledged the new generation: " + row);
            }
            for (int i = 0; i < network.motes(); i++) {
                if (i == e.rootIndex()) {
                    continue;
                }
                Mote mote = e.mote(i);
                KeyRing keys = mote.mac().keys();
                String eui = pledges.get(i).eui64();
                String state = eui + ": " + keys + ", synchronised " + mote.mac().isSynchronised() + ", parent "
                        + mote.record().parent().map(MacAddress::toString).orElse("none");
                if (i == victimIndex) {
                    assertFalse(keys.has(2), "the evicted mote got the new key: " + state);
                    assertTrue(mote.record().parent().isEmpty(), "the evicted mote kept its parent: " + state);
                } else {
                    assertEquals(2, keys.sendK2(), "sends with the new key: " + state);
                    assertFalse(keys.has(1), "dropped the old key: " + state);
                    assertTrue(mote.mac().isSynchronised() && mote.record().parent().isPresent(),
                            "still in the DODAG: " + state);
                }
            }
        }
        d.stop();
        NonceAudit.check(d.dir.resolve(Deployment.IPV6_PCAP));
    }

    /**
     * Every capture the runs above wrote — the emulator's radio capture (IEEE 802.15.4 with FCS), the bridge's IPv6
     * capture and its 6LoWPAN capture — decodes with {@code tshark -r} without a malformed packet (see
     * {@link Tshark} for the two Wireshark shortcomings it excuses, and counts).
     */
    @Order(100)
    @Test
    void everyCaptureDecodesWithoutMalformedPackets() throws Exception {
        Assumptions.assumeTrue(Tshark.available(), "tshark is not installed (./run-tests installs it)");
        List<Path> captures;
        try (Stream<Path> s = Files.walk(runs)) {
            captures = s.filter(p -> p.getFileName().toString().endsWith(".pcap")).sorted().toList();
        }
        Assumptions.assumeFalse(captures.isEmpty(), "no interop run wrote a capture (run the whole class)");
        List<String> problems = new ArrayList<>();
        for (Path pcap : captures) {
            Tshark.Decoded decoded = Tshark.decode(pcap);
            System.out.println(runs.relativize(pcap) + ": " + decoded);
            if (decoded.frames() == 0) {
                problems.add(runs.relativize(pcap) + ": no frames");
            }
            decoded.malformed().forEach(m -> problems.add(runs.relativize(pcap) + ": " + m));
        }
        assertEquals(List.of(), problems, "malformed packets");
    }

    // --- helpers ------------------------------------------------------------------------------------------------

    private static void assumeSocatFor(Link link) {
        if (link == Link.PTY) {
            Assumptions.assumeTrue(onPath("socat"), "socat is not installed (./run-tests installs it)");
        }
    }

    private static boolean onPath(String tool) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
    }

    /** The emulator's summary says every pledge joined, and its report agrees mote by mote. */
    private static void assertFormed(Deployment d, Network network) throws IOException {
        String summary = d.emulation().out.stream().filter(l -> FORMED.matcher(l).find()).findFirst()
                .orElseThrow(() -> new AssertionError("no summary line: " + d.emulation().out));
        Matcher m = FORMED.matcher(summary);
        m.find();
        assertEquals(network.pledges(), Integer.parseInt(m.group(1)), summary);
        assertEquals(network.pledges(), Integer.parseInt(m.group(2)), summary);
        JsonNode report = d.report();
        assertEquals(network.pledges(), report.get("totals").get("pledges").asInt());
        assertEquals(network.pledges(), report.get("totals").get("joined").asInt());
        assertNotNull(report.get("totals").get("formationSeconds").numberValue(), "formation time");
        for (JsonNode mote : report.get("timeline")) {
            assertTrue(mote.get("root").asBoolean() || !mote.get("joined").isNull(), "not joined: " + mote);
        }
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition, Duration timeout, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout.toSeconds() + " s: " + what);
            }
            Thread.sleep(20);
        }
    }

    /** Every pledge's keys, synchronisation, parent, hop count and Parameter Update drops, for a failure message. */
    private static String describe(Emulation e, List<Pledge> pledges) {
        EmulationReport r = EmulationReport.of(e);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < pledges.size(); i++) {
            if (i == e.rootIndex()) {
                b.append("  root ").append(e.root().mac().keys()).append('\n');
                continue;
            }
            Mote m = e.mote(i);
            b.append("  ").append(pledges.get(i).eui64()).append(' ').append(m.mac().keys()).append(", synchronised ")
                    .append(m.mac().isSynchronised()).append(", parent ").append(m.record().parent()
                            .map(MacAddress::toString).orElse("none")).append(", hops ")
                    .append(r.hops(i).isPresent() ? Integer.toString(r.hops(i).getAsInt()) : "-")
                    .append(", ").append(m.joinedNodeServer()).append(", undecodable datagrams ")
                    .append(m.malformedDatagrams()).append('\n');
        }
        return b.toString();
    }

    /** The last pledge no other mote has as RPL parent. */
    private static int leaf(Emulation e) {
        List<MoteRecord> records = e.records();
        for (int i = records.size() - 1; i >= 0; i--) {
            MacAddress a = records.get(i).address();
            if (i != e.rootIndex() && records.stream().noneMatch(r -> r.parent().filter(a::equals).isPresent())) {
                return i;
            }
        }
        throw new AssertionError("every pledge is someone's parent");
    }

    /** {@code network show}: the joined nodes by EUI-64, each with its short address, in EUI-64 order. */
    private static Map<String, String> joinedAtJrc(Deployment d) throws IOException, InterruptedException {
        Cli.Run show = d.sixjoin("network", "show", "--data", Deployment.JRC_DATA);
        assertEquals(0, show.exit(), show.both());
        Map<String, String> nodes = new LinkedHashMap<>();
        for (String line : show.out().split("\n")) {
            Matcher m = NODE_ROW.matcher(line);
            if (m.matches()) {
                nodes.put(m.group(1), m.group(3));
            }
        }
        return nodes;
    }

    private static List<String> eui64s(List<Pledge> pledges) {
        return new ArrayList<>(pledges.stream().map(Pledge::eui64).sorted().toList());
    }

    /** Join lines of pledges (not the bridge's own join) a JRC process printed. */
    private static long nodeJoins(List<String> jrcOut) {
        return jrcOut.stream().filter(l -> l.startsWith("joined ") && l.contains("role=node")).count();
    }

    /** A counter of {@code network stats}, once the JRC has published a snapshot with it above 0 (every second). */
    private static long awaitCounter(Deployment d, String description) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            Cli.Run stats = d.sixjoin("network", "stats", "--data", Deployment.JRC_DATA);
            last = stats.both();
            for (String line : stats.out().split("\n")) {
                if (line.strip().startsWith(description)) {
                    long n = Long.parseLong(line.strip().replaceAll(".*\\s", ""));
                    if (n > 0) {
                        return n;
                    }
                }
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no '" + description + "' above 0 in network stats: " + last);
    }
}
