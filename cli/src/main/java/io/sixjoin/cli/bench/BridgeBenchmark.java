package io.sixjoin.cli.bench;

import io.sixjoin.bridge.Bridge;
import io.sixjoin.bridge.BorderRouterSession;
import io.sixjoin.bridge.BridgeConfig;
import io.sixjoin.bridge.BridgeStats;
import io.sixjoin.bridge.serial.JSerialCommLink;
import io.sixjoin.bridge.serial.SerialLink;
import io.sixjoin.bridge.serial.TcpSerialLink;
import io.sixjoin.bridge.uplink.TunnelUplink;
import io.sixjoin.stack.cojp.PledgeId;
import io.sixjoin.stack.hdlc.HdlcDecoder;
import io.sixjoin.stack.hdlc.XonXoffFilter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * {@code bench bridge}: frames/s through the whole bridge (serial read, XON/XOFF and HDLC de-framing, frame
 * parsing, 6LoWPAN decompression, IPv6 encoding and the UDP tunnel uplink) for each {@link Scenario}, with a
 * scripted border-router mote on the serial side ({@link BridgeBenchMote}) and the tunnel's far end on the other
 * ({@link BridgeBenchJrc}). The bridge is the production one, made root by its own probe, 6LBR join and SETROOT.
 * Each frame's added latency runs from the return of the write that put its last byte on the line to its
 * arrival at the far end. Paced scenarios offer exactly the UART bound computed from the frames actually sent.
 */
final class BridgeBenchmark {
    /** Where the bytes travel and how fast they are offered. */
    enum Transport { PTY, TCP }

    /**
     * One measured configuration.
     *
     * @param paceBaud the UART rate the writer imitates, or 0 to write as fast as the line takes bytes
     */
    record Scenario(String name, Transport transport, int paceBaud, boolean lineOnly) {
        Scenario(String name, Transport transport, int paceBaud) {
            this(name, transport, paceBaud, false);
        }

        boolean paced() {
            return paceBaud > 0;
        }

        /** The same line with a plain reader instead of the bridge: the latency the host adds by itself. */
        Scenario baseline() {
            return new Scenario(name + " line only", transport, paceBaud, true);
        }
    }

    static final List<Scenario> ALL = List.of(
            new Scenario("pty@115200", Transport.PTY, 115_200),
            new Scenario("pty@921600", Transport.PTY, 921_600),
            new Scenario("pty unpaced", Transport.PTY, 0),
            new Scenario("tcp unpaced", Transport.TCP, 0));

    /** Not reported: a whole-bridge JIT warm-up over TCP at about 14,000 frames/s. */
    static final Scenario JIT_WARMUP = new Scenario("jit warm-up", Transport.TCP, 16_000_000);

    /** The baud rate the bridge opens the pty with; the kernel ignores it. */
    static final int BRIDGE_BAUD = 921_600;
    /** Frames an unpaced writer may have in flight: some 40-80 ms of the bridge's work at its ceiling. */
    static final int UNPACED_WINDOW = 4096;
    /** A frame slower than this misses the latency goal. */
    static final long SLOW_NANOS = 1_000_000;
    static final long EPISODE_GAP_NANOS = 20_000_000;
    /** Longest wait for packets still in flight after the last write, as long as some keep arriving. */
    static final long DRAIN_IDLE_NANOS = TimeUnit.SECONDS.toNanos(2);

    record Settings(double warmupSeconds, double seconds, List<Scenario> scenarios, int maxFrames) {
    }

    /**
     * What one scenario measured; latencies in microseconds. {@code written}, {@code delivered} and the rate are
     * over the measured window; {@code lost} counts every frame of the run, warm-up included, that never arrived.
     */
    record Result(Scenario scenario, long written, long delivered, long lost, long corrupt, double framesPerSecond,
            double boundFramesPerSecond, long p50Micros, long p99Micros, long maxMicros, long crcErrors,
            long lineErrors, String drops, boolean capped, double seconds, long writtenTotal, long forwarded,
            long udpReceiveBufferErrors, CpuWindow.Usage cpu, long slowFrames, long slowEpisodes) {
        double ratioToBound() {
            return framesPerSecond / boundFramesPerSecond;
        }
    }

    private final Settings settings;
    private final Consumer<String> progress;
    private final BridgeWorkload workload;

    BridgeBenchmark(Settings settings, BridgeWorkload workload, Consumer<String> progress) {
        this.settings = settings;
        this.workload = workload;
        this.progress = progress;
    }

