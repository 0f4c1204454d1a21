package io.sixjoin.stack.cojp;

import io.sixjoin.cbor.cojp.CojpDecodeException;
import io.sixjoin.cbor.cojp.Configuration;
import io.sixjoin.cbor.cojp.ConfigurationCodec;
import io.sixjoin.cbor.cojp.UnsupportedConfiguration;
import io.sixjoin.cbor.cojp.UnsupportedConfigurationCodec;
import io.sixjoin.stack.coap.ExtendedTokenUdpDataParser;
import io.sixjoin.stack.coap.ExtendedTokenUdpDataSerializer;
import io.sixjoin.stack.oscore.OscoreContextFactory;
import io.sixjoin.stack.oscore.OscoreRequestUnprotector;
import io.sixjoin.stack.oscore.ReplayWindow;
import io.sixjoin.stack.oscore.SingleContextDb;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.Message;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.oscore.OSCoreCtx;
import org.eclipse.californium.oscore.OscoreOptionDecoder;
import org.eclipse.californium.oscore.ResponseEncryptor;

/**
 * A joined node's {@code /j} resource (RFC 9031 §8.2) without a transport: it verifies a JRC's Parameter Update with
 * the node's join context (the JRC's Sender ID {@code 4a5243} as kid, the JRC's sender key as our recipient key),
 * checks and commits the replay window — handing every new window to the caller to persist, as §7.3.1 demands —
 * decodes the Configuration and returns it with the protected answer to send back: 2.04, or a protected 4.00
 * Diagnostic Response when a parameter cannot be used (§8.3.1). Anything unprotected or failing OSCORE is dropped
 * without an answer (§7.3.2). A CoAP retransmission of the last update (same Message ID, same bytes) gets the same
 * answer again, since its Partial IV is no longer fresh and dropping it would make the JRC believe we left.
 * Not thread-safe: one instance per node, driven by one thread.
 */
public final class JoinedNodeServer {
    /** Why a datagram got no answer. */
    public enum Drop { NOT_A_REQUEST, UNPROTECTED, BAD_OSCORE_OPTION, WRONG_KID, REPLAYED, VERIFICATION_FAILED }

    /** What the node makes of a datagram. */
    public sealed interface Outcome {
        /** What to send back to the JRC: every outcome but a silent drop has an answer. */
        default Optional<byte[]> answer() {
            if (this instanceof Updated u) {
                return Optional.of(u.response());
            }
            if (this instanceof Refused r) {
                return Optional.of(r.response());
            }
            if (this instanceof Repeated r) {
                return Optional.of(r.response());
            }
            return Optional.empty();
        }

        /** A verified update to apply; send {@code response} (a protected 2.04) back to the source. */
        record Updated(Configuration configuration, byte[] response) implements Outcome {
        }

        /** Verified but refused; send {@code response}, a protected 4.00 (or 4.04/4.05), back to the source. */
        record Refused(Optional<UnsupportedConfiguration> diagnostic, byte[] response) implements Outcome {
        }

        /** The retransmission of the last update; send the same answer again, apply nothing. */
        record Repeated(byte[] response) implements Outcome {
        }

        /** Silently dropped. */
        record Dropped(Drop why) implements Outcome {
        }
    }

    private static final byte[] JRC_KID = CojpOscoreProfile.jrcId();

    private final PledgeId pledge;
    private final OSCoreCtx ctx;
    private final Consumer<ReplayWindow> persist;
    private final ConfigurationCheck check;
    private final Map<Drop, Long> drops = new EnumMap<>(Drop.class);
    private ReplayWindow window;
    private byte[] lastRequest;
    private byte[] lastResponse;

    /**
     * @param restored the replay window read back from non-volatile memory ({@link ReplayWindow#EMPTY} at first)
     * @param persist  writes each new window durably before the update is applied
     * @param check    whether the node can use a Configuration; empty when it can
     */
    public JoinedNodeServer(PreSharedKey psk, PledgeId pledge, ReplayWindow restored, Consumer<ReplayWindow> persist,
            ConfigurationCheck check) {
        this.pledge = Objects.requireNonNull(pledge, "pledge");
        // no kid context in our answers: the JRC already knows which node it addressed
        this.ctx = OscoreContextFactory.create(CojpOscoreProfile.pledgeParameters(psk, pledge), false);
        this.window = Objects.requireNonNull(restored, "restored");
        this.persist = Objects.requireNonNull(persist, "persist");
        this.check = Objects.requireNonNull(check, "check");
    }

