package io.sixjoin.cli.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * A closed-loop UDP load generator: a fixed number of slots, each its own loopback socket (so its own CoAP peer,
 * with its own Message ID space and deduplication state on the server) with exactly one request outstanding; an
 * answer, or a timeout, immediately frees the slot for the next request. One thread drives every slot through a
 * selector, so on a 2-core machine the generator takes at most one core and the server keeps the other. A warm-up
 * phase runs first (JIT, caches, connection state) and is not counted.
 */
public final class LoadGenerator implements AutoCloseable {
    /** A request unanswered for this long counts as failed and its slot moves on. */
    static final long TIMEOUT_NANOS = 2_000_000_000L;
    private static final long PROGRESS_NANOS = 5_000_000_000L;

    /** What one measurement produced (or several, {@link #combine combined}). */
    public record Outcome(String name, long ok, long failed, long timedOut, double seconds,
            LatencyHistogram latencies, double cpuCores, double otherCores) {
        public double rate() {
            return seconds <= 0 ? 0 : ok / seconds;
        }

        public long p50Micros() {
            return latencies.percentileMicros(0.50);
        }

        public long p99Micros() {
            return latencies.percentileMicros(0.99);
        }

        /** Several measurements of one system as one: counts and time add up, CPU is time-weighted. */
        public static Outcome combine(String name, List<Outcome> parts) {
            LatencyHistogram all = new LatencyHistogram();
            long ok = 0;
            long failed = 0;
            long timedOut = 0;
            double seconds = 0;
            double cpu = 0;
            double others = 0;
            for (Outcome o : parts) {
                all.add(o.latencies());
                ok += o.ok();
                failed += o.failed();
                timedOut += o.timedOut();
                seconds += o.seconds();
                cpu += o.cpuCores() * o.seconds();
                others += o.otherCores() * o.seconds();
            }
            return new Outcome(name, ok, failed, timedOut, seconds, all, seconds == 0 ? 0 : cpu / seconds,
                    seconds == 0 ? 0 : others / seconds);
        }
    }

    private final InetSocketAddress server;
    private final int concurrency;

    public LoadGenerator(InetSocketAddress server, int concurrency) {
        if (concurrency < 1 || concurrency > 256) {
            throw new IllegalArgumentException("concurrency must be 1 to 256 (one 1-byte token per slot), got "
                    + concurrency);
        }
        this.server = server;
        this.concurrency = concurrency;
    }

    private static final class Slot {
        DatagramChannel channel;
        final byte[] token;
        int mid;
        int sentOnChannel;
        Workload.Outgoing outstanding;
        long sentAt;

        Slot(DatagramChannel channel, int index, int firstMid) {
            this.channel = channel;
            this.token = new byte[] {(byte) index};
            this.mid = firstMid;
        }
    }

    /**
     * A socket is retired after this many requests, well before its 16-bit Message IDs wrap: servers remember
     * (peer, Message ID) for EXCHANGE_LIFETIME (247 s) and would answer a reused one from their deduplication
     * cache instead of processing it.
     */
    static final int REQUESTS_PER_SOCKET = 60_000;

    private Slot[] slots;

    /** Closes the generator's sockets; a generator keeps them across runs so Message IDs never restart. */
    @Override
    public void close() {
        if (slots != null) {
            for (Slot s : slots) {
                try {
                    s.channel.close();
                } catch (IOException e) {
                    // closing a UDP socket cannot lose anything we still need
                }
            }
        }
    }

    /**
     * Runs {@code warmupSeconds} uncounted, then {@code measureSeconds} counted, printing a progress line every
     * few seconds through {@code progress}.
     */
    public Outcome run(String name, Workload workload, double warmupSeconds, double measureSeconds,
            Consumer<String> progress) {
        return run(name, workload, warmupSeconds, measureSeconds, Long.MAX_VALUE, progress);
    }

    /**
     * Like {@link #run(String, Workload, double, double, Consumer)}, but sends at most {@code budget} requests and
     * returns as soon as they are all answered (or timed out), whichever comes first.
     */
    public Outcome run(String name, Workload workload, double warmupSeconds, double measureSeconds, long budget,
            Consumer<String> progress) {
        String plan = budget < Long.MAX_VALUE ? budget + " requests"
                : warmupSeconds > 0
                        ? String.format(Locale.ROOT, "%.0f s warm-up, %.0f s measured", warmupSeconds, measureSeconds)
                        : String.format(Locale.ROOT, "%.1f s", measureSeconds);
        progress.accept(name + " on " + server + ": " + plan + ", " + concurrency + " in flight");
        try (Selector selector = Selector.open()) {
            if (slots == null) {
                slots = open();
            }
            for (Slot s : slots) {
                s.channel.register(selector, SelectionKey.OP_READ, s);
            }
            return drive(name, workload, slots, selector, warmupSeconds, measureSeconds, budget, progress);
        } catch (IOException e) {
            throw new UncheckedIOException("load generator socket failed", e);
        }
    }

    private Slot[] open() throws IOException {
        Slot[] out = new Slot[concurrency];
        SplittableRandom random = new SplittableRandom();
        for (int i = 0; i < concurrency; i++) {
            out[i] = new Slot(newChannel(), i, random.nextInt(0x10000));
        }
        return out;
    }

