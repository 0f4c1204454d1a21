package io.sixjoin.cli;

import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import io.sixjoin.bridge.uplink.Uplink;
import io.sixjoin.jrc.tunnel.InMemoryTunnelTransport;

/**
 * A bridge {@link Uplink} to a JRC in the same JVM, for {@code sixjoin demo} and tests: packets go up through
 * {@link InMemoryTunnelTransport#deliverFromBridge} and come down through an attachment under this bridge's
 * id, so the JRC's tunnel connector treats the bridge exactly as one behind its UDP socket (routes by /64,
 * answers from the address the mote used, the same counters). It lives in {@code cli} because only this module
 * may see both the bridge and the JRC. The transport owns the threads and the bounded queues on both sides, so
 * {@link #send} never blocks the bridge's event loop and the handler runs on the attachment's thread, never on
 * Californium's. Several bridges may share one transport, each with its own id.
 */
public final class InProcessUplink implements Uplink {
    private final InMemoryTunnelTransport transport;
    private final String bridgeId;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private InMemoryTunnelTransport.Attachment attachment;
    private boolean closed;

    /**
     * @param transport the transport of the JRC's in-memory tunnel connector
     * @param bridgeId  this bridge's name on that transport; unique among the bridges sharing it
     */
    public InProcessUplink(InMemoryTunnelTransport transport, String bridgeId) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.bridgeId = Objects.requireNonNull(bridgeId, "bridgeId");
    }

    /**
     * Attaches this bridge to the transport.
     *
     * @throws IllegalStateException if already started, closed, or another bridge uses the same id
     */
    @Override
    public synchronized void start(Consumer<byte[]> downstream) {
        Objects.requireNonNull(downstream, "downstream");
        if (attachment != null || closed) {
            throw new IllegalStateException(closed ? "closed" : "already started");
        }
        attachment = transport.attach(bridgeId, packet -> {
            received.incrementAndGet();
            downstream.accept(packet);
        });
    }

    /**
     * Queues the packet for the JRC's receiver thread.
     *
     * @throws IOException if the JRC is not running or its queue is full, so the bridge counts the drop
     */
    @Override
    public void send(byte[] ipv6Packet) throws IOException {
        if (!transport.deliverFromBridge(bridgeId, ipv6Packet)) {
            refused.incrementAndGet();
            throw new IOException("in-process JRC took no packet from bridge '" + bridgeId
                    + "': it is not running or its queue is full");
        }
        sent.incrementAndGet();
    }

    /** Packets handed to the JRC. */
    public long sent() {
        return sent.get();
    }

    /** Packets the JRC sent down to this bridge. */
    public long received() {
        return received.get();
    }

    /** Packets the JRC side did not take. */
    public long refused() {
        return refused.get();
    }

    @Override
    public String describe() {
        return "in-process JRC as bridge '" + bridgeId + "'";
    }

    @Override
    public void close() {
        InMemoryTunnelTransport.Attachment a;
        synchronized (this) {
            closed = true;
            a = attachment;
            attachment = null;
        }
        if (a != null) {
            // Outside the lock: closing joins the delivery thread, whose handler must not wait for us.
            a.close();
        }
    }
}
