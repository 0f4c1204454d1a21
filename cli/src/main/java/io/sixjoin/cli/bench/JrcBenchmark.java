package io.sixjoin.cli.bench;

import io.sixjoin.cbor.cojp.ConfigurationCodec;
import io.sixjoin.cbor.cojp.JoinRequest;
import io.sixjoin.jrc.JrcConfig;
import io.sixjoin.jrc.JrcServer;
import io.sixjoin.jrc.JrcStats;
import io.sixjoin.jrc.coap.JoinLog;
import io.sixjoin.jrc.coap.RateLimiter;
import io.sixjoin.jrc.join.JrcProfile;
import io.sixjoin.jrc.store.ProvisionedPledge;
import io.sixjoin.jrc.store.StoreLocation;
import io.sixjoin.stack.cojp.PledgeJoinExchange;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ref.Reference;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.Token;

/**
 * The {@code sixjoin bench jrc} engine. In one JVM and one invocation it measures, with the same closed-loop
 * generator and datagrams of the same sizes: the JRC's joins/s over UDP loopback (SQLite store in WAL mode, every
 * join durable), a plain Californium POST echo, and a stock cf-oscore server; then the JRC's heap per
 * provisioned pledge and per joined pledge. The three servers run side by side but only one is loaded at a
 * time, in interleaved rounds, so they never compete for the two cores and outside load hits all of them alike.
 */
public final class JrcBenchmark {
    static final byte[] NETWORK_ID = {(byte) 0xca, (byte) 0xfe};
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    /** What to run. */
    public record Settings(int pledges, int heapPledges, int joinedHeapPledges, double warmupSeconds,
            double seconds, int concurrency) {
    }

    /** Datagram lengths seen on the wire, request and answer. */
    public record Sizes(int request, int response) {
    }

    /** Used heap (bytes, after full GCs) at each step of the heap measurement. */
    public record Heap(int provisioned, long emptyStore, long provisionedStore, int joined, long beforeJoins,
            long afterJoins) {
        public double bytesPerProvisioned() {
            return (provisionedStore - emptyStore) / (double) provisioned;
        }

        public double bytesPerJoined() {
            return joined == 0 ? 0 : (afterJoins - beforeJoins) / (double) joined;
        }
    }

    /** Everything one invocation measured. */
    public record Results(Machine machine, Settings settings, LoadGenerator.Outcome jrc, Sizes jrcSizes,
            LoadGenerator.Outcome plain, Sizes plainSizes, LoadGenerator.Outcome stock, Sizes stockSizes,
            Map<JrcStats.Event, Long> jrcCounters, Heap heap) {
        public double ratioToPlain() {
            return plain.rate() == 0 ? 0 : jrc.rate() / plain.rate();
        }

        public double ratioToStock() {
            return stock.rate() == 0 ? 0 : jrc.rate() / stock.rate();
        }
    }

    private final Settings settings;
    private final Consumer<String> progress;

    public JrcBenchmark(Settings settings, Consumer<String> progress) {
        this.settings = settings;
        this.progress = progress;
    }