    private DatagramChannel newChannel() throws IOException {
        StandardProtocolFamily family = server.getAddress() instanceof java.net.Inet6Address
                ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET;
        DatagramChannel ch = DatagramChannel.open(family);
        ch.bind(new InetSocketAddress(server.getAddress(), 0));
        ch.connect(server);
        ch.configureBlocking(false);
        return ch;
    }

    private Outcome drive(String name, Workload workload, Slot[] slots, Selector selector, double warmupSeconds,
            double measureSeconds, long budget, Consumer<String> progress) throws IOException {
        long start = System.nanoTime();
        long measureStart = start + (long) (warmupSeconds * 1e9);
        long end = measureStart + (long) (measureSeconds * 1e9);
        LatencyHistogram latencies = new LatencyHistogram();
        long ok = 0;
        long failed = 0;
        long timedOut = 0;
        long nextProgress = start + PROGRESS_NANOS;
        long nextTimeoutScan = start;
        ByteBuffer buffer = ByteBuffer.allocate(2048);
        long[] sent = {0};
        int outstanding = 0;
        for (Slot s : slots) {
            outstanding += send(s, workload, sent, budget, selector);
        }
        long cpuAtStart = -1;
        long systemAtStart = -1;
        long cpuWallStart = 0;
        while (outstanding > 0) {
            long now = System.nanoTime();
            if (now >= end) {
                break;
            }
            if (cpuAtStart < 0 && now >= measureStart) {
                cpuAtStart = processCpuNanos();
                systemAtStart = SystemCpu.busyNanos();
                cpuWallStart = now;
            }
            selector.select(10);
            for (SelectionKey key : selector.selectedKeys()) {
                Slot s = (Slot) key.attachment();
                while (true) {
                    buffer.clear();
                    if (s.channel.receive(buffer) == null) {
                        break;
                    }
                    long received = System.nanoTime();
                    byte[] datagram = Arrays.copyOf(buffer.array(), buffer.position());
                    if (s.outstanding == null || datagram.length < 4 || messageId(datagram) != s.mid) {
                        continue; // late answer to a request that already timed out
                    }
                    boolean good;
                    try {
                        good = workload.verify(s.outstanding, datagram);
                    } catch (RuntimeException e) {
                        good = false;
                    }
                    if (s.sentAt >= measureStart && received <= end) {
                        if (good) {
                            ok++;
                            latencies.record(received - s.sentAt);
                        } else {
                            failed++;
                        }
                    }
                    outstanding += send(s, workload, sent, budget, selector) - 1;
                }
            }
            selector.selectedKeys().clear();
            now = System.nanoTime();
            if (now >= nextTimeoutScan) {
                for (Slot s : slots) {
                    if (s.outstanding != null && now - s.sentAt > TIMEOUT_NANOS) {
                        if (s.sentAt >= measureStart) {
                            timedOut++;
                        }
                        outstanding += send(s, workload, sent, budget, selector) - 1;
                    }
                }
                nextTimeoutScan = now + 100_000_000L;
            }
            if (now >= nextProgress) {
                String phase = now < measureStart ? "warm-up" : "measuring";
                double elapsed = (now - Math.max(start, Math.min(now, measureStart))) / 1e9;
                progress.accept(String.format(Locale.ROOT, "  %-22s %-9s %5.1f s  %9d ok  %d failed  %d timed out", name,
                        phase, now < measureStart ? (now - start) / 1e9 : elapsed, ok, failed, timedOut));
                nextProgress += PROGRESS_NANOS;
            }
        }
        long stop = System.nanoTime();
        double seconds = Math.min(measureSeconds, (stop - measureStart) / 1e9);
        long wall = stop - cpuWallStart;
        double cores = cpuAtStart < 0 || wall <= 0 ? 0 : (processCpuNanos() - cpuAtStart) / (double) wall;
        long systemNow = SystemCpu.busyNanos();
        // /proc/stat ticks are coarse (10 ms), so tiny negative values are rounding, not negative load
        double others = systemAtStart < 0 || systemNow < 0 || wall <= 0 ? Double.NaN
                : Math.max(0, (systemNow - systemAtStart) / (double) wall - cores);
        return new Outcome(name, ok, failed, timedOut, seconds, latencies, cores, others);
    }

    /** Sends the slot's next request, or leaves it idle once the budget is spent; returns 1 if it sent. */
    private int send(Slot s, Workload workload, long[] sent, long budget, Selector selector) throws IOException {
        if (sent[0] >= budget) {
            s.outstanding = null;
            return 0;
        }
        if (++s.sentOnChannel > REQUESTS_PER_SOCKET) {
            s.channel.close();
            s.channel = newChannel();
            s.channel.register(selector, SelectionKey.OP_READ, s);
            s.sentOnChannel = 1;
        }
        sent[0]++;
        s.mid = (s.mid + 1) & 0xffff;
        Workload.Outgoing r = workload.next(s.mid, s.token);
        s.outstanding = r;
        s.sentAt = System.nanoTime();
        s.channel.write(ByteBuffer.wrap(r.datagram()));
        return 1;
    }

    /** CPU time of the whole process (server, generator, JIT and GC): how much of the machine a system used. */
    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    private static int messageId(byte[] datagram) {
        return ((datagram[2] & 0xff) << 8) | (datagram[3] & 0xff);
    }
}
