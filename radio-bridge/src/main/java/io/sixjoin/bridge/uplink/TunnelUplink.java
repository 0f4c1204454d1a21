package io.sixjoin.bridge.uplink;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link Uplink} to a remote JRC's tunnel endpoint ({@code sixjoin jrc --tunnel}): each IPv6 packet travels as
 * the whole payload of one UDP datagram, in both directions. The socket is connected to the JRC, so the kernel
 * discards datagrams from anyone else; what arrives is size-checked (at most 2047 bytes, the largest datagram an
 * RFC 4944 fragment header can describe, and at least an IPv6 header) and handed down on a single receiver
 * thread that survives a failing handler. The JRC learns which bridge serves which /64 from the source of our
 * datagrams, so nothing else needs configuring on its side.
 */
public final class TunnelUplink implements Uplink {
    /** RFC 4944 §5.3: 11-bit datagram_size; the JRC tunnel uses the same bound. */
    public static final int MAX_PACKET_SIZE = 2047;
    static final int IPV6_HEADER_LENGTH = 40;

    private static final Logger LOG = LoggerFactory.getLogger(TunnelUplink.class);

    private final InetSocketAddress jrc;
    private final DatagramSocket socket;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private volatile boolean running;
    private Thread receiver;

    /**
     * Opens a socket connected to {@code jrc}, bound to {@code local} (null: any address, a free port).
     *
     * @throws IOException if the socket cannot be opened
     */
    public TunnelUplink(InetSocketAddress jrc, InetSocketAddress local) throws IOException {
        this.jrc = Objects.requireNonNull(jrc, "jrc");
        if (jrc.isUnresolved()) {
            throw new IOException("--jrc-tunnel " + jrc.getHostString() + ": unknown host");
        }
        this.socket = local == null ? new DatagramSocket() : new DatagramSocket(local);
        try {
            socket.connect(jrc);
        } catch (SocketException e) {
            socket.close();
            throw e;
        }
    }

    @Override
    public synchronized void start(Consumer<byte[]> downstream) {
        Objects.requireNonNull(downstream, "downstream");
        if (running) {
            throw new IllegalStateException("already started");
        }
        running = true;
        receiver = new Thread(() -> receiveLoop(downstream), "sixjoin-bridge-uplink-rx");
        receiver.setDaemon(true);
        receiver.start();
        LOG.info("uplink: tunnel to JRC {} from {}", jrc, socket.getLocalSocketAddress());
    }

    private void receiveLoop(Consumer<byte[]> downstream) {
        byte[] buffer = new byte[MAX_PACKET_SIZE + 1];
        DatagramPacket datagram = new DatagramPacket(buffer, buffer.length);
        while (running) {
            try {
                datagram.setData(buffer);
                socket.receive(datagram);
            } catch (IOException e) {
                if (running) {
                    // ICMP port unreachable from a JRC that is not up yet lands here on a connected socket.
                    LOG.debug("uplink receive: {}", e.toString());
                }
                continue;
            }
            int length = datagram.getLength();
            if (length > MAX_PACKET_SIZE || length < IPV6_HEADER_LENGTH || (buffer[0] & 0xF0) != 0x60) {
                rejected.incrementAndGet();
                LOG.debug("uplink drops a {}-byte datagram that is not an IPv6 packet we carry", length);
                continue;
            }
            received.incrementAndGet();
            try {
                downstream.accept(Arrays.copyOf(buffer, length));
            } catch (RuntimeException e) {
                LOG.error("downstream handler failed; packet dropped", e);
            }
        }
    }

    @Override
    public void send(byte[] ipv6Packet) throws IOException {
        if (ipv6Packet.length > MAX_PACKET_SIZE) {
            throw new IOException(ipv6Packet.length + "-byte packet exceeds the tunnel's " + MAX_PACKET_SIZE
                    + "-byte limit");
        }
        try {
            socket.send(new DatagramPacket(ipv6Packet, ipv6Packet.length));
            sent.incrementAndGet();
        } catch (IOException e) {
            throw new IOException("uplink to " + jrc + ": " + e.getMessage()
                    + " (is 'sixjoin jrc --tunnel' running there?)", e);
        }
    }

    /** Datagrams sent, received and rejected as not IPv6, for the status line. */
    public long sent() {
        return sent.get();
    }

    public long received() {
        return received.get();
    }

    public long rejected() {
        return rejected.get();
    }

    /** The local socket address, which the JRC sees as this bridge. */
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    @Override
    public String describe() {
        return "udp tunnel to " + jrc;
    }

    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            running = false;
            t = receiver;
            receiver = null;
        }
        socket.close();
        if (t != null) {
            t.interrupt();
            try {
                t.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
