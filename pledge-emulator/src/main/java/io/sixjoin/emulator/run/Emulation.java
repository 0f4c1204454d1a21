package io.sixjoin.emulator.run;

import io.sixjoin.emulator.kernel.Event;
import io.sixjoin.emulator.kernel.EventKernel;
import io.sixjoin.emulator.kernel.EventKind;
import io.sixjoin.emulator.kernel.EventTrace;
import io.sixjoin.emulator.kernel.Pacer;
import io.sixjoin.emulator.kernel.SeededRandom;
import io.sixjoin.emulator.kernel.VirtualClock;
import io.sixjoin.emulator.medium.MediumStats;
import io.sixjoin.emulator.medium.RadioMedium;
import io.sixjoin.emulator.medium.HoppingSequence;
import io.sixjoin.emulator.mote.MeshAddresses;
import io.sixjoin.emulator.mote.Mote;
import io.sixjoin.emulator.mote.MoteRecord;
import io.sixjoin.emulator.mote.MoteSettings;
import io.sixjoin.emulator.mote.RootMote;
import io.sixjoin.emulator.serial.BorderRouterMote;
import io.sixjoin.emulator.serial.SerialServer;
import io.sixjoin.emulator.topology.FaultScript;
import io.sixjoin.emulator.tsch.MacStats;
import io.sixjoin.emulator.tsch.TschConfig;
import io.sixjoin.emulator.tsch.TschMac;
import io.sixjoin.emulator.tsch.TschNetwork;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * One emulated 6TiSCH network, ready to run: the event kernel, the radio medium with the topology's motes, the
 * TSCH network, a {@link Mote} per pledge and the {@link RootMote} behind an emulated OpenWSN border-router mote
 * ({@link BorderRouterMote}) whose serial line a host — {@code sixjoin bridge}, in this process or another —
 * attaches to through {@link #serveSerial}. Nothing moves until the host made the mote root (SETROOT 'Y' with the
 * network key, {@link #awaitRoot}); then {@link #run} delivers events until every mote joined or a limit is hit,
 * with virtual time held still while the host is busy ({@link HostSync}) or paced to the wall clock.
 * The kernel thread is the one calling {@link #run}; the serial side talks to it only through an inbox.
 */
public final class Emulation implements Closeable {
    static final EventKind TICK = EventKind.named("run.tick");
    /** IEEE 802.15.4-2015's TSCH default macMaxBe: a dense neighbourhood needs the wider window. */
    static final int BACKOFF_MAX_EXPONENT = 7;
    /** Host quiet this long after its last frame counts as done answering. */
    static final long SETTLE_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    /** The longest a virtual-time run waits for the answer to a datagram it sent the host. */
    static final long ANSWER_TIMEOUT_NANOS = TimeUnit.MILLISECONDS.toNanos(2_000);

    /** A progress snapshot, about once a wall second. */
    public record Progress(int synced, int joined, int routed, int pledges, long virtualMicros, long wallNanos) {
        /** Emulated seconds per wall second so far. */
        public double speed() {
            return wallNanos == 0 ? 0 : virtualMicros * 1000.0 / wallNanos;
        }
    }

    private final EmulationConfig config;
    private final EventKernel kernel;
    private final RadioMedium medium;
    private final TschNetwork network;
    private final BorderRouterMote borderRouter;
    private final LinkedBlockingQueue<Runnable> inbox = new LinkedBlockingQueue<>();
    private final HostSync sync = new HostSync(SETTLE_NANOS, ANSWER_TIMEOUT_NANOS, System::nanoTime);
    private final List<Mote> motes = new ArrayList<>();
    private final int rootIndex;
    private final MoteSettings settings;
    private final RootMote root;
    private SerialServer serial;
    private volatile long currentAsn;
    private boolean started;
    private long wallNanos;

    private Emulation(EmulationConfig config) {
        this.config = config;
        VirtualClock clock = new VirtualClock();
        this.kernel = new EventKernel(clock, new EventTrace(),
                config.realTime() ? Pacer.realTime(1.0) : Pacer.unpaced());
        SeededRandom seeds = new SeededRandom(config.seed());
        this.medium = new RadioMedium(config.linkModel(), HoppingSequence.openWsn(), seeds);
        Map<Integer, Integer> index = config.topology().install(medium);
        this.rootIndex = index.get(config.topology().root().id());
        int frame = config.slotframe();
        // keep-alive and desync timers in cells rather than seconds once cells are rare: no emulated clock drifts
        TschConfig tsch = TschConfig.defaults(BorderRouterMote.DEFAULT_PAN_ID).withSlotframeLength(frame)
                .withKeepAlive(Math.max(1_000, 120L * frame), Math.max(2_333, 600L * frame))
                .withBackoff(1, BACKOFF_MAX_EXPONENT);
        this.network = new TschNetwork(kernel, medium, seeds, tsch);
        this.settings = new MoteSettings(MeshAddresses.of(MeshAddresses.DEFAULT_PREFIX), config.networkId(),
                config.profile(), config.slotframe() * clock.slotMicros());
        RootMote rootMote = null;
        for (int i = 0; i < config.topology().size(); i++) {
            MoteCredentials c = config.credentials().get(i);
            TschMac mac = network.addMote(c.eui64());
            if (i == rootIndex) {
                rootMote = new RootMote(mac, kernel, settings, seeds.forMote(i, "root"), this::toHost);
                motes.add(null);
            } else {
                motes.add(new Mote(mac, kernel, settings, c.psk(), seeds.forMote(i, "mote")));
            }
        }
        this.root = rootMote;
        this.borderRouter = BorderRouterMote.builder(MeshAddresses.eui64(root.mac().address()))
                .asn(() -> currentAsn).listener(new FromHost()).startMicros(SerialServer.wallClockMicros().getAsLong())
                .build();
        FaultScript.schedule(config.topology(), index, kernel, medium, new FaultScript.Target() {
            @Override
            public void reboot(int moteIndex) {
                if (moteIndex != rootIndex) {
                    motes.get(moteIndex).reboot();
                }
            }

            @Override
            public void jrcReachable(boolean reachable) {
                root.setHostReachable(reachable);
            }
        });
    }

    /** Builds the network of {@code config}; nothing runs yet. */
    public static Emulation create(EmulationConfig config) {
        return new Emulation(Objects.requireNonNull(config, "config"));
    }

    /** The emulated border-router mote (its serial side), for a host attached some other way than TCP. */
    public BorderRouterMote borderRouter() {
        return borderRouter;
    }

    /** Serves the border-router mote's serial line on {@code bind} (port 0: any free port). */
    public SerialServer serveSerial(InetSocketAddress bind) throws IOException {
        if (serial != null) {
            throw new IllegalStateException("the serial line is already served at " + serial.address());
        }
        serial = SerialServer.start(bind, borderRouter, SerialServer.wallClockMicros());
        return serial;
    }

    /**
     * Waits (wall clock) until the host made the border-router mote DODAG root, handling what it sends meanwhile.
     *
     * @return whether it did within {@code timeout}
     */
    public boolean awaitRoot(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!root.started()) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            Runnable r = inbox.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)), TimeUnit.NANOSECONDS);
            if (r != null) {
                r.run();
            }
        }
        return true;
    }

    /** Runs until every pledge joined (and has a route), or {@code maxVirtual} of emulated time passed. */
    public boolean runUntilFormed(Duration maxVirtual, Consumer<Progress> progress) throws InterruptedException {
        return run(this::formed, maxVirtual, progress);
    }

    /**
     * Delivers events until {@code done}, {@code maxVirtual} of emulated time since the start, or an interrupt.
     *
     * @return {@code done}'s last answer
     */
    public boolean run(BooleanSupplier done, Duration maxVirtual, Consumer<Progress> progress)
            throws InterruptedException {
        if (!root.started()) {
            throw new IllegalStateException("the border-router mote is not root yet: call awaitRoot first");
        }
        if (!started) {
            started = true;
            network.start();
            if (config.realTime()) {
                kernel.scheduleAfter(0, TICK, Event.NO_MOTE, 0, this::tick);
            }
        }
        sync.setActive(!config.realTime() && serial != null);
        long limit = VirtualClock.toMicros(maxVirtual);
        long wallStart = System.nanoTime();
        long nextReport = wallStart + TimeUnit.SECONDS.toNanos(1);
        try {
            while (!done.getAsBoolean()) {
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
                drainInbox();
                long hold = sync.holdNanos();
                if (hold > 0) {
                    long t0 = System.nanoTime();
                    Runnable r = inbox.poll(hold, TimeUnit.NANOSECONDS);
                    sync.held(System.nanoTime() - t0);
                    if (r != null) {
                        r.run();
                    }
                    continue;
                }
                if (kernel.pending() == 0 || kernel.nextDeadline() >= limit) {
                    break;
                }
                kernel.step();
                currentAsn = kernel.clock().asn();
                long now = System.nanoTime();
                if (now >= nextReport) {
                    nextReport = now + TimeUnit.SECONDS.toNanos(1);
                    progress.accept(progress(wallNanos + now - wallStart));
                }
            }
        } finally {
            wallNanos += System.nanoTime() - wallStart;
        }
        progress.accept(progress(wallNanos));
        return done.getAsBoolean();
    }

    private void tick(Event e) {
        drainInbox();
        kernel.scheduleAfter(kernel.clock().slotMicros(), TICK, Event.NO_MOTE, 0, this::tick);
    }

    private void drainInbox() {
        Runnable r;
        while ((r = inbox.poll()) != null) {
            r.run();
        }
    }

    private void toHost(long previousHop, byte[] lowpan, boolean expectsAnswer) {
        if (serial == null) {
            return;
        }
        sync.output(expectsAnswer);
        serial.execute(() -> borderRouter.dataUp(previousHop, lowpan));
    }

    /** What the host's serial frames mean for the radio side, posted to the kernel thread. */
    private final class FromHost implements BorderRouterMote.Listener {
        @Override
        public void rootCommand(RootCommand command) {
            sync.input(false);
            inbox.add(() -> root.onRootCommand(command));
        }

        @Override
        public void dataDown(long nextHop, byte[] lowpan) {
            sync.input(endsDatagram(lowpan));
            inbox.add(() -> root.onDataDown(nextHop, lowpan));
        }
    }

    /** Whether a 6LoWPAN frame is a whole datagram or the last fragment of one (RFC 4944 §5.3). */
    static boolean endsDatagram(byte[] lowpan) {
        if (lowpan.length < 4) {
            return true;
        }
        int dispatch = lowpan[0] & 0xF8;
        if (dispatch == 0xC0) {
            return false; // FRAG1: more follows
        }
        if (dispatch != 0xE0 || lowpan.length < 5) {
            return true;
        }
        int size = ((lowpan[0] & 0x07) << 8) | (lowpan[1] & 0xFF);
        int offset = (lowpan[4] & 0xFF) * 8;
        return offset + lowpan.length - 5 >= size;
    }

    /** Whether every pledge joined and announced its route to the root (sent a DAO through its parent). */
    public boolean formed() {
        for (Mote m : motes) {
            if (m != null && !(m.joined() && m.record().routedAt().isPresent())) {
                return false;
            }
        }
        return true;
    }

    public Progress progress(long wall) {
        int synced = 0;
        int joined = 0;
        int routed = 0;
        for (Mote m : motes) {
            if (m == null) {
                continue;
            }
            synced += m.record().syncedAt().isPresent() ? 1 : 0;
            joined += m.joined() ? 1 : 0;
            routed += m.joined() && m.record().routedAt().isPresent() ? 1 : 0;
        }
        return new Progress(synced, joined, routed, motes.size() - 1, kernel.clock().nowMicros(), wall);
    }

    /** Upper-layer packets the pledges sent, by kind, summed over the network (the report's breakdown). */
    public java.util.Map<String, Long> sentByKind() {
        String[] names = {"dio", "dao", "dis", "joinRequest", "proxiedUp", "proxiedDown", "forwarded"};
        long[] sum = new long[names.length];
        for (Mote m : motes) {
            if (m != null) {
                long[] s = m.counters().sent();
                for (int i = 0; i < sum.length; i++) {
                    sum[i] += s[i];
                }
            }
        }
        java.util.Map<String, Long> out = new java.util.LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            out.put(names[i], sum[i]);
        }
        return out;
    }

    /** Mote {@code index} (topology order); null for the root, see {@link #root()}. */
    public Mote mote(int index) {
        return motes.get(index);
    }

    public RootMote root() {
        return root;
    }

    public int rootIndex() {
        return rootIndex;
    }

    /** Every mote's record, the root's included, in topology order. */
    public List<MoteRecord> records() {
        List<MoteRecord> out = new ArrayList<>(motes.size());
        for (int i = 0; i < motes.size(); i++) {
            out.add(i == rootIndex ? root.record() : motes.get(i).record());
        }
        return Collections.unmodifiableList(out);
    }

    public EmulationConfig config() {
        return config;
    }

    public EventKernel kernel() {
        return kernel;
    }

    public TschNetwork network() {
        return network;
    }

    public RadioMedium medium() {
        return medium;
    }

    public MacStats macTotals() {
        return network.totals();
    }

    public MediumStats mediumStats() {
        return medium.stats();
    }

    /** SHA-256 over every event delivered: same seed and same inputs give the same hash. */
    public String traceHash() {
        return kernel.trace().hexHash();
    }

    /** Wall time spent in {@link #run}, in nanoseconds. */
    public long wallNanos() {
        return wallNanos;
    }

    /** Wall time virtual time stood still waiting for the host. */
    public long heldNanos() {
        return sync.heldNanos();
    }

    @Override
    public void close() throws IOException {
        if (serial != null) {
            serial.close();
        }
    }
}