    public Results run() {
        Path dir;
        try {
            dir = Files.createTempDirectory("sixjoin-bench-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for the JRC store", e);
        }
        try {
            Machine machine = Machine.current();
            Fleet fleet = new Fleet(settings.pledges());
            List<ProvisionedPledge> provisioning = fleet.provisioning();
            progress.accept("preparing " + settings.pledges() + " pledge contexts (load generator side)");
            List<PledgeJoinExchange> pledges = fleet.pledges();
            List<Sizes> sizes;
            Probe probe;
            Map<JrcStats.Event, Long> counters;
            List<LoadGenerator.Outcome> measured;
            SizeRecorder jrcLoad = new SizeRecorder(new PledgeWorkload(pledges, NETWORK_ID));
            SizeRecorder stockLoad = new SizeRecorder(new PledgeWorkload(pledges, NETWORK_ID));
            try (JrcServer jrc = startJrc(dir.resolve("throughput"))) {
                long t0 = System.nanoTime();
                jrc.store().pledges().importAll(provisioning);
                progress.accept(String.format("provisioned %d pledges in the JRC store (%s) in %.1f s",
                        settings.pledges(), jrc.store().location().describe(), (System.nanoTime() - t0) / 1e9));
                InetSocketAddress address = jrc.boundAddresses().get(0);
                probe = probe(address, pledges.get(0));
                progress.accept("sixjoin JRC on " + address + ": Join Request " + probe.request() + " B, Join Response "
                        + probe.response() + " B (configuration " + probe.configuration().length + " B)");
                SizeRecorder plainLoad = new SizeRecorder(new PlainCoapWorkload(probe.request(), probe.response()));
                CoapServer plain = BaselineServers.plainEcho(new InetSocketAddress(LOOPBACK, 0),
                        new byte[probe.response() - 4 - 1 - 1]); // header, 1-byte token, payload marker
                try {
                    progress.accept("deriving " + settings.pledges() + " contexts for the stock cf-oscore server");
                    CoapServer stock = BaselineServers.stockOscore(new InetSocketAddress(LOOPBACK, 0), provisioning,
                            probe.configuration());
                    try {
                        measured = interleave(List.of(
                                new Target("sixjoin JRC", address, jrcLoad),
                                new Target("plain CoAP", BaselineServers.address(plain), plainLoad),
                                new Target("stock cf-oscore", BaselineServers.address(stock), stockLoad)));
                    } finally {
                        stock.destroy();
                    }
                } finally {
                    plain.destroy();
                }
                counters = jrc.stats().snapshot();
                sizes = List.of(jrcLoad.sizes(), plainLoad.sizes(), stockLoad.sizes());
            }
            pledges = null;
            provisioning = null;

            Heap heap = heap(dir.resolve("heap"));
            return new Results(machine, settings, measured.get(0), sizes.get(0), measured.get(1), sizes.get(1),
                    measured.get(2), sizes.get(2), counters, heap);
        } finally {
            deleteTree(dir);
        }
    }

    /** How many slices each system's measurement is cut into, taken in turn with the other systems'. */
    static final int ROUNDS = 3;

    private record Target(String name, InetSocketAddress address, Workload load) {
    }

    /**
     * Warms every system up, then measures them in {@link #ROUNDS} rounds of one slice each, in turn. All three
     * servers run during the whole phase (idle ones cost nothing measurable), so a burst of load from another
     * process on a shared machine lands on all of them instead of on whichever happened to be measured then.
     */
    private List<LoadGenerator.Outcome> interleave(List<Target> targets) {
        List<LoadGenerator> generators = new ArrayList<>();
        try {
            for (Target t : targets) {
                generators.add(new LoadGenerator(t.address(), settings.concurrency()));
            }
            for (int i = 0; i < targets.size(); i++) {
                generators.get(i).run(targets.get(i).name() + " (warm-up)", targets.get(i).load(), 0,
                        settings.warmupSeconds(), progress);
            }
            List<List<LoadGenerator.Outcome>> parts = new ArrayList<>();
            targets.forEach(t -> parts.add(new ArrayList<>()));
            for (int round = 1; round <= ROUNDS; round++) {
                for (int i = 0; i < targets.size(); i++) {
                    Target t = targets.get(i);
                    parts.get(i).add(generators.get(i).run(t.name() + " (round " + round + "/" + ROUNDS + ")",
                            t.load(), 0, settings.seconds() / ROUNDS, progress));
                }
            }
            List<LoadGenerator.Outcome> out = new ArrayList<>();
            for (int i = 0; i < targets.size(); i++) {
                LoadGenerator.Outcome o = LoadGenerator.Outcome.combine(targets.get(i).name(), parts.get(i));
                progress.accept(String.format(Locale.ROOT, "%s: %,.0f/s over %d rounds", o.name(), o.rate(),
                        ROUNDS));
                out.add(o);
            }
            return out;
        } finally {
            generators.forEach(LoadGenerator::close);
        }
    }

