package io.sixjoin.bridge;

import io.sixjoin.stack.cojp.JumpAheadSequence;
import io.sixjoin.stack.cojp.PledgeId;
import io.sixjoin.bridge.pcap.PacketCapture;
import io.sixjoin.bridge.serial.LinkOpener;
import io.sixjoin.bridge.serial.SerialLinks;
import io.sixjoin.bridge.serial.Sleeper;
import io.sixjoin.bridge.uplink.CapturingUplink;
import io.sixjoin.bridge.uplink.Uplink;
import io.sixjoin.stack.openwsn.Log;
import io.sixjoin.stack.openwsn.LogCodes;
import io.sixjoin.stack.openwsn.MoteFrame;
import io.sixjoin.stack.openwsn.Printf;
import java.io.Closeable;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The radio bridge: an OpenWSN border-router mote on a serial line, made root by a {@link BorderRouterSession},
 * with the {@link UpstreamPipeline} and {@link DownstreamPipeline} between the mesh and an {@link Uplink} to the
 * JRC. Built from a {@link BridgeConfig} by {@link Builder}; clock, randomness, the event loop, the serial
 * opener and the console are injectable, so tests run it against a scripted mote and a fake uplink. Everything
 * that changes state (frames, packets from the uplink, timers) runs on one event-loop thread, which is why the
 * pipelines and session need no locks. The serial reader and the uplink receiver only hand work to that loop.
 */
