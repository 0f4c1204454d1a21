package io.sixjoin.stack.cojp;

import io.sixjoin.cbor.cojp.CojpDecodeException;
import io.sixjoin.cbor.cojp.ConfigurationCodec;
import io.sixjoin.cbor.cojp.ConfigurationDecodeResult;
import io.sixjoin.cbor.cojp.JoinRequest;
import io.sixjoin.cbor.cojp.JoinRequestCodec;
import io.sixjoin.cbor.cojp.UnsupportedConfiguration;
import io.sixjoin.cbor.cojp.UnsupportedConfigurationCodec;
import io.sixjoin.cbor.cojp.UnsupportedParameter;
import io.sixjoin.stack.coap.ExtendedTokenUdpDataParser;
import io.sixjoin.stack.coap.ExtendedTokenUdpDataSerializer;
import io.sixjoin.stack.oscore.SingleContextDb;
import java.net.InetSocketAddress;
import java.util.Optional;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.Message;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.coap.Token;
import org.eclipse.californium.elements.AddressEndpointContext;
import org.eclipse.californium.elements.util.Bytes;
import org.eclipse.californium.oscore.OSCoreCtx;
import org.eclipse.californium.oscore.OSException;
import org.eclipse.californium.oscore.RequestEncryptor;
import org.eclipse.californium.oscore.ResponseDecryptor;

/**
 * The pledge's side of a CoJP join exchange (RFC 9031 §8.1), without a transport: it builds the protected Join
 * Request datagram and turns the datagram that comes back into a {@link Answer}. Anything that is not a response
 * protected with this pledge's context — an unprotected error, a forgery, garbage — is {@link Answer.Discarded},
 * as §7.3.2 requires. The caller owns retransmission and persistence of {@link #nextSequence()} (the emulator
 * keeps it in emulated non-volatile memory; load generators and tests just keep it in memory).
 */
public final class PledgeJoinExchange {
    private static final InetSocketAddress NOWHERE = new InetSocketAddress("::1", CoAP.DEFAULT_COAP_PORT);

    private final PledgeId pledge;
    private final OSCoreCtx ctx;
    private final SingleContextDb db;

    public PledgeJoinExchange(PreSharedKey psk, PledgeId pledge) {
        this.pledge = pledge;
        this.ctx = CojpOscoreProfile.pledgeContext(psk, pledge);
        this.db = new SingleContextDb(ctx);
    }

    public PledgeId pledge() {
        return pledge;
    }

    /** The Sender Sequence Number the next request will use. */
    public synchronized long nextSequence() {
        return ctx.getSenderSeq();
    }

    /**
     * Restores the sequence number after a reboot (from non-volatile memory, RFC 8613 App. B.1.1).
     *
     * @throws IllegalArgumentException if {@code seq} is negative or beyond what cf-oscore's {@code int} sequence
     *                                  number holds: truncating it would restart at a used number (nonce reuse)
     */
    public synchronized void setNextSequence(long seq) {
        if (seq < 0 || seq > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("sender sequence number " + seq + " is outside 0.." + Integer.MAX_VALUE
                    + " (cf-oscore limit); this PSK needs re-provisioning");
        }
        ctx.setSenderSeq((int) seq);
    }

    /** A protected Join Request, ready to send, and the sequence number its answer will be bound to. */
    public record Protected(byte[] datagram, int sequence, Token token) {
    }

    /**
     * Builds a protected Join Request as RFC 9031 §8.1.1 describes: POST with Uri-Host {@code 6tisch.arpa} and
     * Proxy-Scheme {@code coap} outside, Uri-Path {@code j} inside OSCORE, kid context = pledge identifier.
     */
    public synchronized Protected protect(JoinRequest joinRequest, CoAP.Type type, int messageId, Token token) {
        Request request = new Request(CoAP.Code.POST, type);
        request.setMID(messageId);
        request.setToken(token);
        request.setDestinationContext(new AddressEndpointContext(NOWHERE));
        request.getOptions().setUriHost(CojpOscoreProfile.URI_HOST);
        request.getOptions().setProxyScheme(CojpOscoreProfile.PROXY_SCHEME);
        request.getOptions().addUriPath(CojpOscoreProfile.URI_PATH);
        request.getOptions().setOscore(Bytes.EMPTY);
        request.setPayload(JoinRequestCodec.encode(joinRequest));
        int seq = ctx.getSenderSeq();
        try {
            Request protectedRequest = RequestEncryptor.encrypt(db, request);
            return new Protected(new ExtendedTokenUdpDataSerializer().getByteArray(protectedRequest), seq, token);
        } catch (OSException e) {
            throw new IllegalStateException("cannot protect a Join Request: " + e.getMessage(), e);
        }
    }

    /** What a pledge makes of a datagram that arrived as the answer to its Join Request. */
    public sealed interface Answer {
        /** 2.04 with a Configuration the pledge can decode (ignored parameters listed in the result). */
        record Joined(ConfigurationDecodeResult configuration) implements Answer {
        }

        /** A protected 4.00 Diagnostic Response. */
        record Refused(UnsupportedConfiguration diagnostic) implements Answer {
        }

        /**
         * Protected, but its code or payload is not a valid CoJP answer (the pledge may retry). When a 2.04's
         * Configuration failed to decode, {@code unsupported} names the parameter to report in label 8 of the next
         * Join_Request (RFC 9031 §8.4.1).
         */
        record Invalid(String why, Optional<UnsupportedParameter> unsupported) implements Answer {
            public Invalid(String why) {
                this(why, Optional.empty());
            }
        }

        /** Not a response protected with our context: silently discarded (RFC 9031 §7.3.2). */
        record Discarded(String why) implements Answer {
        }
    }

    /** Verifies and decodes the answer to the request that used {@code requestSequence}. */
    public synchronized Answer unprotect(byte[] datagram, int requestSequence) {
        Response response;
        try {
            Message m = new ExtendedTokenUdpDataParser().parseMessage(datagram);
            if (!(m instanceof Response r)) {
                return new Answer.Discarded("not a response");
            }
            response = r;
        } catch (RuntimeException e) {
            return new Answer.Discarded("not a CoAP message: " + e.getMessage());
        }
        if (!response.getOptions().hasOscore()) {
            return new Answer.Discarded("unprotected " + response.getCode());
        }
        try {
            response.setSourceContext(new AddressEndpointContext(NOWHERE));
            response = ResponseDecryptor.decrypt(db, response, requestSequence);
        } catch (OSException | RuntimeException e) {
            return new Answer.Discarded("OSCORE verification failed");
        }
        try {
            if (response.getCode() == ResponseCode.CHANGED) {
                try {
                    return new Answer.Joined(ConfigurationCodec.decodeWithReport(response.getPayload()));
                } catch (CojpDecodeException e) {
                    return new Answer.Invalid(e.getMessage(), e.toUnsupportedParameter());
                }
            }
            if (response.getCode() == ResponseCode.BAD_REQUEST) {
                return new Answer.Refused(UnsupportedConfigurationCodec.decode(response.getPayload()));
            }
            return new Answer.Invalid("unexpected protected response code " + response.getCode());
        } catch (CojpDecodeException e) {
            return new Answer.Invalid(e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "PledgeJoinExchange[pledge=" + pledge + "]";
    }
}