    List<Result> run() throws IOException, InterruptedException {
        List<Result> results = new ArrayList<>();
        long[] written = new long[settings.maxFrames()];
        long[] arrived = new long[settings.maxFrames()];
        progress.accept("  JIT warm-up through a whole bridge...");
        warmUpJit();
        for (Scenario s : settings.scenarios()) {
            Arrays.fill(written, 0);
            Arrays.fill(arrived, 0);
            Result r = runOne(s, written, arrived);
            report(r);
            results.add(r);
            if (s.paced() && s.transport() == Transport.PTY) {
                Arrays.fill(written, 0);
                Arrays.fill(arrived, 0);
                Result b = runLineOnly(s.baseline(), written, arrived, Math.min(1, settings.warmupSeconds()),
                        settings.seconds() / 2);
                report(b);
                results.add(b);
            }
        }
        return results;
    }

    private void report(Result r) {
        Scenario s = r.scenario();
        progress.accept(String.format(Locale.ROOT, "  %-21s %9.0f frames/s (%7.1f%% of the %s bound), lost %d,"
                + " p50 %d us, p99 %d us", s.name(), r.framesPerSecond(), 100 * r.ratioToBound(),
                s.paced() ? s.paceBaud() + " Bd" : BRIDGE_BAUD + " Bd", r.lost(), r.p50Micros(), r.p99Micros()));
    }

    /**
     * The baseline for added latency: the same paced frames through the same socat pty pair, read on the bridge's
     * end by a plain thread through the same jSerialComm link and de-framed, with no bridge, uplink or far end.
     * What it shows (socat's relay, thread wake-ups, other processes' share of the cores) is the host's, and the
     * bridge's added latency is the difference.
     */
    private Result runLineOnly(Scenario s, long[] written, long[] arrived, double warmupSeconds, double seconds)
            throws IOException, InterruptedException {
        System.gc();
        Path dir = Files.createTempDirectory("sixjoin-bench-bridge");
        BridgeBenchLine line = BridgeBenchLine.pty(dir);
        try (line) {
            SerialLink bridgeEnd = JSerialCommLink.open(line.bridgeSpec(), BRIDGE_BAUD);
            SerialLink moteEnd = line.moteEnd();
            AtomicLong frames = new AtomicLong();
            Thread reader = new Thread(() -> {
                byte[] buf = new byte[512];
                HdlcDecoder decoder = new HdlcDecoder();
                XonXoffFilter filter = new XonXoffFilter();
                XonXoffFilter.Sink sink = new XonXoffFilter.Sink() {
                    @Override
                    public void data(byte[] bytes, int offset, int length) {
                        decoder.feed(bytes, offset, length, e -> {
                            if (e instanceof HdlcDecoder.Frame) {
                                long k = frames.get();
                                if (k < arrived.length) {
                                    arrived[(int) k] = System.nanoTime();
                                }
                                frames.incrementAndGet();
                            }
                        });
                    }

                    @Override
                    public void flowControl(XonXoffFilter.FlowControl signal) {
                    }
                };
                while (!Thread.currentThread().isInterrupted()) {
                    int n;
                    try {
                        n = bridgeEnd.read(buf, 0, buf.length, 100);
                    } catch (IOException e) {
                        return;
                    }
                    if (n > 0) {
                        filter.feed(buf, 0, n, sink);
                    }
                }
            }, "bench-line-reader");
            reader.setDaemon(true);
            reader.start();
            try {
                CpuWindow cpu = new CpuWindow(line.helperPid());
                Writer w = write(s, moteEnd::write, written, warmupSeconds, seconds);
                long idleSince = System.nanoTime();
                long last = frames.get();
                while (frames.get() < w.count() && System.nanoTime() - idleSince < DRAIN_IDLE_NANOS) {
                    Thread.sleep(20);
                    if (frames.get() != last) {
                        last = frames.get();
                        idleSince = System.nanoTime();
                    }
                }
                CpuWindow.Usage usage = cpu.stop();
                reader.interrupt();
                reader.join(1000);
                return summarise(s, w, written, arrived, 0, 0, 0, "n/a", frames.get(), -1, usage);
            } finally {
                reader.interrupt();
                bridgeEnd.close();
                moteEnd.close();
            }
        } finally {
            deleteQuietly(dir);
        }
    }

    /** Where the writer puts each frame. */
    interface FrameSink {
        void write(byte[] wire) throws IOException;
    }

    /**
     * Pushes some 20,000 frames through a whole bridge before anything is measured, so the paced scenarios (which
     * see only about 100 frames/s) measure code the JIT has compiled, as in a bridge that has run for a while.
     */
    void warmUpJit() throws IOException, InterruptedException {
        long[] written = new long[1 << 16];
        long[] arrived = new long[1 << 16];
        runOne(JIT_WARMUP, written, arrived, 0, Math.min(2.0, settings.warmupSeconds() + 1));
    }

