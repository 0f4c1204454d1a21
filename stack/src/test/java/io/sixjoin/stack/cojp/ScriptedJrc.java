package io.sixjoin.stack.cojp;

import io.sixjoin.cbor.cojp.JoinRequest;
import io.sixjoin.cbor.cojp.JoinRequestCodec;
import io.sixjoin.stack.coap.ExtendedTokenUdpDataParser;
import io.sixjoin.stack.coap.ExtendedTokenUdpDataSerializer;
import io.sixjoin.stack.oscore.OscoreRequestUnprotector;
import io.sixjoin.stack.oscore.ReplayWindow;
import io.sixjoin.stack.oscore.SingleContextDb;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.Message;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.oscore.OSCoreCtx;
import org.eclipse.californium.oscore.OscoreOptionDecoder;
import org.eclipse.californium.oscore.ResponseEncryptor;

/**
 * A JRC for one pledge, built in the test from {@link CojpOscoreProfile#jrcContext}: it verifies a Join Request as
 * the real JRC does (replay window checked before, committed after verification; a retransmission with the same
 * Partial IV answered from a cache), records what it saw, and answers with whatever the test scripts. Requests it
 * cannot verify get no answer. It echoes option 40 as OpenWSN's JRC does.
 */
final class ScriptedJrc {
    /** One verified request: the outer message as received and the decoded Join_Request. */
    record Seen(Request outer, long sequence, JoinRequest joinRequest) {
    }

    private final OSCoreCtx ctx;
    private ReplayWindow window = ReplayWindow.EMPTY;
    private final Map<Long, Response> cache = new HashMap<>();
    private int nextMid = 0x7000;
    final List<Seen> seen = new ArrayList<>();
    int unverified;
    /** Plain answer to a decoded request: code and payload; the JRC protects it. */
    Function<JoinRequest, Response> script;

    ScriptedJrc(PreSharedKey psk, PledgeId pledge, Function<JoinRequest, Response> script) {
        this.ctx = CojpOscoreProfile.jrcContext(psk, pledge);
        this.script = script;
    }

    static Response changed(byte[] configuration) {
        Response r = new Response(ResponseCode.CHANGED);
        r.setPayload(configuration);
        return r;
    }

    /** The JRC's answer datagram, or empty if it stays silent. */
    Optional<byte[]> handle(byte[] datagram) {
        Message m = new ExtendedTokenUdpDataParser(false, OpenWsnStatelessProxy.REGISTRY).parseMessage(datagram);
        Request request = (Request) m;
        long seq;
        try {
            seq = new OscoreOptionDecoder(request.getOptions().getOscore()).getSequenceNumber();
        } catch (Exception e) {
            unverified++;
            return Optional.empty();
        }
        Response protectedResponse = cache.get(seq);
        if (protectedResponse == null) {
            if (!window.isFresh(seq)) {
                unverified++;
                return Optional.empty();
            }
            Optional<Request> inner = OscoreRequestUnprotector.unprotect(request, ctx, (int) seq);
            if (inner.isEmpty()) {
                unverified++;
                return Optional.empty();
            }
            window = window.accept(seq);
            JoinRequest jr;
            try {
                jr = JoinRequestCodec.decode(inner.get().getPayload());
            } catch (Exception e) {
                throw new AssertionError("pledge sent an undecodable Join_Request", e);
            }
            seen.add(new Seen(request, seq, jr));
            Response plain = script.apply(jr);
            if (plain == null) {
                return Optional.empty();
            }
            try {
                protectedResponse = ResponseEncryptor.encrypt(new SingleContextDb(ctx), plain, ctx, false, false,
                        (int) seq);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            cache.put(seq, protectedResponse);
        }
        Response out = new Response(protectedResponse.getCode());
        out.setOptions(protectedResponse.getOptions());
        out.setPayload(protectedResponse.getPayload());
        out.getOptions().clearOtherOption(OpenWsnStatelessProxy.OPTION);
        request.getOptions().getOthers(OpenWsnStatelessProxy.OPTION).forEach(out.getOptions()::addOption);
        out.setToken(request.getToken());
        if (request.isConfirmable()) {
            out.setType(CoAP.Type.ACK);
            out.setMID(request.getMID());
        } else {
            out.setType(CoAP.Type.NON);
            out.setMID(nextMid++);
        }
        return Optional.of(new ExtendedTokenUdpDataSerializer().getByteArray(out));
    }
}
