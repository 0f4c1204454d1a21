package io.sixjoin.cli.bench;

import io.sixjoin.cli.InProcessNetwork;
import io.sixjoin.emulator.kernel.SeededRandom;
import io.sixjoin.emulator.medium.LinkModel;
import io.sixjoin.emulator.mote.MoteRecord;
import io.sixjoin.emulator.run.Emulation;
import io.sixjoin.emulator.run.EmulationConfig;
import io.sixjoin.emulator.run.EmulationReport;
import io.sixjoin.emulator.topology.Topologies;
import io.sixjoin.emulator.topology.Topology;
import io.sixjoin.jrc.JrcStats;

import java.io.IOException;
import java.lang.ref.Reference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Emulated network formation against the §4.2 floors: for each size, topology and slotframe, one run of
 * {@code sixjoin emulate}'s in-process deployment (real JRC, real bridge, in-memory tunnel) in virtual time until
 * every pledge has joined and announced its route, or until a cap of emulated time or of wall time. Formation in
 * the minimal schedule can take hours of emulated time and, at 10,000 motes, hours of wall time, so both caps are
 * what keep the benchmark finite; a run that hits one is reported with how far it got, never extrapolated.
 */
final class EmulateBenchmark {
    /** Radio range, metres, as {@code sixjoin emulate}'s default: PRR 1 up to 25 m, falling to 0 at 30 m. */
    static final double REACH = 30;
    /** How often a long run prints where it is, wall time. */
    static final long PROGRESS_EVERY_NANOS = TimeUnit.SECONDS.toNanos(30);
    /**
     * Events between two checks of "formed, or out of wall time": {@link Emulation#formed()} walks the motes until
     * the first one that has not formed, which late in a 10,000-mote run is thousands of motes per event; checking
     * every event would make the bench slower than the emulator it measures. Formation time is read from the
     * motes' records, so it is exact whatever the interval; the run just stops a few hundred events later.
     */
    static final int CHECK_EVERY = 256;

    /**
     * @param sizes         pledges per network (the border router comes on top)
     * @param topologies    generator names: star, random, linear, grid (see {@link #topology})
     * @param slotframes    slotframe lengths, slots
     * @param seed          seed of the topology, the credentials and every random choice in the run
     * @param maxVirtual    emulated time after which a run stops
     * @param maxWallPerRun wall time after which a run stops (set-up and heap probes not counted)
     */
    record Settings(List<Integer> sizes, List<String> topologies, List<Integer> slotframes, long seed,
            Duration maxVirtual, Duration maxWallPerRun) {
        int runs() {
            return sizes.size() * topologies.size() * slotframes.size();
        }
    }

    /** Why a run ended. */
    enum Stop {
        FORMED("formed"), VIRTUAL_CAP("emulated-time cap"), WALL_CAP("wall-time cap"), IDLE("no events left");

        final String text;

        Stop(String text) {
            this.text = text;
        }
    }

    /**
     * One run's outcome.
     *
     * @param formationMicros   when the last pledge had joined and announced its route, -1 unless all did
     * @param lastJoinMicros    when the last pledge finished CoJP, -1 unless all did
     * @param joinMicros        every joined pledge's join time, ascending (the plot's curve)
     * @param virtualMicros     emulated time reached
     * @param wallNanos         wall time spent running the emulation
     * @param setupNanos        wall time to build and start the deployment (provisioning, JRC, bridge, root)
     * @param heldNanos         wall time the emulation held virtual time still waiting for the JRC and bridge
     * @param networkBytes      heap of the emulated network alone, just built (see {@link EmulateBenchmark#run})
     * @param deploymentBytes   heap of the whole deployment at the end of the run
     * @param jrcCounters       the JRC's counters at the end of the run
     */
    record Run(int pledges, String topology, int slotframe, Stop stop, int joined, int routed,
            long formationMicros, long lastJoinMicros, long[] joinMicros, long virtualMicros, long wallNanos,
            long setupNanos, long heldNanos, double speed, long networkBytes, long deploymentBytes,
            Map<JrcStats.Event, Long> jrcCounters) {
        FormationFloors floors() {
            return new FormationFloors(pledges, slotframe);
        }

        boolean formed() {
            return stop == Stop.FORMED;
        }

        int motes() {
            return pledges + 1;
        }

        double formationSeconds() {
            return formationMicros / 1e6;
        }

        /** Formation over M3; without formation, the lower bound "emulated time reached over M3". */
        double ratioToM3() {
            return (formed() ? formationMicros : virtualMicros) / 1e6 / floors().m3Seconds();
        }

        double ratioToM1() {
            return (formed() ? formationMicros : virtualMicros) / 1e6 / floors().m1Seconds();
        }

        double networkBytesPerMote() {
            return networkBytes / (double) motes();
        }

        double deploymentBytesPerMote() {
            return deploymentBytes / (double) motes();
        }

        String label() {
            return topology + " L=" + slotframe;
        }
    }

