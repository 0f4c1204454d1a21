package io.sixjoin.bridge;

import io.sixjoin.bridge.uplink.Uplink;
import io.sixjoin.stack.cojp.CojpOscoreProfile;
import io.sixjoin.stack.cojp.PledgeId;
import io.sixjoin.stack.cojp.PreSharedKey;
import io.sixjoin.stack.ipv6.Ipv6Packet;
import io.sixjoin.stack.ipv6.UdpDatagram;
import io.sixjoin.stack.oscore.SingleContextDb;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.Message;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.serialization.UdpDataParser;
import org.eclipse.californium.core.network.serialization.UdpDataSerializer;
import org.eclipse.californium.oscore.OSCoreCtx;
import org.eclipse.californium.oscore.ResponseEncryptor;

/**
 * An in-memory uplink that plays the JRC: it answers the bridge's own 6LBR Join Request with a protected 2.04
 * carrying {@link #NETWORK_KEY} (as a real JRC would, from the bridge's PSK), and records every other packet
 * the bridge sends up so tests can answer them with {@link #deliver}.
 */
final class FakeJrc implements Uplink {
    static final PreSharedKey BRIDGE_PSK = PreSharedKey.parse("00112233445566778899aabbccddeeff");
    static final byte[] NETWORK_KEY = HexFormat.of().parseHex("e6bf4287c2d7618d6a9687445ffd33e6");

    final BlockingQueue<byte[]> fromMesh = new LinkedBlockingQueue<>();
    final AtomicInteger joinRequests = new AtomicInteger();
    private final OSCoreCtx context;
    private final java.net.Inet6Address jrcAddress;
    private volatile Consumer<byte[]> down;

    FakeJrc(PledgeId bridge, java.net.Inet6Address jrcAddress) {
        this.context = CojpOscoreProfile.jrcContext(BRIDGE_PSK, bridge);
        this.jrcAddress = jrcAddress;
    }

    @Override
    public void start(Consumer<byte[]> downstream) {
        this.down = downstream;
    }

    @Override
    public void send(byte[] ipv6Packet) {
        try {
            Ipv6Packet p = Ipv6Packet.parse(ipv6Packet);
            if (p.destination().equals(jrcAddress)) {
                joinRequests.incrementAndGet();
                answerJoin(p);
                return;
            }
        } catch (Exception e) {
            throw new IllegalStateException("bridge sent something a JRC cannot read", e);
        }
        fromMesh.add(ipv6Packet.clone());
    }

    private void answerJoin(Ipv6Packet p) throws Exception {
        UdpDatagram udp = UdpDatagram.parse(p);
        Message m = new UdpDataParser().parseMessage(udp.payload());
        Request request = (Request) m;
        byte[] option = request.getOptions().getOscore();
        int pivLength = option[0] & 0x07;
        int seq = 0;
        for (int i = 0; i < pivLength; i++) {
            seq = (seq << 8) | (option[1 + i] & 0xFF);
        }
        Response r = new Response(CoAP.ResponseCode.CHANGED);
        r.setType(CoAP.Type.NON);
        r.setMID(request.getMID());
        r.setToken(request.getToken());
        byte[] config = new byte[5 + NETWORK_KEY.length];
        System.arraycopy(HexFormat.of().parseHex("a102820150"), 0, config, 0, 5);
        System.arraycopy(NETWORK_KEY, 0, config, 5, NETWORK_KEY.length);
        r.setPayload(config);
        Response protectedResponse = ResponseEncryptor.encrypt(new SingleContextDb(context), r, context, false, false,
                seq);
        byte[] coap = new UdpDataSerializer().getByteArray(protectedResponse);
        deliver(new UdpDatagram(udp.destinationPort(), udp.sourcePort(), coap)
                .toIpv6(p.destination(), p.source(), 64).encode());
    }

    /** Sends a packet down to the bridge, as the JRC answering a mote. */
    void deliver(byte[] ipv6Packet) {
        down.accept(Arrays.copyOf(ipv6Packet, ipv6Packet.length));
    }

    @Override
    public String describe() {
        return "fake JRC";
    }

    @Override
    public void close() {
    }
}
