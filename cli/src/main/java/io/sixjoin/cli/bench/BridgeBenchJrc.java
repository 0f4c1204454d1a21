package io.sixjoin.cli.bench;

import io.sixjoin.cbor.cojp.Configuration;
import io.sixjoin.cbor.cojp.ConfigurationCodec;
import io.sixjoin.cbor.cojp.LinkLayerKey;
import io.sixjoin.stack.cojp.CojpOscoreProfile;
import io.sixjoin.stack.cojp.PledgeId;
import io.sixjoin.stack.ipv6.Ipv6Packet;
import io.sixjoin.stack.ipv6.UdpDatagram;
import io.sixjoin.stack.oscore.SingleContextDb;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.serialization.UdpDataParser;
import org.eclipse.californium.core.network.serialization.UdpDataSerializer;
import org.eclipse.californium.oscore.OSCoreCtx;
import org.eclipse.californium.oscore.ResponseEncryptor;

/**
 * The far end of the bridge's real {@code TunnelUplink} in {@code bench bridge}: a loopback UDP socket standing
 * where {@code sixjoin jrc --tunnel} would. It admits the bridge's own 6LBR Join Request with an OSCORE-protected
 * 2.04 carrying a network key (so the bridge makes the mote root, exactly as in production, with no bench switch in
 * the bridge), and timestamps every benchmark packet as it arrives, recording the arrival by sequence number and
 * checking its bytes against what the mote side sent. One receiver thread; the arrays are read after it stopped.
 */
final class BridgeBenchJrc implements AutoCloseable {
    static final byte[] NETWORK_KEY = HexFormat.of().parseHex("6a0b8e5bc2d7618d6a9687445ffd33e6");

    private final BridgeWorkload workload;
    private final DatagramSocket socket;
    private final OSCoreCtx bridgeContext;
    private final Inet6Address jrcAddress;
    private final Thread receiver;
    private volatile boolean running = true;
    private volatile long[] arrivals;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong corrupt = new AtomicLong();
    private final AtomicLong outOfOrder = new AtomicLong();
    private final AtomicLong joins = new AtomicLong();
    private final AtomicLong other = new AtomicLong();
    private long lastSeq = -1;

    BridgeBenchJrc(BridgeWorkload workload, PledgeId bridge, Inet6Address jrcAddress, long[] arrivals)
            throws IOException {
        this.workload = workload;
        this.jrcAddress = jrcAddress;
        this.arrivals = arrivals;
        this.bridgeContext = CojpOscoreProfile.jrcContext(BridgeWorkload.BRIDGE_PSK, bridge);
        this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        // A burst the receiver thread has not drained yet must queue, not vanish, or the bench would count its
        // own socket as the bridge's loss.
        socket.setReceiveBufferSize(8 << 20);
        receiver = new Thread(this::receiveLoop, "bench-jrc-rx");
        receiver.setDaemon(true);
        receiver.start();
    }

    InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    long delivered() {
        return delivered.get();
    }

    long corrupt() {
        return corrupt.get();
    }

    long outOfOrder() {
        return outOfOrder.get();
    }

    long joins() {
        return joins.get();
    }

    long other() {
        return other.get();
    }

    private void receiveLoop() {
        byte[] buffer = new byte[2048];
        DatagramPacket datagram = new DatagramPacket(buffer, buffer.length);
        while (running) {
            try {
                datagram.setData(buffer);
                socket.receive(datagram);
            } catch (IOException e) {
                continue;
            }
            long now = System.nanoTime();
            int length = datagram.getLength();
            if (length > BridgeWorkload.MESSAGE_ID_OFFSET + 2 && isFromPledge(buffer)) {
                record(buffer, length, now);
            } else {
                answerIfJoin(buffer, length, datagram.getSocketAddress());
            }
        }
    }

    private static boolean isFromPledge(byte[] p) {
        // source IID (bytes 16..23 of the header) is the pledge's EUI-64; checked in full by intact() below
        long iid = 0;
        for (int i = 16; i < 24; i++) {
            iid = (iid << 8) | (p[i] & 0xFF);
        }
        return iid == BridgeWorkload.PLEDGE_EUI;
    }

    private void record(byte[] p, int length, long now) {
        int mid = ((p[BridgeWorkload.MESSAGE_ID_OFFSET] & 0xFF) << 8) | (p[BridgeWorkload.MESSAGE_ID_OFFSET + 1]
                & 0xFF);
        // Packets leave the bridge in line order, so the next ID at or after the last one names the frame;
        // a gap is loss, and only a reordering (never seen on one stream) could fool this.
        long next = lastSeq + 1;
        long seq = next + ((mid - next) & (BridgeWorkload.RING - 1));
        if (!workload.intact(seq, p, length)) {
            corrupt.incrementAndGet();
            return;
        }
        long[] a = arrivals;
        if (seq >= a.length) {
            other.incrementAndGet();
            return;
        }
        if (a[(int) seq] != 0 || seq != next && seq - next > BridgeWorkload.RING / 2) {
            outOfOrder.incrementAndGet();
        }
        a[(int) seq] = now;
        lastSeq = seq;
        delivered.incrementAndGet();
    }

    private void answerIfJoin(byte[] buffer, int length, SocketAddress from) {
        try {
            Ipv6Packet packet = Ipv6Packet.parse(Arrays.copyOf(buffer, length));
            if (!packet.destination().equals(jrcAddress)) {
                other.incrementAndGet();
                return;
            }
            UdpDatagram udp = UdpDatagram.parse(packet);
            Request request = (Request) new UdpDataParser().parseMessage(udp.payload());
            byte[] oscore = request.getOptions().getOscore();
            int pivLength = oscore[0] & 0x07;
            int requestSeq = 0;
            for (int i = 0; i < pivLength; i++) {
                requestSeq = (requestSeq << 8) | (oscore[1 + i] & 0xFF);
            }
            Response plain = new Response(CoAP.ResponseCode.CHANGED);
            plain.setType(CoAP.Type.NON);
            plain.setMID(request.getMID());
            plain.setToken(request.getToken());
            plain.setPayload(ConfigurationCodec.encode(Configuration.empty()
                    .withKeySet(List.of(LinkLayerKey.of(1, NETWORK_KEY)))));
            Response sealed = ResponseEncryptor.encrypt(new SingleContextDb(bridgeContext), plain, bridgeContext,
                    false, false, requestSeq);
            byte[] coap = new UdpDataSerializer().getByteArray(sealed);
            byte[] answer = new UdpDatagram(udp.destinationPort(), udp.sourcePort(), coap)
                    .toIpv6(packet.destination(), packet.source(), 64).encode();
            socket.send(new DatagramPacket(answer, answer.length, from));
            joins.incrementAndGet();
        } catch (Exception e) {
            // not a join request we can answer: the bridge retries, and the bench times out saying so
            other.incrementAndGet();
        }
    }

    @Override
    public void close() {
        running = false;
        socket.close();
        try {
            receiver.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