    /** Everything a default run produced, with the machine it ran on and its total wall time. */
    record Results(Machine machine, Settings settings, List<Run> runs, long totalWallNanos) {
    }

    private final Settings settings;
    private final Consumer<String> log;

    EmulateBenchmark(Settings settings, Consumer<String> log) {
        this.settings = settings;
        this.log = log;
    }

    Results run() throws IOException, InterruptedException {
        Machine machine = Machine.current();
        long start = System.nanoTime();
        warmUp();
        List<Run> runs = new ArrayList<>();
        int i = 0;
        for (int n : settings.sizes()) {
            for (String topology : settings.topologies()) {
                for (int slotframe : settings.slotframes()) {
                    i++;
                    log.accept(String.format(Locale.ROOT, "[%d/%d] %,d pledges, %s, slotframe %d: building...", i,
                            settings.runs(), n, topology, slotframe));
                    Run r = runOne(n, topology, slotframe);
                    runs.add(r);
                    log.accept(String.format(Locale.ROOT, "[%d/%d] %s", i, settings.runs(),
                            EmulateBenchReport.line(r)));
                }
            }
        }
        return new Results(machine, settings, runs, System.nanoTime() - start);
    }

    /**
     * Forms a 2-pledge star once, unrecorded, so that class loading, static tables (crypto, CoAP, CBOR) and the
     * first JIT compilations are not charged to the first run: without it the first run's heap per mote came out
     * four times the others' at 100 pledges.
     */
    private void warmUp() throws IOException, InterruptedException {
        log.accept("warming up on a 2-pledge star (not recorded)...");
        EmulationConfig config = EmulationConfig.of(topology("star", 3, settings.seed()), settings.seed(),
                LinkModel.greyZone(REACH * 5 / 6, REACH), 7);
        Path data = Files.createTempDirectory("sixjoin-bench-emulate-");
        try (InProcessNetwork network = InProcessNetwork.start(config, data)) {
            Emulation e = network.emulation();
            e.run(new Stopper(e, System.nanoTime() + TimeUnit.SECONDS.toNanos(20)), Duration.ofHours(1), p -> { });
        } finally {
            io.sixjoin.cli.DirectoryTree.delete(data);
        }
    }

    /**
     * One run. Heap is the used heap after full collections ({@link HeapProbe}): the network's is measured on an
     * {@link Emulation} built alone from the same configuration (motes, MACs, medium, the event queue), and
     * discarded, so the JRC's and bridge's fixed cost does not drown the per-mote figure at 100 motes; the
     * deployment's is measured from before the start to the end of the run with everything still live (the JRC's
     * cached contexts, the bridge's routes, the joined motes' keys and neighbour tables included).
     */
    Run runOne(int pledges, String topologyName, int slotframe) throws IOException, InterruptedException {
        Topology topology = topology(topologyName, pledges + 1, settings.seed());
        EmulationConfig config = EmulationConfig.of(topology, settings.seed(),
                LinkModel.greyZone(REACH * 5 / 6, REACH), slotframe);
        long before = HeapProbe.settledUsedHeap();
        Emulation alone = Emulation.create(config);
        long networkBytes = HeapProbe.settledUsedHeap() - before;
        Reference.reachabilityFence(alone);
        alone = null;

        Path data = Files.createTempDirectory("sixjoin-bench-emulate-");
        try {
            long base = HeapProbe.settledUsedHeap();
            long setupStart = System.nanoTime();
            try (InProcessNetwork network = InProcessNetwork.start(config, data)) {
                long setupNanos = System.nanoTime() - setupStart;
                Emulation e = network.emulation();
                long deadline = System.nanoTime() + settings.maxWallPerRun().toNanos();
                Consumer<Emulation.Progress> progress = progressPrinter(pledges, topologyName, slotframe);
                e.run(new Stopper(e, deadline), settings.maxVirtual(), progress);
                boolean formed = e.formed();
                boolean outOfWall = System.nanoTime() >= deadline;
                EmulationReport report = EmulationReport.of(e);
                long deploymentBytes = HeapProbe.settledUsedHeap() - base;
                Stop stop = formed ? Stop.FORMED : outOfWall ? Stop.WALL_CAP
                        : e.kernel().pending() == 0 ? Stop.IDLE : Stop.VIRTUAL_CAP;
                return result(pledges, topologyName, slotframe, stop, report, setupNanos, e.heldNanos(),
                        networkBytes, deploymentBytes, network.jrcStats().snapshot());
            }
        } finally {
            io.sixjoin.cli.DirectoryTree.delete(data);
        }
    }

