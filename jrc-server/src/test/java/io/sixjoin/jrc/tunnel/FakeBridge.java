package io.sixjoin.jrc.tunnel;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.Message;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.network.serialization.UdpDataParser;
import org.eclipse.californium.core.network.serialization.UdpDataSerializer;

import io.sixjoin.stack.ipv6.Ipv6FormatException;
import io.sixjoin.stack.ipv6.Ipv6Packet;
import io.sixjoin.stack.ipv6.UdpDatagram;

/**
 * A radio bridge reduced to its tunnel socket: it sends hand-made IPv6/UDP packets on behalf of motes to a
 * JRC tunnel and decodes what comes back, so tests see exactly the bytes a real bridge would. Parsing the
 * reply with the strict {@code stack} codecs is itself the checksum check.
 */
final class FakeBridge implements AutoCloseable {
    private final DatagramSocket socket;
    private final InetSocketAddress tunnel;

    FakeBridge(InetSocketAddress tunnel) throws IOException {
        this.tunnel = tunnel;
        this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.socket.setSoTimeout(5000);
    }

    static Inet6Address v6(String literal) {
        try {
            return (Inet6Address) InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** A confirmable GET for {@code path} with the given message ID and a two-byte token. */
    static byte[] coapGet(String path, int mid) {
        Request request = Request.newGet();
        request.setType(CoAP.Type.CON);
        request.setMID(mid);
        request.setToken(new byte[] {(byte) (mid >>> 8), (byte) mid});
        request.getOptions().setUriPath(path);
        return new UdpDataSerializer().getByteArray(request);
    }

    /** Wraps {@code coap} as the mote would send it through this bridge. */
    static byte[] packet(Inet6Address mote, int motePort, Inet6Address jrc, int jrcPort, byte[] coap) {
        return new UdpDatagram(motePort, jrcPort, coap).toIpv6(mote, jrc, 64).encode();
    }

    void sendRaw(byte[] datagram) throws IOException {
        socket.send(new DatagramPacket(datagram, datagram.length, tunnel));
    }

    void sendFromMote(Inet6Address mote, int motePort, Inet6Address jrc, byte[] coap) throws IOException {
        sendRaw(packet(mote, motePort, jrc, 5683, coap));
    }

    /** The next tunnelled packet, decoded; fails the test if none arrives within five seconds. */
    Ipv6Packet receive() throws IOException, Ipv6FormatException {
        byte[] buffer = new byte[4096];
        DatagramPacket datagram = new DatagramPacket(buffer, buffer.length);
        socket.receive(datagram);
        return Ipv6Packet.parse(Arrays.copyOf(buffer, datagram.getLength()));
    }

    /** A packet if one arrives within {@code millis}, for asserting that nothing is misrouted here. */
    Optional<Ipv6Packet> poll(int millis) throws IOException, Ipv6FormatException {
        int saved = socket.getSoTimeout();
        socket.setSoTimeout(millis);
        try {
            return Optional.of(receive());
        } catch (SocketTimeoutException e) {
            return Optional.empty();
        } finally {
            socket.setSoTimeout(saved);
        }
    }

    /** The CoAP message inside a received packet; its UDP checksum has been verified on the way. */
    static Message coap(Ipv6Packet packet) throws Ipv6FormatException {
        return new UdpDataParser().parseMessage(UdpDatagram.parse(packet).payload());
    }

    /**
     * Waits up to five seconds for {@code condition}: counters are bumped by the connector's receiver thread
     * after it hands a message on, so a test can see the answer before the count.
     */
    static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 5 s");
            }
            Thread.sleep(10);
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
