package io.sixjoin.stack.cojp;

import io.sixjoin.cbor.cojp.Configuration;
import io.sixjoin.cbor.cojp.JoinRequest;
import io.sixjoin.cbor.cojp.UnsupportedConfiguration;
import io.sixjoin.stack.cojp.PledgeJoinExchange.Answer;
import io.sixjoin.stack.coap.ExtendedToken;
import io.sixjoin.stack.coap.ExtendedTokenUdpDataParser;
import io.sixjoin.stack.coap.ExtendedTokenUdpDataSerializer;
import java.net.Inet6Address;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.random.RandomGenerator;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.EmptyMessage;
import org.eclipse.californium.core.coap.Message;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.coap.Token;

/**
 * One pledge's CoJP join (RFC 9031 §8.1) as a transport-free mechanism: {@link #start} names the Join Proxy and
 * network, {@link #poll} returns the datagrams due (to the JP's link-local address, port 5683), {@link #onDatagram}
 * takes what came back, and {@link #nextDeadline} says when to poll again. In the RFC 9031 profile each attempt is
 * a CON request retransmitted with the join-time parameters of §7.2 (initial timeout uniform in [10 s, 15 s],
 * doubled up to MAX_RETRANSMIT times); a failed attempt is followed by a new Join Request with a new sequence
 * number, to the JP the {@link JoinTarget.Next} hook names, at most {@link Settings#maxAttempts()} times. A protected
 * answer the pledge cannot act on starts the next attempt with label 8 (§8.4.1); anything unprotected or invalid is
 * dropped unseen (§7.3.2). The OpenWSN profile mimics openwsn-fw's cjoin: NON, 1-byte token, a random first delay
 * of up to 65.535 s and a new request every 60 s. Sequence numbers come from a {@link NonVolatileSequence}, so no
 * number is ever used twice under the PSK, whatever JP, network or reboot intervenes. Times are milliseconds of
 * the caller's clock, virtual or real. Not thread-safe: one instance per pledge, driven by one thread.
 */
public final class PledgeJoin {
    /** Where the join stands. */
    public enum State { IDLE, REQUESTING, JOINED, FAILED }

    /** Which pledge this emulates. */
    public enum Profile { RFC9031, OPENWSN }

    /** Counted events; a pledge's log line, not a trace. */
    public enum Event {
        SENT, RETRANSMITTED, ACKED_EMPTY, DISCARDED, STRAY, REFUSED, UNUSABLE, COAP_FAILURE, SEQUENCE_EXHAUSTED
    }

    /**
     * How a pledge joins: which firmware it behaves like, how many attempts it makes, how long its tokens are.
     *
     * @param profile     request layout and timing
     * @param maxAttempts Join Requests with distinct sequence numbers before giving up
     * @param tokenLength bytes of random token per request (0..8)
     */
    public record Settings(Profile profile, int maxAttempts, int tokenLength) {
        public Settings {
            Objects.requireNonNull(profile, "profile");
            if (maxAttempts < 1 || tokenLength < 0 || tokenLength > 8) {
                throw new IllegalArgumentException("maxAttempts >= 1 and tokenLength 0..8");
            }
        }

        /** RFC 9031: CON, COJP_MAX_JOIN_ATTEMPTS, a 2-byte token. */
        public static Settings rfc9031() {
            return new Settings(Profile.RFC9031, CojpOscoreProfile.COJP_MAX_JOIN_ATTEMPTS, 2);
        }

        /** openwsn-fw: NON, 1-byte token, no limit on attempts. */
        public static Settings openWsn() {
            return new Settings(Profile.OPENWSN, Integer.MAX_VALUE, 1);
        }
    }

    static final long ACK_TIMEOUT_MS = CojpOscoreProfile.ACK_TIMEOUT.toMillis();
    static final long OPENWSN_PERIOD_MS = 60_000;
    static final int OPENWSN_MAX_FIRST_DELAY_MS = 65_535;
    /** RFC 7252 §4.8.2 MAX_TRANSMIT_WAIT with the §7.2 values: how long an empty ACK keeps us waiting. */
    static final long MAX_TRANSMIT_WAIT_MS = (long) (ACK_TIMEOUT_MS * ((1L << (CojpOscoreProfile.MAX_RETRANSMIT + 1))
            - 1) * CojpOscoreProfile.ACK_RANDOM_FACTOR);

    private final PledgeJoinExchange exchange;
    private final NonVolatileSequence sequence;
    private final Settings settings;
    private final JoinTarget.Next nextTarget;
    private final ConfigurationCheck check;
    private final Map<Event, Long> events = new EnumMap<>(Event.class);