    /** The generator {@code sixjoin emulate --topology NAME --seed SEED} uses, so a run can be repeated there. */
    static Topology topology(String name, int motes, long seed) {
        return switch (name) {
            case "star" -> Topologies.star(motes, REACH);
            case "linear" -> Topologies.linear(motes, REACH);
            case "grid" -> Topologies.grid(motes, REACH);
            case "random" -> Topologies.random(motes, REACH, new SeededRandom(seed).forPurpose("topology"));
            default -> throw new IllegalArgumentException("unknown topology " + name);
        };
    }

    private static Run result(int pledges, String topology, int slotframe, Stop stop, EmulationReport report,
            long setupNanos, long heldNanos, long networkBytes, long deploymentBytes,
            Map<JrcStats.Event, Long> jrcCounters) {
        long[] joins = new long[report.pledges()];
        int joined = 0;
        int routed = 0;
        long lastJoin = -1;
        boolean allJoined = true;
        for (int i = 0; i < report.motes().size(); i++) {
            if (i == report.rootIndex()) {
                continue;
            }
            MoteRecord m = report.motes().get(i);
            OptionalLong at = m.joinedAt();
            if (at.isPresent()) {
                joins[joined++] = at.getAsLong();
                lastJoin = Math.max(lastJoin, at.getAsLong());
                routed += m.routedAt().isPresent() ? 1 : 0;
            } else {
                allJoined = false;
            }
        }
        long[] sorted = Arrays.copyOf(joins, joined);
        Arrays.sort(sorted);
        OptionalLong formation = report.formationMicros();
        return new Run(pledges, topology, slotframe, stop, joined, routed,
                stop == Stop.FORMED && formation.isPresent() ? formation.getAsLong() : -1,
                allJoined ? lastJoin : -1, sorted, report.virtualMicros(), report.wallNanos(), setupNanos,
                heldNanos, report.speedFactor(), networkBytes, deploymentBytes, jrcCounters);
    }

    /** Ends a run once its wall time is up, or once the network formed (looked at every {@link #CHECK_EVERY} calls). */
    private static final class Stopper implements BooleanSupplier {
        private final Emulation emulation;
        private final long deadline;
        private int calls;
        private boolean done;

        Stopper(Emulation emulation, long deadline) {
            this.emulation = emulation;
            this.deadline = deadline;
        }

        @Override
        public boolean getAsBoolean() {
            // the clock on every call: while the emulation waits for the host, each call can be a 2 s wait apart
            if (!done && System.nanoTime() >= deadline) {
                done = true;
            }
            if (!done && ++calls >= CHECK_EVERY) {
                calls = 0;
                done = emulation.formed();
            }
            return done;
        }
    }

    /** Every {@link #PROGRESS_EVERY_NANOS} of wall time a line, so a long run shows it is alive. */
    private Consumer<Emulation.Progress> progressPrinter(int pledges, String topology, int slotframe) {
        long[] next = {System.nanoTime() + PROGRESS_EVERY_NANOS};
        return p -> {
            long now = System.nanoTime();
            if (now >= next[0]) {
                next[0] = now + PROGRESS_EVERY_NANOS;
                log.accept(String.format(Locale.ROOT, "      %,d pledges, %s, slotframe %d: %,d/%,d joined, "
                        + "emulated %s, %.0f× real time", pledges, topology, slotframe, p.joined(), p.pledges(),
                        EmulateBenchReport.duration(p.virtualMicros() / 1e6), p.speed()));
            }
        };
    }
}
