package io.sixjoin.jrc.update;

import io.sixjoin.cbor.cojp.Configuration;
import io.sixjoin.cbor.cojp.ConfigurationCodec;
import io.sixjoin.cbor.cojp.JoinRequest;
import io.sixjoin.cbor.cojp.UnsupportedCode;
import io.sixjoin.cbor.cojp.UnsupportedConfiguration;
import io.sixjoin.cbor.cojp.UnsupportedConfigurationCodec;
import io.sixjoin.cbor.cojp.UnsupportedParameter;
import io.sixjoin.cbor.cojp.CojpLabel;
import io.sixjoin.stack.coap.ExtendedTokenUdpDataParser;
import io.sixjoin.stack.coap.ExtendedTokenUdpDataSerializer;
import io.sixjoin.stack.cojp.CojpOscoreProfile;
import io.sixjoin.stack.cojp.PledgeId;
import io.sixjoin.stack.cojp.PledgeJoinExchange;
import io.sixjoin.stack.cojp.PreSharedKey;
import io.sixjoin.stack.oscore.SingleContextDb;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongConsumer;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.Message;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.coap.Token;
import org.eclipse.californium.elements.AddressEndpointContext;
import org.eclipse.californium.oscore.OSCoreCtx;
import org.eclipse.californium.oscore.OscoreOptionDecoder;
import org.eclipse.californium.oscore.RequestDecryptor;
import org.eclipse.californium.oscore.ResponseEncryptor;

/**
 * A joined node on a UDP socket: it joins through {@link PledgeJoinExchange}, then serves {@code /j} as RFC 9031
 * §8.2 asks, with a pledge-side cf-oscore context of its own, recording every Parameter Update it verifies.
 */
final class EmulatedNode implements AutoCloseable {
    /** How the node answers Parameter Updates. */
    enum Behaviour { ANSWER, SILENT, UNPROTECTED, REFUSE }

    /** One verified Parameter Update: its Partial IV and the Configuration it carried. */
    record Update(long partialIv, Configuration configuration) {
    }

    final PledgeId id;
    final List<Update> updates = new CopyOnWriteArrayList<>();
    final List<String> violations = new CopyOnWriteArrayList<>();
    volatile int datagramsSeen;
    final java.util.Set<Integer> messageIds = java.util.concurrent.ConcurrentHashMap.newKeySet();
    volatile Behaviour behaviour = Behaviour.ANSWER;
    volatile LongConsumer onRequest = seq -> { };
    private final PledgeJoinExchange exchange;
    private final OSCoreCtx serving;
    private final DatagramSocket socket;
    private final InetSocketAddress jrc;
    private Thread thread;

    EmulatedNode(String eui64, String pskHex, InetSocketAddress jrc) throws IOException {
        this.id = PledgeId.parse(eui64);
        PreSharedKey psk = PreSharedKey.parse(pskHex);
        this.exchange = new PledgeJoinExchange(psk, id);
        this.serving = CojpOscoreProfile.pledgeContext(psk, id);
        this.socket = new DatagramSocket(new InetSocketAddress(jrc.getAddress(), 0));
        this.jrc = jrc;
    }

    /** Joins, returning the Configuration of the Join Response, then starts serving {@code /j}. */
    Configuration join(byte[] networkId) throws IOException {
        PledgeJoinExchange.Protected p = exchange.protect(JoinRequest.of(networkId), CoAP.Type.CON, 1,
                Token.fromProvider(new byte[] {1}));
        socket.send(new DatagramPacket(p.datagram(), p.datagram().length, jrc));
        socket.setSoTimeout(3000);
        byte[] buf = new byte[2048];
        DatagramPacket in = new DatagramPacket(buf, buf.length);
        socket.receive(in);
        PledgeJoinExchange.Answer a = exchange.unprotect(Arrays.copyOf(buf, in.getLength()), p.sequence());
        if (!(a instanceof PledgeJoinExchange.Answer.Joined joined)) {
            throw new AssertionError("join failed: " + a);
        }
        thread = new Thread(this::serve, "node-" + id);
        thread.setDaemon(true);
        thread.start();
        return joined.configuration().configuration();
    }

    private void serve() {
        byte[] buf = new byte[2048];
        while (!socket.isClosed()) {
            DatagramPacket in = new DatagramPacket(buf, buf.length);
            try {
                socket.setSoTimeout(200);
                socket.receive(in);
                datagramsSeen++;
                handle(Arrays.copyOf(buf, in.getLength()), (InetSocketAddress) in.getSocketAddress());
            } catch (SocketTimeoutException e) {
                // poll for close
            } catch (SocketException e) {
                return;
            } catch (Exception e) {
                violations.add("could not handle a datagram: " + e);
            }
        }
    }

    private void handle(byte[] datagram, InetSocketAddress from) throws Exception {
        Message m = new ExtendedTokenUdpDataParser().parseMessage(datagram);
        if (!(m instanceof Request request) || !request.getOptions().hasOscore()) {
            violations.add("not a protected request: " + m);
            return;
        }
        if (!messageIds.add(request.getMID())) {
            return; // a CoAP retransmission of an update we did not answer
        }
        OscoreOptionDecoder option = new OscoreOptionDecoder(request.getOptions().getOscore());
        if (!HexFormat.of().formatHex(option.getKid()).equals("4a5243") || option.getIdContext() != null) {
            violations.add("kid " + HexFormat.of().formatHex(option.getKid()) + " or a kid context");
            return;
        }
        if (!CojpOscoreProfile.URI_HOST.equals(request.getOptions().getUriHost()) || !request.isConfirmable()) {
            violations.add("outer Uri-Host or type wrong: " + request);
        }
        int seq = option.getSequenceNumber();
        onRequest.accept(seq);
        request.setSourceContext(new AddressEndpointContext(from));
        Request plain = RequestDecryptor.decrypt(new SingleContextDb(serving), request, serving);
        if (plain.getCode() != CoAP.Code.POST || !plain.getOptions().getUriPathString().equals("j")) {
            violations.add("inner request is not POST /j: " + plain);
        }
        updates.add(new Update(seq, ConfigurationCodec.decode(plain.getPayload())));
        Behaviour b = behaviour;
        if (b == Behaviour.SILENT) {
            return;
        }
        Response r = new Response(b == Behaviour.REFUSE ? ResponseCode.BAD_REQUEST : ResponseCode.CHANGED);
        if (b == Behaviour.REFUSE) {
            r.setPayload(UnsupportedConfigurationCodec.encode(UnsupportedConfiguration.of(
                    UnsupportedParameter.withNullAddinfo(UnsupportedCode.UNSUPPORTED, CojpLabel.LINK_LAYER_KEY_SET))));
        }
        if (b != Behaviour.UNPROTECTED) {
            r = ResponseEncryptor.encrypt(new SingleContextDb(serving), r, serving, false, false, seq);
        }
        r.setType(CoAP.Type.ACK);
        r.setMID(request.getMID());
        r.setToken(request.getToken());
        byte[] out = new ExtendedTokenUdpDataSerializer().getByteArray(r);
        socket.send(new DatagramPacket(out, out.length, from));
    }

    @Override
    public void close() throws InterruptedException {
        socket.close();
        if (thread != null) {
            thread.join(2000);
        }
    }
}