    private State state = State.IDLE;
    private JoinTarget target;
    private long startedAt;
    private int failedAttempts;
    private Optional<UnsupportedConfiguration> unsupported = Optional.empty();
    private Configuration configuration;
    private UnsupportedConfiguration lastRefusal;
    private int nextMid = -1;
    // the outstanding request; null between attempts
    private PledgeJoinExchange.Protected request;
    private int requestMid;
    private int transmissions;
    private long timeoutMs;
    private long firstSentAt;
    private long dueAt;
    private boolean emptyAcked;
    private CojpDatagram pendingAck;
    private long pendingAckAt;

    public PledgeJoin(PledgeJoinExchange exchange, NonVolatileSequence sequence, Settings settings,
            JoinTarget.Next nextTarget, ConfigurationCheck check) {
        this.exchange = Objects.requireNonNull(exchange, "exchange");
        this.sequence = Objects.requireNonNull(sequence, "sequence");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.nextTarget = Objects.requireNonNull(nextTarget, "nextTarget");
        this.check = Objects.requireNonNull(check, "check");
    }

    /** A join that accepts any decodable Configuration. */
    public PledgeJoin(PledgeJoinExchange exchange, NonVolatileSequence sequence, Settings settings,
            JoinTarget.Next nextTarget) {
        this(exchange, sequence, settings, nextTarget, ConfigurationCheck.acceptAll());
    }

    /** Starts (or restarts) the join through {@code joinProxy}; the first request goes out on the next poll. */
    public void start(long now, Inet6Address joinProxy, byte[] networkId) {
        target = new JoinTarget(joinProxy, networkId);
        state = State.REQUESTING;
        startedAt = now;
        failedAttempts = 0;
        unsupported = Optional.empty();
        configuration = null;
        request = null;
        // the OpenWSN first delay is drawn on the first poll, the only place randomness comes in
        dueAt = settings.profile() == Profile.OPENWSN ? -1 : now;
    }

    /** Datagrams due at {@code now}. */
    public List<CojpDatagram> poll(long now, RandomGenerator rand) {
        List<CojpDatagram> out = new ArrayList<>(2);
        if (pendingAck != null) {
            out.add(pendingAck);
            pendingAck = null;
        }
        if (state != State.REQUESTING) {
            return out;
        }
        if (nextMid < 0) {
            nextMid = rand.nextInt(0x10000);
        }
        if (dueAt < 0) {
            dueAt = startedAt + rand.nextInt(OPENWSN_MAX_FIRST_DELAY_MS + 1);
        }
        if (now < dueAt) {
            return out;
        }
        if (request == null) {
            send(now, rand).ifPresent(out::add);
        } else if (settings.profile() == Profile.OPENWSN) {
            // openwsn-fw's timer builds a fresh NON request each period: new sequence number, no CoAP retransmission
            request = null;
            if (attemptFailed(now, Event.COAP_FAILURE, Optional.empty())) {
                send(now, rand).ifPresent(out::add);
            }
        } else if (!emptyAcked && transmissions <= CojpOscoreProfile.MAX_RETRANSMIT) {
            transmissions++;
            note(Event.RETRANSMITTED);
            timeoutMs *= 2;
            dueAt = now + timeoutMs;
            out.add(toJoinProxy(request.datagram()));
        } else {
            request = null;
            if (attemptFailed(now, Event.COAP_FAILURE, Optional.empty())) {
                send(now, rand).ifPresent(out::add);
            }
        }
        return out;
    }

    private Optional<CojpDatagram> send(long now, RandomGenerator rand) {
        byte[] token = new byte[settings.tokenLength()];
        rand.nextBytes(token);
        JoinRequest body = new JoinRequest(Optional.empty(), target.networkId(), unsupported);
        boolean con = settings.profile() == Profile.RFC9031;
        requestMid = nextMid;
        nextMid = (nextMid + 1) & 0xffff;
        try {
            exchange.setNextSequence(sequence.next());
            request = exchange.protect(body, con ? CoAP.Type.CON : CoAP.Type.NON, requestMid, ExtendedToken.of(token));
        } catch (IllegalStateException | IllegalArgumentException e) {
            // out of sequence numbers (ours or cf-oscore's): reusing one would repeat a nonce; re-provision the PSK
            note(Event.SEQUENCE_EXHAUSTED);
            state = State.FAILED;
            return Optional.empty();
        }
        transmissions = 1;
        emptyAcked = false;
        firstSentAt = now;
        timeoutMs = con ? ACK_TIMEOUT_MS + (long) (rand.nextDouble()
                * (CojpOscoreProfile.ACK_RANDOM_FACTOR - 1) * ACK_TIMEOUT_MS) : OPENWSN_PERIOD_MS;
        dueAt = now + timeoutMs;
        note(Event.SENT);
        return Optional.of(toJoinProxy(request.datagram()));
    }