    private Result runOne(Scenario s, long[] written, long[] arrived) throws IOException, InterruptedException {
        return runOne(s, written, arrived, settings.warmupSeconds(), settings.seconds());
    }

    private Result runOne(Scenario s, long[] written, long[] arrived, double warmupSeconds, double seconds)
            throws IOException, InterruptedException {
        // The previous scenario's garbage (an unpaced run leaves a large backlog behind) is collected now, not
        // during this one.
        System.gc();
        Path dir = Files.createTempDirectory("sixjoin-bench-bridge");
        BridgeBenchLine line = s.transport() == Transport.PTY ? BridgeBenchLine.pty(dir) : BridgeBenchLine.tcp();
        PledgeId bridgeId = PledgeId.of(BridgeWorkload.bytes(BridgeWorkload.ROOT_EUI));
        BridgeConfig config = BridgeConfig.of(line.bridgeSpec(), BridgeWorkload.BRIDGE_PSK).withBaud(BRIDGE_BAUD)
                .withPledgeId(bridgeId).withStatusInterval(Duration.ZERO);
        try (line; BridgeBenchJrc jrc = new BridgeBenchJrc(workload, bridgeId, config.jrcAddress(), arrived)) {
            Bridge bridge = Bridge.builder(config).uplink(new TunnelUplink(jrc.address(), null))
                    .console(text -> { }).build().start();
            BridgeBenchMote mote = null;
            try {
                mote = new BridgeBenchMote(line.moteEnd());
                awaitRoot(bridge, s);
                mote.quiet();
                Thread.sleep(150);
                long udpErrorsBefore = udpReceiveBufferErrors();
                long upBefore = bridge.stats().packetsUp();
                CpuWindow cpu = new CpuWindow(line.helperPid());
                Writer w = write(s, mote::write, written, warmupSeconds, seconds, jrc::delivered);
                drain(jrc, w.count());
                CpuWindow.Usage usage = cpu.stop();
                long udpErrors = udpErrorsBefore < 0 ? -1 : udpReceiveBufferErrors() - udpErrorsBefore;
                BridgeStats stats = bridge.stats();
                String drops = stats.dropsByReason().isEmpty() ? "none" : stats.dropsByReason().toString();
                long forwarded = stats.packetsUp() - upBefore;
                long crc = stats.crcErrors();
                long lineErrors = stats.lineErrors();
                jrc.close();
                return summarise(s, w, written, arrived, jrc.corrupt(), crc, lineErrors, drops, forwarded,
                        udpErrors, usage);
            } finally {
                // the bridge goes first, so it does not report the mote's end closing as a lost line
                bridge.close();
                if (mote != null) {
                    mote.close();
                }
            }
        } finally {
            deleteQuietly(dir);
        }
    }