public final class Bridge implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(Bridge.class);

    private final BridgeConfig config;
    private final Clock clock;
    private final ScheduledExecutorService loop;
    private final boolean ownsLoop;
    private final Consumer<String> console;
    private final BridgeStats stats = new BridgeStats();
    private final Mesh mesh;
    private final PacketCapture capture;
    private final Uplink uplink;
    private final MoteChannel channel;
    private final BorderRouterSession session;
    private final UpstreamPipeline upstream;
    private final DownstreamPipeline downstream;
    private final LogCodes logCodes = LogCodes.defaults();
    /** Mote frames read but not yet handled; bounds the event loop's queue (see the frame listener). */
    static final int MAX_FRAMES_IN_FLIGHT = 1024;
    private final java.util.concurrent.Semaphore framesInFlight =
            new java.util.concurrent.Semaphore(MAX_FRAMES_IN_FLIGHT);

    private Bridge(Builder b) throws IOException {
        this.config = b.config;
        this.clock = b.clock;
        this.ownsLoop = b.loop == null;
        this.loop = ownsLoop ? Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sixjoin-bridge-loop");
            t.setDaemon(true);
            return t;
        }) : b.loop;
        this.console = b.console;
        this.mesh = new Mesh(config.prefix());
        this.capture = PacketCapture.open(config.pcap().orElse(null), config.pcapLowpan().orElse(null),
                0xCAFE, clock);
        this.uplink = new CapturingUplink(b.uplink, capture);
        LinkOpener opener = b.opener != null ? b.opener : SerialLinks.opener(config.serial(), config.baud());
        this.channel = new MoteChannel(opener, System::nanoTime, Sleeper.SYSTEM, stats, new MoteChannel.Listener() {
            @Override
            public void frame(MoteFrame frame) {
                // Backpressure: the serial reader waits while the loop is this far behind, so a fast TCP line
                // (IoT-LAB, the emulator) cannot grow the loop's queue, and the heap, without bound.
                framesInFlight.acquireUninterruptibly();
                if (!onLoop(() -> {
                    try {
                        handle(frame);
                    } finally {
                        framesInFlight.release();
                    }
                })) {
                    framesInFlight.release();
                }
            }

            @Override
            public void lineUp(int generation) {
                onLoop(() -> session.lineUp(generation));
            }

            @Override
            public void lineDown(String reason) {
                onLoop(() -> session.lineDown(reason));
            }
        });
        this.session = new BorderRouterSession(config, mesh, channel::send, uplink, stats, loop, clock::millis,
                b.random, channel.describe(), b.timing, b.sequences, b.windows);
        this.downstream = new DownstreamPipeline(mesh, capture, stats, config.fragmentSize(), channel::send,
                session::ownPacket);
        this.upstream = new UpstreamPipeline(mesh, uplink, capture, stats,
                packet -> downstream.accept(packet, session.isRoot(), clock.millis()));
    }

    public static Builder builder(BridgeConfig config) {
        return new Builder(config);
    }

    /** Starts the uplink, the serial reader and the status line. */
    public Bridge start() throws IOException {
        uplink.start(packet -> onLoop(() -> downstream.accept(packet, session.isRoot(), clock.millis())));
        channel.start();
        long period = config.statusInterval().toMillis();
        if (period > 0) {
            loop.scheduleAtFixedRate(() -> console.accept(statusLineNow()), period, period, TimeUnit.MILLISECONDS);
        }
        LOG.info("bridge started: serial {}, uplink {}, prefix {}", channel.describe(), uplink.describe(),
                config.prefixText());
        return this;
    }

    private void handle(MoteFrame frame) {
        if (frame instanceof MoteFrame.Data data) {
            upstream.accept(data, clock.millis());
        } else if (frame instanceof Log log) {
            if (config.logMoteOutput()) {
                console.accept("mote: " + log.describe(logCodes));
            } else if (log.level() == Log.Level.CRITICAL) {
                // The firmware reboots about 10 s after a critical error; say why before the line goes quiet.
                LOG.warn("mote reports a critical error and will reboot: {}", log.describe(logCodes));
            }
        } else if (frame instanceof Printf printf) {
            if (config.logMoteOutput()) {
                console.accept("mote " + String.format("0x%04x", printf.moteId()) + " printf: "
                        + printf.text().stripTrailing());
            }
        } else {
            session.frame(frame);
        }
    }

    /** Queues {@code task} on the event loop; false if the loop is closing and the task was dropped. */
    private boolean onLoop(Runnable task) {
        try {
            loop.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.error("bridge event failed", e);
                }
            });
            return true;
        } catch (RejectedExecutionException e) {
            return false; // closing: late events are dropped
        }
    }

    /** Runs {@code query} on the event loop and waits for it, so callers see a consistent state. */
    <T> T inspect(Callable<T> query) {
        try {
            return loop.submit(query).get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("bridge loop did not answer", e);
        }
    }

    /** What the last failed probe found on the line (see {@link BorderRouterSession}), for tests. */
    java.util.Optional<String> probeDiagnosis() {
        return inspect(session::diagnosis);
    }

    /** Where the session is. */
    public BorderRouterSession.State state() {
        return inspect(session::state);
    }

    public BridgeStats stats() {
        return stats;
    }

    /** Motes in the source-routing table. */
    public int knownMotes() {
        return inspect(() -> mesh.knownMotes());
    }

    /** The periodic status line: root state, motes known, packets up/down, CRC errors, drops by reason. */
    public String statusLine() {
        return inspect(this::statusLineNow);
    }

    private String statusLineNow() {
        return "bridge: " + session.describe() + ", motes " + mesh.knownMotes() + ", "
                + stats.summary();
    }

    @Override
    public void close() {
        channel.close();
        uplink.close();
        if (ownsLoop) {
            loop.shutdownNow();
            try {
                loop.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        capture.close();
    }

    /** Builds a {@link Bridge}; only the uplink is required besides the config. */
    public static final class Builder {
        private final BridgeConfig config;
        private Uplink uplink;
        private Clock clock = Clock.systemUTC();
        private Random random;
        private ScheduledExecutorService loop;
        private LinkOpener opener;
        private Consumer<String> console = s -> LOG.info(s);
        private BorderRouterSession.Timing timing = BorderRouterSession.Timing.DEFAULT;
        private Function<PledgeId, JumpAheadSequence.Store> sequences = SequenceFiles.inMemory();
        private Function<PledgeId, SequenceFiles.WindowStore> windows = SequenceFiles.windowsInMemory();

        private Builder(BridgeConfig config) {
            this.config = Objects.requireNonNull(config, "config");
        }

        public Builder uplink(Uplink u) {
            this.uplink = u;
            return this;
        }

        public Builder clock(Clock c) {
            this.clock = c;
            return this;
        }

        /** Source of probe bytes, tokens and message IDs; a SecureRandom by default. */
        public Builder random(Random r) {
            this.random = r;
            return this;
        }

        /** An event loop to run on (tests); by default the bridge owns a single-thread one. */
        public Builder loop(ScheduledExecutorService l) {
            this.loop = l;
            return this;
        }

        /** Overrides how the serial line is opened (tests, in-process emulator); default: the config's spec. */
        public Builder serial(LinkOpener o) {
            this.opener = o;
            return this;
        }

        /** Shorter retry timers, for tests. */
        Builder timing(BorderRouterSession.Timing t) {
            this.timing = t;
            return this;
        }

        /**
         * Where the bridge keeps the sequence numbers of its own Join Requests across restarts (the CLI uses
         * {@link SequenceFiles#in}); by default only in memory, which is right only for a bridge that never restarts
         * under the same PSK.
         */
        public Builder sequences(Function<PledgeId, JumpAheadSequence.Store> s) {
            this.sequences = Objects.requireNonNull(s);
            return this;
        }

        /** Where the bridge keeps its replay window for the JRC's Parameter Updates (the CLI: a state file). */
        public Builder replayWindows(Function<PledgeId, SequenceFiles.WindowStore> w) {
            this.windows = Objects.requireNonNull(w);
            return this;
        }

        /** Where status lines and mote output go (stdout in the CLI). */
        public Builder console(Consumer<String> c) {
            this.console = c;
            return this;
        }

        public Bridge build() throws IOException {
            Objects.requireNonNull(uplink, "uplink");
            if (random == null) {
                random = new SecureRandom();
            }
            return new Bridge(this);
        }
    }
}