    /** Ends the attempt; returns whether another one should be sent now. */
    private boolean attemptFailed(long now, Event why, Optional<UnsupportedConfiguration> report) {
        note(why);
        request = null;
        failedAttempts++;
        unsupported = report;
        Optional<JoinTarget> next = failedAttempts >= settings.maxAttempts() ? Optional.empty()
                : nextTarget.after(target, failedAttempts);
        if (next.isEmpty()) {
            state = State.FAILED;
            return false;
        }
        target = next.get();
        dueAt = now;
        return true;
    }

    /** Takes a datagram that arrived from the Join Proxy; anything that is not our answer is dropped. */
    public void onDatagram(long now, byte[] bytes) {
        if (state != State.REQUESTING || request == null) {
            note(Event.STRAY);
            return;
        }
        Message m;
        try {
            m = new ExtendedTokenUdpDataParser().parseMessage(bytes);
        } catch (RuntimeException e) {
            note(Event.DISCARDED);
            return;
        }
        if (m instanceof EmptyMessage) {
            onEmpty(now, m);
            return;
        }
        if (!(m instanceof Response)
                || !Arrays.equals(ExtendedToken.wireBytes(m.getToken()), ExtendedToken.wireBytes(request.token()))
                || (m.getType() == CoAP.Type.ACK && m.getMID() != requestMid)) {
            note(Event.STRAY);
            return;
        }
        Answer answer = exchange.unprotect(bytes, request.sequence());
        if (answer instanceof Answer.Discarded) {
            note(Event.DISCARDED);
            return;
        }
        if (m.getType() == CoAP.Type.CON) {
            // a separate response: acknowledge it, or the JRC side keeps retransmitting
            EmptyMessage ack = new EmptyMessage(CoAP.Type.ACK);
            ack.setMID(m.getMID());
            ack.setToken(Token.EMPTY);
            pendingAck = toJoinProxy(new ExtendedTokenUdpDataSerializer().getByteArray(ack));
            pendingAckAt = now;
        }
        if (answer instanceof Answer.Joined joined) {
            Configuration c = joined.configuration().configuration();
            Optional<UnsupportedConfiguration> problem = check.check(c);
            if (problem.isEmpty()) {
                configuration = c;
                request = null;
                state = State.JOINED;
            } else {
                attemptFailed(now, Event.UNUSABLE, problem);
            }
        } else if (answer instanceof Answer.Refused refused) {
            lastRefusal = refused.diagnostic();
            attemptFailed(now, Event.REFUSED, Optional.empty());
        } else if (answer instanceof Answer.Invalid invalid) {
            attemptFailed(now, Event.UNUSABLE, invalid.unsupported().map(UnsupportedConfiguration::of));
        }
    }

    private void onEmpty(long now, Message m) {
        if (m.getMID() != requestMid || settings.profile() != Profile.RFC9031) {
            note(Event.STRAY);
        } else if (m.getType() == CoAP.Type.RST) {
            attemptFailed(now, Event.COAP_FAILURE, Optional.empty());
        } else if (m.getType() == CoAP.Type.ACK && !emptyAcked) {
            // RFC 7252 §5.2.2: stop retransmitting, wait for the separate response, but not forever
            note(Event.ACKED_EMPTY);
            emptyAcked = true;
            dueAt = firstSentAt + MAX_TRANSMIT_WAIT_MS;
        } else {
            note(Event.STRAY);
        }
    }

    private CojpDatagram toJoinProxy(byte[] bytes) {
        return new CojpDatagram(target.joinProxy(), CojpDatagram.COAP_PORT, bytes);
    }

    private void note(Event e) {
        events.merge(e, 1L, Long::sum);
    }

    /** When {@link #poll} next has something to do; empty when nothing is pending. */
    public OptionalLong nextDeadline() {
        if (pendingAck != null) {
            return OptionalLong.of(pendingAckAt);
        }
        if (state != State.REQUESTING) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(dueAt < 0 ? startedAt : dueAt);
    }

    public State state() {
        return state;
    }

    /** The Configuration of the Join Response the pledge accepted, once {@link State#JOINED}. */
    public Optional<Configuration> configuration() {
        return Optional.ofNullable(configuration);
    }

    /** The diagnostic of the last protected 4.00 the JRC answered, if any. */
    public Optional<UnsupportedConfiguration> lastRefusal() {
        return Optional.ofNullable(lastRefusal);
    }

    /** Attempts that ended without a usable Join Response. */
    public int failedAttempts() {
        return failedAttempts;
    }

    /** The JP and network of the current (or last) attempt. */
    public Optional<JoinTarget> target() {
        return Optional.ofNullable(target);
    }

    /** How often {@code e} happened. */
    public long events(Event e) {
        return events.getOrDefault(e, 0L);
    }

    @Override
    public String toString() {
        return "PledgeJoin[" + exchange.pledge() + ", " + settings.profile() + ", " + state + ", failed attempts "
                + failedAttempts + ", " + events + "]";
    }
}