    private static JrcServer startJrc(Path data) {
        JrcConfig c = new JrcConfig(List.of(new InetSocketAddress(LOOPBACK, 0)), Optional.empty(),
                StoreLocation.dataDirectory(data), Optional.of("cafe"), JrcProfile.RFC9031, false,
                OptionalLong.empty(), Optional.empty(), OptionalLong.empty(), RateLimiter.Limits.NONE);
        return JrcServer.start(c, Clock.systemUTC(), new SecureRandom(), JoinLog.NONE, null);
    }

    /** One join, to learn the real datagram sizes and the Configuration the baselines will answer with. */
    record Probe(int request, int response, byte[] configuration) {
    }

    private static Probe probe(InetSocketAddress jrc, PledgeJoinExchange pledge) {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(jrc.getAddress(), 0))) {
            PledgeJoinExchange.Protected p = pledge.protect(JoinRequest.of(NETWORK_ID), CoAP.Type.CON, 1,
                    Token.fromProvider(new byte[] {0}));
            socket.send(new DatagramPacket(p.datagram(), p.datagram().length, jrc));
            socket.setSoTimeout(5000);
            byte[] buf = new byte[2048];
            DatagramPacket in = new DatagramPacket(buf, buf.length);
            socket.receive(in);
            byte[] answer = Arrays.copyOf(buf, in.getLength());
            if (!(pledge.unprotect(answer, p.sequence()) instanceof PledgeJoinExchange.Answer.Joined joined)) {
                throw new IllegalStateException("the JRC did not answer the probe Join Request with a Configuration");
            }
            return new Probe(p.datagram().length, answer.length,
                    ConfigurationCodec.encode(joined.configuration().configuration()));
        } catch (IOException e) {
            throw new UncheckedIOException("the JRC did not answer the probe Join Request", e);
        }
    }

    /**
     * Heap of a running JRC with an empty store, then with {@code heapPledges} provisioned (none has talked to it
     * yet), then after the first {@code joinedHeapPledges} of them joined once each.
     */
    private Heap heap(Path data) {
        progress.accept("heap: starting a JRC on an empty store");
        try (JrcServer jrc = startJrc(data)) {
            long empty = HeapProbe.settledUsedHeap();
            long t0 = System.nanoTime();
            jrc.store().pledges().importAll(new Fleet(settings.heapPledges()).provisioning());
            progress.accept(String.format("heap: provisioned %d pledges in %.1f s", settings.heapPledges(),
                    (System.nanoTime() - t0) / 1e9));
            long provisioned = HeapProbe.settledUsedHeap();
            int joined = Math.min(settings.joinedHeapPledges(), settings.heapPledges());
            List<PledgeJoinExchange> joiners = new Fleet(joined).pledges();
            long before = HeapProbe.settledUsedHeap();
            // One socket, one join at a time: all joins then come from one CoAP peer, as through one Join Proxy,
            // so Californium's per-peer deduplication state (up to 64 exchanges per peer) stays out of the figure.
            long ok;
            try (LoadGenerator one = new LoadGenerator(jrc.boundAddresses().get(0), 1)) {
                // only the count is kept: the outcome's 4 MB latency histogram must not count as JRC heap
                ok = one.run("heap: first joins", new PledgeWorkload(joiners, NETWORK_ID), 0, 600, joined,
                        progress).ok();
            }
            if (ok != joined) {
                throw new IllegalStateException("only " + ok + " of " + joined + " pledges joined");
            }
            long after = HeapProbe.settledUsedHeap();
            Reference.reachabilityFence(joiners); // the generator's own contexts must not count as freed JRC memory
            return new Heap(settings.heapPledges(), empty, provisioned, joined, before, after);
        }
    }

    private static void deleteTree(Path dir) {
        try {
            io.sixjoin.cli.DirectoryTree.delete(dir);
        } catch (IOException e) {
            // a left-over temporary directory is not worth failing a finished benchmark for
        }
    }
}
