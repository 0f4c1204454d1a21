package io.sixjoin.jrc;

import io.sixjoin.cbor.cojp.JoinRequest;
import io.sixjoin.stack.cojp.PledgeId;
import io.sixjoin.stack.cojp.PledgeJoinExchange;
import io.sixjoin.stack.cojp.PreSharedKey;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.Optional;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.Token;

/**
 * A pledge on a plain UDP socket, for driving a JRC datagram by datagram (retransmissions, replays, forgeries).
 * Public so that tests of the JRC's CoAP layer in other packages share it.
 */
public final class UdpPledge implements AutoCloseable {
    public final PledgeJoinExchange exchange;
    private final DatagramSocket socket;
    private final InetSocketAddress jrc;
    // a fresh random start, as a rebooted mote would pick: CoAP deduplicates by (peer, Message ID)
    private int mid = new java.util.Random().nextInt(0x10000);

    public UdpPledge(String eui64, String pskHex, InetSocketAddress jrc) throws IOException {
        this(eui64, pskHex, jrc, jrc.getAddress());
    }

    /** A pledge sending from {@code local} (e.g. 127.0.0.2), so the JRC sees another source than other sockets. */
    public UdpPledge(String eui64, String pskHex, InetSocketAddress jrc, InetAddress local) throws IOException {
        this.exchange = new PledgeJoinExchange(PreSharedKey.parse(pskHex), PledgeId.parse(eui64));
        this.socket = new DatagramSocket(new InetSocketAddress(local, 0));
        this.jrc = jrc;
    }

    public PledgeJoinExchange.Protected request(JoinRequest r, CoAP.Type type) {
        mid = (mid + 1) & 0xffff;
        return exchange.protect(r, type, mid, Token.fromProvider(new byte[] {(byte) mid, 7}));
    }

    public void send(byte[] datagram) throws IOException {
        socket.send(new DatagramPacket(datagram, datagram.length, jrc));
    }

    /** The next datagram from the JRC, or empty after {@code millis}. */
    public Optional<byte[]> receive(int millis) throws IOException {
        socket.setSoTimeout(millis);
        byte[] buf = new byte[2048];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        try {
            socket.receive(p);
            return Optional.of(Arrays.copyOf(buf, p.getLength()));
        } catch (SocketTimeoutException e) {
            return Optional.empty();
        }
    }

    /** Sends a Join Request and decodes the answer; empty if the JRC stayed silent. */
    public Optional<PledgeJoinExchange.Answer> join(JoinRequest r) throws IOException {
        PledgeJoinExchange.Protected p = request(r, CoAP.Type.CON);
        send(p.datagram());
        return receive(3000).map(d -> exchange.unprotect(d, p.sequence()));
    }

    @Override
    public void close() {
        socket.close();
    }
}
