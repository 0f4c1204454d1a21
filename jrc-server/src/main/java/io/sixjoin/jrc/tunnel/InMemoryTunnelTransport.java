package io.sixjoin.jrc.tunnel;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link TunnelTransport} for radio bridges in the same JVM as the JRC ({@code sixjoin demo}): a bridge calls
 * {@link #deliverFromBridge} with each IPv6 packet it would have tunnelled and {@link #attach}es a callback for
 * the packets coming down; several bridges share one transport, each under its own id, as several UDP bridges
 * share one socket. Both directions go through bounded queues drained by threads of this transport, one for the
 * way up (the connector's receiver, like the UDP socket's) and one per attached bridge for the way down, so a
 * bridge's event loop never runs JRC code and Californium never runs bridge code, and neither waits for the
 * other. A full queue drops the packet and the connector counts it as {@link TunnelStats.Drop#QUEUE_FULL},
 * which is what a full socket buffer would do without the counting.
 */
public final class InMemoryTunnelTransport implements TunnelTransport {
    /** Packets each queue holds: a few join bursts of a busy PAN, far more than a healthy JRC ever lags. */
    public static final int DEFAULT_QUEUE_CAPACITY = 256;

    private static final Logger LOG = LoggerFactory.getLogger(InMemoryTunnelTransport.class);

    private final int queueCapacity;
    private final ConcurrentMap<SocketAddress, Attachment> bridges = new ConcurrentHashMap<>();
    private volatile Pump<Arrival> upstream;

    /** A bridge id as the connector's route table sees it; also what log lines show. */
    private static final class BridgeAddress extends SocketAddress {
        private static final long serialVersionUID = 1L;
        private final String id;

        BridgeAddress(String id) {
            this.id = Objects.requireNonNull(id, "bridgeId");
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof BridgeAddress other && other.id.equals(id);
        }

        @Override
        public int hashCode() {
            return id.hashCode();
        }

        @Override
        public String toString() {
            return "inproc:" + id;
        }
    }

    private record Arrival(BridgeAddress bridge, byte[] packet) {
    }

    /** Uses {@link #DEFAULT_QUEUE_CAPACITY}. */
    public InMemoryTunnelTransport() {
        this(DEFAULT_QUEUE_CAPACITY);
    }

    /** @param queueCapacity packets each direction may hold per queue before dropping */
    public InMemoryTunnelTransport(int queueCapacity) {
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("queueCapacity " + queueCapacity + " must be positive");
        }
        this.queueCapacity = queueCapacity;
    }

    /**
     * Sends one IPv6 packet up from bridge {@code bridgeId}, as its tunnel datagram would; never blocks.
     *
     * @return false if the connector is not running or its queue is full (the latter is counted)
     */
    public boolean deliverFromBridge(String bridgeId, byte[] ipv6) {
        BridgeAddress bridge = new BridgeAddress(bridgeId);
        Objects.requireNonNull(ipv6, "ipv6");
        Pump<Arrival> pump = upstream;
        if (pump == null) {
            return false;
        }
        // A copy, as a socket would make: the bridge may reuse its array once this returns.
        return pump.offer(new Arrival(bridge, Arrays.copyOf(ipv6, ipv6.length)));
    }

    /**
     * Registers bridge {@code bridgeId}: packets the JRC sends it are passed to {@code downstream} on a thread
     * of the attachment, one at a time, until the attachment is closed.
     *
     * @throws IllegalStateException if another bridge is attached under the same id
     */
    public Attachment attach(String bridgeId, Consumer<byte[]> downstream) {
        BridgeAddress bridge = new BridgeAddress(bridgeId);
        Objects.requireNonNull(downstream, "downstream");
        Attachment attachment = new Attachment(bridge, downstream, queueCapacity);
        if (bridges.putIfAbsent(bridge, attachment) != null) {
            throw new IllegalStateException("bridge id '" + bridgeId + "' is already attached");
        }
        attachment.pump.start();
        return attachment;
    }

    @Override
    public synchronized InetSocketAddress open(TunnelConfig config, Inbound inbound) {
        Objects.requireNonNull(inbound, "inbound");
        if (upstream != null) {
            throw new IllegalStateException("already open");
        }
        Pump<Arrival> pump = new Pump<>("sixjoin-tunnel-rx-inproc", queueCapacity,
                a -> inbound.fromBridge(a.bridge(), a.packet(), 0, a.packet().length),
                a -> inbound.overflowed(a.bridge()));
        pump.start();
        upstream = pump;
        // Nothing is bound; the configured address only names this connector to Californium and in logs.
        return config.bindAddress();
    }

    @Override
    public boolean send(SocketAddress bridge, byte[] packet) throws IOException {
        Attachment attachment = bridges.get(bridge);
        if (attachment == null) {
            throw new IOException("no in-process bridge " + bridge + " is attached");
        }
        return attachment.pump.offer(packet);
    }

    @Override
    public void close() {
        Pump<Arrival> pump;
        synchronized (this) {
            pump = upstream;
            upstream = null;
        }
        if (pump != null) {
            pump.stop();
        }
    }

    @Override
    public String describe() {
        return "in-process, " + bridges.size() + " bridge(s) attached";
    }

    /**
     * One bridge's registration; closing it detaches the bridge and ends its delivery thread. Packets still
     * queued are discarded, as they would be by a bridge that closed its socket.
     */
    public final class Attachment implements AutoCloseable {
        private final BridgeAddress bridge;
        private final Pump<byte[]> pump;

        private Attachment(BridgeAddress bridge, Consumer<byte[]> downstream, int capacity) {
            this.bridge = bridge;
            this.pump = new Pump<>("sixjoin-tunnel-down-" + bridge.id, capacity, downstream, p -> {
                // The connector counts this one: send() reports the refusal.
            });
        }

        /** The id this bridge was attached under. */
        public String bridgeId() {
            return bridge.id;
        }

        @Override
        public void close() {
            bridges.remove(bridge, this);
            pump.stop();
        }
    }

    /** A bounded queue and the one daemon thread that drains it into a handler that must not stop it. */
    private static final class Pump<T> {
        private final BlockingQueue<T> queue;
        private final Consumer<T> handler;
        private final Consumer<T> overflow;
        private final Thread thread;
        private volatile boolean running = true;

        Pump(String name, int capacity, Consumer<T> handler, Consumer<T> overflow) {
            this.queue = new ArrayBlockingQueue<>(capacity);
            this.handler = handler;
            this.overflow = overflow;
            this.thread = new Thread(this::drain, name);
            thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        boolean offer(T item) {
            if (!running) {
                return false;
            }
            if (queue.offer(item)) {
                return true;
            }
            overflow.accept(item);
            return false;
        }

        private void drain() {
            while (running) {
                T item;
                try {
                    // Timed, so a handler that swallowed stop()'s interrupt cannot leave the thread parked.
                    item = queue.poll(1, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    continue; // stop() interrupts; the loop condition decides
                }
                if (item == null) {
                    continue;
                }
                try {
                    handler.accept(item);
                } catch (RuntimeException e) {
                    LOG.error("{} handler failed; packet dropped", thread.getName(), e);
                }
            }
        }

        void stop() {
            running = false;
            thread.interrupt();
            queue.clear();
            if (Thread.currentThread() != thread) {
                try {
                    thread.join(1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