    /** Handles one datagram from the JRC. */
    public Outcome onDatagram(byte[] bytes) {
        Request request;
        try {
            Message m = new ExtendedTokenUdpDataParser().parseMessage(bytes);
            if (!(m instanceof Request r)) {
                return drop(Drop.NOT_A_REQUEST);
            }
            request = r;
        } catch (RuntimeException e) {
            return drop(Drop.NOT_A_REQUEST);
        }
        byte[] option = request.getOptions().getOscore();
        if (option == null) {
            return drop(Drop.UNPROTECTED);
        }
        if (lastRequest != null && Arrays.equals(bytes, lastRequest)) {
            return new Outcome.Repeated(lastResponse.clone());
        }
        int flags = option.length == 0 ? 0 : option[0] & 0xff;
        if ((flags & 0xe0) != 0 || (flags & 0x07) == 0 || (flags & 0x07) > 4) {
            return drop(Drop.BAD_OSCORE_OPTION); // reserved bits, no Partial IV, or more than cf-oscore's int holds
        }
        OscoreOptionDecoder decoded;
        try {
            decoded = new OscoreOptionDecoder(option);
        } catch (Exception e) {
            return drop(Drop.BAD_OSCORE_OPTION);
        }
        byte[] kidContext = decoded.getIdContext();
        if (!Arrays.equals(decoded.getKid(), JRC_KID)
                || (kidContext != null && !Arrays.equals(kidContext, pledge.bytes()))) {
            return drop(Drop.WRONG_KID);
        }
        int seq = decoded.getSequenceNumber();
        if (!window.isFresh(seq)) {
            return drop(Drop.REPLAYED);
        }
        Optional<Request> inner = OscoreRequestUnprotector.unprotect(request, ctx, seq);
        if (inner.isEmpty()) {
            return drop(Drop.VERIFICATION_FAILED);
        }
        window = window.accept(seq);
        persist.accept(window);
        Outcome outcome = answer(request, inner.get(), seq);
        lastRequest = bytes.clone();
        lastResponse = outcome instanceof Outcome.Updated u ? u.response() : ((Outcome.Refused) outcome).response();
        return outcome;
    }

    private Outcome answer(Request outer, Request inner, int seq) {
        if (inner.getCode() != CoAP.Code.POST) {
            return new Outcome.Refused(Optional.empty(),
                    protect(outer, new Response(ResponseCode.METHOD_NOT_ALLOWED), seq));
        }
        if (!CojpOscoreProfile.URI_PATH.equals(inner.getOptions().getUriPathString())) {
            return new Outcome.Refused(Optional.empty(), protect(outer, new Response(ResponseCode.NOT_FOUND), seq));
        }
        Configuration configuration;
        try {
            configuration = ConfigurationCodec.decode(inner.getPayload());
        } catch (CojpDecodeException e) {
            // with no single parameter to blame there is no Unsupported_Parameter to send; a bare 4.00 still tells
            Optional<UnsupportedConfiguration> d = e.toUnsupportedParameter().map(UnsupportedConfiguration::of);
            return refuse(outer, d, seq);
        }
        Optional<UnsupportedConfiguration> problem = check.check(configuration);
        if (problem.isPresent()) {
            return refuse(outer, problem, seq);
        }
        return new Outcome.Updated(configuration, protect(outer, new Response(ResponseCode.CHANGED), seq));
    }

    private Outcome refuse(Request outer, Optional<UnsupportedConfiguration> diagnostic, int seq) {
        Response r = new Response(ResponseCode.BAD_REQUEST);
        diagnostic.ifPresent(d -> r.setPayload(UnsupportedConfigurationCodec.encode(d)));
        return new Outcome.Refused(diagnostic, protect(outer, r, seq));
    }

    /** Protects with the request's nonce (no Partial IV) and mirrors the request's MID and token. */
    private byte[] protect(Request outer, Response plain, int seq) {
        Response p;
        try {
            p = ResponseEncryptor.encrypt(new SingleContextDb(ctx), plain, ctx, false, false, seq);
        } catch (Exception e) {
            throw new IllegalStateException("cannot protect a Parameter Update answer: " + e.getMessage(), e);
        }
        // a NON update gets a NON answer; without a Message ID source of our own we reuse the request's, as OpenWSN
        p.setType(outer.isConfirmable() ? CoAP.Type.ACK : CoAP.Type.NON);
        p.setMID(outer.getMID());
        p.setToken(outer.getToken());
        return new ExtendedTokenUdpDataSerializer().getByteArray(p);
    }

    private Outcome drop(Drop why) {
        drops.merge(why, 1L, Long::sum);
        return new Outcome.Dropped(why);
    }

    /** The replay window as last committed (what non-volatile memory must hold). */
    public ReplayWindow replayWindow() {
        return window;
    }

    /** How often datagrams were dropped for {@code why}. */
    public long drops(Drop why) {
        return drops.getOrDefault(why, 0L);
    }

    @Override
    public String toString() {
        return "JoinedNodeServer[" + pledge + ", window " + window + ", drops " + drops + "]";
    }
}