    /**
     * This host's count of UDP datagrams dropped because a socket's receive buffer was full (Linux
     * {@code /proc/net/snmp}), or -1 where it cannot be read. During a scenario the only busy UDP socket is the
     * far end's, so a rise there is loss on the loopback hop, not in the bridge.
     */
    static long udpReceiveBufferErrors() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/net/snmp"));
            for (int i = 0; i + 1 < lines.size(); i++) {
                if (lines.get(i).startsWith("Udp:") && lines.get(i + 1).startsWith("Udp:")) {
                    List<String> names = List.of(lines.get(i).split("\\s+"));
                    String[] values = lines.get(i + 1).split("\\s+");
                    int at = names.indexOf("RcvbufErrors");
                    return at < 0 ? -1 : Long.parseLong(values[at]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: the column says "n/a"
        }
        return -1;
    }

    private static void awaitRoot(Bridge bridge, Scenario s) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (bridge.state() != BorderRouterSession.State.ROOT) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(s.name() + ": the bridge did not make the mote root in 20 s ("
                        + bridge.statusLine() + ")");
            }
            Thread.sleep(20);
        }
    }

    /** The writer's outcome: frames written, and which of them fall in the measured window. */
    record Writer(long count, long firstMeasured, long endMeasured, boolean capped, long startNanos) {
    }

    private Writer write(Scenario s, FrameSink mote, long[] written, double warmupSeconds, double seconds)
            throws IOException {
        return write(s, mote, written, warmupSeconds, seconds, () -> Long.MAX_VALUE / 2);
    }

    /**
     * Writes frames until the scenario's time is up: paced ones when the UART would have finished sending them,
     * unpaced ones as fast as the line takes them but never more than {@link #UNPACED_WINDOW} ahead of what has
     * arrived at the far end. The window exists because the bridge has no backpressure between its serial reader
     * and its event loop: without it the backlog (and the "latency") grows with the run's length, and the run's
     * memory and drain time with it.
     */
    private Writer write(Scenario s, FrameSink mote, long[] written, double warmupSeconds, double seconds,
            LongSupplier arrivedSoFar) throws IOException {
        long warmupNanos = (long) (warmupSeconds * 1e9);
        long runNanos = warmupNanos + (long) (seconds * 1e9);
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1);
        long bytes = 0;
        long firstMeasured = -1;
        long i = 0;
        int cap = written.length;
        while (i < cap) {
            byte[] frame = workload.frame(i);
            bytes += frame.length;
            long due = s.paced() ? BridgePacing.dueNanos(start, bytes, s.paceBaud()) : System.nanoTime();
            if (due - start >= runNanos) {
                break;
            }
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                // parkNanos oversleeps by tens of microseconds; the absolute schedule absorbs it
                LockSupport.parkNanos(wait);
            }
            if (!s.paced()) {
                long blockedSince = System.nanoTime();
                // a frame lost downstream would hold the window shut for good; after a second, write on
                while (i - arrivedSoFar.getAsLong() >= UNPACED_WINDOW
                        && System.nanoTime() - blockedSince < 1_000_000_000L) {
                    LockSupport.parkNanos(20_000);
                }
            }
            mote.write(frame);
            long now = System.nanoTime();
            written[(int) i] = now;
            if (firstMeasured < 0 && now - start >= warmupNanos) {
                firstMeasured = i;
            }
            i++;
        }
        return new Writer(i, firstMeasured < 0 ? i : firstMeasured, i, i == cap, start);
    }

    private static void drain(BridgeBenchJrc jrc, long expected) throws InterruptedException {
        long last = jrc.delivered();
        long idleSince = System.nanoTime();
        while (jrc.delivered() + jrc.corrupt() < expected && System.nanoTime() - idleSince < DRAIN_IDLE_NANOS) {
            Thread.sleep(20);
            long now = jrc.delivered();
            if (now != last) {
                last = now;
                idleSince = System.nanoTime();
            }
        }
    }

    private Result summarise(Scenario s, Writer w, long[] written, long[] arrived, long corrupt, long crc,
            long lineErrors, String drops, long forwarded, long udpErrors, CpuWindow.Usage usage) {
        LatencyHistogram latency = new LatencyHistogram();
        long delivered = 0;
        long firstArrival = Long.MAX_VALUE;
        long lastArrival = Long.MIN_VALUE;
        long max = 0;
        long slow = 0;
        long episodes = 0;
        long lastSlowWrite = 0;
        for (long i = w.firstMeasured(); i < w.endMeasured(); i++) {
            long a = arrived[(int) i];
            if (a == 0) {
                continue;
            }
            if (a - written[(int) i] > SLOW_NANOS) {
                slow++;
                // Slow frames written close together share one cause (one stall of some thread in the chain);
                // many episodes would point at the code, a few long ones at the host's scheduler.
                if (slow == 1 || written[(int) i] - lastSlowWrite > EPISODE_GAP_NANOS) {
                    episodes++;
                }
                lastSlowWrite = written[(int) i];
            }
            delivered++;
            // A packet can beat the writer's own clock read after write() returned; that is zero added latency.
            long d = Math.max(0, a - written[(int) i]);
            latency.record(d);
            max = Math.max(max, d);
            firstArrival = Math.min(firstArrival, a);
            lastArrival = Math.max(lastArrival, a);
        }
        long deliveredAll = 0;
        for (long i = 0; i < w.count(); i++) {
            if (arrived[(int) i] != 0) {
                deliveredAll++;
            }
        }
        long measured = w.endMeasured() - w.firstMeasured();
        double span = (lastArrival - firstArrival) / 1e9;
        double fps = delivered > 1 && span > 0 ? (delivered - 1) / span : 0;
        int boundBaud = s.paced() ? s.paceBaud() : BRIDGE_BAUD;
        double bound = BridgePacing.boundFramesPerSecond(boundBaud, workload.meanWireBytes);
        return new Result(s, measured, delivered, w.count() - deliveredAll, corrupt, fps, bound,
                latency.percentileMicros(0.5), latency.percentileMicros(0.99), max / 1000, crc, lineErrors, drops,
                w.capped(), span, w.count(), forwarded, udpErrors, usage, slow, episodes);
    }

    private static void deleteQuietly(Path dir) {
        try (var files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(p);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // a leftover empty temp directory is harmless
        }
    }

    /** The serial line of one scenario: a socat pty pair, or a loopback TCP connection the bridge makes. */
    abstract static class BridgeBenchLine implements AutoCloseable {
        abstract String bridgeSpec();

        /** The mote's end, once the bridge has opened its own. */
        abstract SerialLink moteEnd() throws IOException;

        /** The relay process the line needs (socat), whose CPU is the bench's, not the rest of the machine's. */
        long helperPid() {
            return -1;
        }

        @Override
        public abstract void close();

        static BridgeBenchLine pty(Path dir) throws IOException, InterruptedException {
            Path a = dir.resolve("bridge");
            Path b = dir.resolve("mote");
            Process socat;
            try {
                socat = new ProcessBuilder("socat", "-d", "-d", "pty,raw,echo=0,link=" + a,
                        "pty,raw,echo=0,link=" + b).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            } catch (IOException e) {
                throw new IOException("cannot start socat (install it, e.g. apt-get install socat): "
                        + e.getMessage(), e);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!(Files.exists(a) && Files.exists(b))) {
                if (System.nanoTime() > deadline || !socat.isAlive()) {
                    socat.destroy();
                    throw new IOException("socat did not create the pty pair " + a + " / " + b);
                }
                Thread.sleep(10);
            }
            return new BridgeBenchLine() {
                @Override
                String bridgeSpec() {
                    return a.toString();
                }

                @Override
                SerialLink moteEnd() throws IOException {
                    return JSerialCommLink.open(b.toString(), BRIDGE_BAUD);
                }

                @Override
                long helperPid() {
                    return socat.pid();
                }

                @Override
                public void close() {
                    socat.destroy();
                    try {
                        if (!socat.waitFor(3, TimeUnit.SECONDS)) {
                            socat.destroyForcibly();
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            };
        }

        static BridgeBenchLine tcp() throws IOException {
            ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            server.setSoTimeout(10_000);
            return new BridgeBenchLine() {
                @Override
                String bridgeSpec() {
                    return "tcp://127.0.0.1:" + server.getLocalPort();
                }

                @Override
                SerialLink moteEnd() throws IOException {
                    Socket s = server.accept();
                    return TcpSerialLink.of(s, "bench mote");
                }

                @Override
                public void close() {
                    try {
                        server.close();
                    } catch (IOException e) {
                        // nothing to release
                    }
                }
            };
        }
    }

    /**
     * CPU spent during one scenario, in cores: this JVM (bridge and bench together, they share it), the socat
     * relay of a pty line, and everything else on the machine; plus this JVM's GC time. Another build or
     * benchmark on a shared 2-core host shows up as "others" and explains latency tails better than any code.
     */
    static final class CpuWindow {
        record Usage(double ownCores, double relayCores, double otherCores, long gcMillis) {
        }

        private final long helperPid;
        private final long wallStart = System.nanoTime();
        private final long ownStart = processCpuNanos();
        private final long relayStart;
        private final long systemStart = SystemCpu.busyNanos();
        private final long gcStart = gcMillis();

        CpuWindow(long helperPid) {
            this.helperPid = helperPid;
            this.relayStart = pidCpuNanos(helperPid);
        }

        Usage stop() {
            double wall = System.nanoTime() - wallStart;
            long own = processCpuNanos();
            long relay = pidCpuNanos(helperPid);
            long system = SystemCpu.busyNanos();
            double ownCores = ownStart < 0 || own < 0 ? Double.NaN : (own - ownStart) / wall;
            double relayCores = relayStart < 0 || relay < 0 ? 0 : (relay - relayStart) / wall;
            // /proc/stat counts in 10 ms ticks: a small negative remainder is rounding, not negative load
            double others = systemStart < 0 || system < 0 || Double.isNaN(ownCores) ? Double.NaN
                    : Math.max(0, (system - systemStart) / wall - ownCores - relayCores);
            return new Usage(ownCores, relayCores, others, gcMillis() - gcStart);
        }

        private static long processCpuNanos() {
            if (ManagementFactory.getOperatingSystemMXBean()
                    instanceof com.sun.management.OperatingSystemMXBean os) {
                return os.getProcessCpuTime();
            }
            return -1;
        }

        private static long gcMillis() {
            long sum = 0;
            for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                sum += Math.max(0, gc.getCollectionTime());
            }
            return sum;
        }

        /** utime + stime of a process from {@code /proc/PID/stat}, or -1. */
        static long pidCpuNanos(long pid) {
            if (pid <= 0) {
                return -1;
            }
            try {
                String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                // the command name is in parentheses and may contain spaces: count fields after the last ')'
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000_000L;
            } catch (IOException | RuntimeException e) {
                return -1;
            }
        }
    }
}
