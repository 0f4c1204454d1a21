package io.sixjoin.jrc.tunnel;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link TunnelTransport} of {@code sixjoin jrc --tunnel}: one UDP socket shared by all remote bridges,
 * each datagram carrying one IPv6 packet, each bridge known by its socket address. One receiver thread reads
 * the socket; sending happens on the caller's thread because a UDP send does not wait for the network, so a
 * sender queue would only add a place to lose messages. Overflow is the kernel's business here: a full socket
 * buffer drops without telling us, so {@link TunnelTransport.Inbound#overflowed} is never called.
 */
final class UdpTunnelTransport implements TunnelTransport {
    private static final Logger LOG = LoggerFactory.getLogger(UdpTunnelTransport.class);

    private volatile DatagramSocket socket;
    private volatile boolean running;
    private Thread receiverThread;

    @Override
    public synchronized InetSocketAddress open(TunnelConfig config, Inbound inbound) throws IOException {
        Objects.requireNonNull(inbound, "inbound");
        if (running) {
            throw new IllegalStateException("already open");
        }
        DatagramSocket opened = new DatagramSocket(config.bindAddress());
        InetSocketAddress local = (InetSocketAddress) opened.getLocalSocketAddress();
        socket = opened;
        running = true;
        receiverThread = new Thread(() -> receiveLoop(opened, config.maxPacketSize(), inbound),
                "sixjoin-tunnel-rx-" + local.getPort());
        receiverThread.setDaemon(true);
        receiverThread.start();
        return local;
    }

    private void receiveLoop(DatagramSocket from, int maxPacketSize, Inbound inbound) {
        // One byte more than the limit, so an oversize datagram shows up as too long instead of truncated.
        byte[] buffer = new byte[maxPacketSize + 1];
        DatagramPacket datagram = new DatagramPacket(buffer, buffer.length);
        while (running && !from.isClosed()) {
            try {
                datagram.setData(buffer);
                from.receive(datagram);
            } catch (IOException e) {
                if (running && !from.isClosed()) {
                    LOG.warn("tunnel receive on {} failed: {}", from.getLocalSocketAddress(), e.toString());
                }
                continue;
            }
            try {
                inbound.fromBridge(datagram.getSocketAddress(), datagram.getData(), datagram.getOffset(),
                        datagram.getLength());
            } catch (RuntimeException e) {
                // The connector handles every expected failure; this is a last guard for the thread itself.
                LOG.error("tunnel receiver on {} hit a bug; datagram dropped", from.getLocalSocketAddress(), e);
            }
        }
    }

    @Override
    public boolean send(SocketAddress bridge, byte[] packet) throws IOException {
        DatagramSocket out = socket;
        if (out == null) {
            throw new IOException("tunnel socket is closed");
        }
        out.send(new DatagramPacket(packet, packet.length, bridge));
        return true;
    }

    @Override
    public void close() {
        Thread thread;
        synchronized (this) {
            if (!running) {
                return;
            }
            running = false;
            // Closing the socket is what unblocks receive(); the interrupt alone would not.
            socket.close();
            socket = null;
            thread = receiverThread;
            receiverThread = null;
        }
        thread.interrupt();
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String describe() {
        DatagramSocket s = socket;
        return "udp " + (s == null ? "(closed)" : s.getLocalSocketAddress());
    }
}
