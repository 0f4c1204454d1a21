package io.sixjoin.stack.cojp;

import io.sixjoin.cbor.cojp.ByteString;
import io.sixjoin.cbor.cojp.Configuration;
import io.sixjoin.stack.coap.ExtendedToken;
import io.sixjoin.stack.coap.ExtendedTokenUdpDataParser;
import io.sixjoin.stack.coap.ExtendedTokenUdpDataSerializer;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.EmptyMessage;
import org.eclipse.californium.core.coap.Message;
import org.eclipse.californium.core.coap.Option;
import org.eclipse.californium.core.coap.OptionSet;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.coap.Token;
import org.eclipse.californium.oscore.OscoreOptionDecoder;

/**
 * A stateless RFC 9031 Join Proxy (§5, §7.1) with no transport: {@link #onFromPledge} turns a pledge's link-local
 * Join Request into the datagram for the JRC, {@link #onFromJrc} turns the JRC's answer into the datagram for the
 * pledge. In the {@link Mode#TOKEN} mode the pledge's address, port, token, Message ID and type travel sealed in the
 * token of a NON request ({@link ProxyStateSealer}), so the pledge gets its own token back and, for a CON, a
 * piggybacked ACK with its own Message ID — never an empty ACK that would stop its retransmissions while the NON
 * to the JRC may still be lost. In the {@link Mode#OPENWSN_OPTION_40} mode it behaves like openwsn-fw's proxy:
 * option 40 carries the pledge IID (and port if not 5683) in clear and the request goes to the DODAG root. Both
 * strip Uri-Host and Proxy-Scheme, honour the join rate and the blacklist of the last Configuration, and count
 * every drop by reason; nothing hostile input does can make them throw or grow. Times are milliseconds of the
 * caller's clock. Not thread-safe: one instance per node, driven by one thread (the emulator's event loop, or a
 * socket reader).
 */
public final class StatelessJoinProxy {
    /** Where the per-pledge state travels. */
    public enum Mode { TOKEN, OPENWSN_OPTION_40 }

    /** Counted outcomes. */
    public enum Event {
        FORWARDED_TO_JRC, FORWARDED_TO_PLEDGE, ACKED_JRC,
        DROP_MALFORMED, DROP_NOT_JOIN_REQUEST, DROP_NOT_LINK_LOCAL, DROP_TOKEN_TOO_LONG, DROP_NO_JRC,
        DROP_JOIN_RATE_ZERO, DROP_RATE_LIMITED, DROP_BLACKLISTED,
        DROP_NOT_RESPONSE, DROP_STATE_MALFORMED, DROP_STATE_FORGED, DROP_STATE_EXPIRED, DROP_STATE_REPLAYED
    }

    /**
     * DSCP the transport should set on datagrams this proxy sends to the JRC (RFC 9031 §6.1.1, AF43 = 0b100110);
     * the proxy only builds the CoAP bytes, so the IPv6 header is the caller's.
     */
    public static final int DSCP_AF43 = 38;

    /** MAX_RTT with the §7.2 parameters (cojp.md §3.6): how long a sealed state stays valid by default. */
    public static final long DEFAULT_STATE_LIFETIME_MS = 210_000;

    private final Mode mode;
    private final ProxyStateSealer sealer;
    private final JoinRateLimiter limiter = new JoinRateLimiter();
    private final Map<Event, Long> events = new EnumMap<>(Event.class);
    private Set<ByteString> blacklist = Set.of();
    private Inet6Address jrc;
    private int nextMid;

    /**
     * @param rand draws the state-sealing key and the first Message ID; a CSPRNG outside the emulator
     * @param jrc  the JRC (TOKEN mode) or DODAG root (OpenWSN mode) address, if known yet
     */
    public StatelessJoinProxy(Mode mode, RandomGenerator rand, Optional<Inet6Address> jrc, long stateLifetimeMs) {
        this.mode = Objects.requireNonNull(mode, "mode");
        this.sealer = new ProxyStateSealer(rand, stateLifetimeMs);
        this.jrc = jrc.orElse(null);
        this.nextMid = rand.nextInt(0x10000);
    }

    public StatelessJoinProxy(Mode mode, RandomGenerator rand, Optional<Inet6Address> jrc) {
        this(mode, rand, jrc, DEFAULT_STATE_LIFETIME_MS);
    }

    /** Sets where join traffic goes: the JRC address of label 4, or the DODAGID when it is absent. */
    public void setJrc(Inet6Address address) {
        this.jrc = Objects.requireNonNull(address, "address");
    }

    /**
     * Applies what a Join Response or Parameter Update says to a JP: the JRC address, the blacklist (which
     * replaces the previous one) and the join rate. An absent parameter leaves the current value, so before any
     * join rate arrived the rate is +∞ (§8.4.2).
     */
    public void configure(long now, Configuration c) {
        c.jrcAddress().ifPresent(a -> jrc = toAddress(a.toByteArray()));
        c.blacklist().ifPresent(list -> blacklist = Set.copyOf(list));
        if (c.joinRate().isPresent()) {
            limiter.setRate(c.joinRate(), now);
        }
    }

    /** Sets the join rate directly; empty is +∞. */
    public void setJoinRate(OptionalLong bytesPerSecond, long now) {
        limiter.setRate(bytesPerSecond, now);
    }

    /** A pledge's datagram; returns the datagram for the JRC, or nothing if it is dropped. */
    public List<CojpDatagram> onFromPledge(long now, InetSocketAddress src, byte[] bytes) {
        if (!(src.getAddress() instanceof Inet6Address pledge) || !ProxyStateSealer.isLinkLocal(pledge)) {
            return drop(Event.DROP_NOT_LINK_LOCAL);
        }
        Request request;
        try {
            Message m = parser().parseMessage(bytes);
            if (!(m instanceof Request r)) {
                return drop(Event.DROP_NOT_JOIN_REQUEST);
            }
            // a parsed message is frozen to its bytes; the copy is what we rewrite
            request = new Request(r.getCode(), r.getType());
            request.setMID(r.getMID());
            request.setToken(r.getToken());
            request.setOptions(new OptionSet(r.getOptions()));
            request.setPayload(r.getPayload());
        } catch (RuntimeException e) {
            return drop(Event.DROP_MALFORMED);
        }
        if (!CojpOscoreProfile.PROXY_SCHEME.equals(request.getOptions().getProxyScheme())
                || !CojpOscoreProfile.URI_HOST.equals(request.getOptions().getUriHost())) {
            return drop(Event.DROP_NOT_JOIN_REQUEST);
        }
        if (isBlacklisted(pledge, request)) {
            return drop(Event.DROP_BLACKLISTED);
        }
        if (limiter.dropsAll()) {
            return drop(Event.DROP_JOIN_RATE_ZERO);
        }
        if (jrc == null) {
            return drop(Event.DROP_NO_JRC);
        }
        request.getOptions().removeProxyScheme().removeUriHost();
        request.getOptions().clearOtherOption(OpenWsnStatelessProxy.OPTION); // only we may say where answers go
        if (mode == Mode.TOKEN) {
            byte[] pledgeToken = ExtendedToken.wireBytes(request.getToken());
            if (pledgeToken.length > ProxyStateSealer.MAX_PLEDGE_TOKEN) {
                return drop(Event.DROP_TOKEN_TOO_LONG);
            }
            byte[] state = sealer.seal(new ProxyStateSealer.PledgeState(pledge, src.getPort(), pledgeToken,
                    request.getMID(), request.isConfirmable()), now);
            request.setToken(ExtendedToken.of(state));
            request.setType(CoAP.Type.NON); // RFC 9031 §7.1: whatever the pledge sent
            request.setMID(takeMid());
        } else {
            byte[] iid = new byte[ProxyStateSealer.IID_LENGTH];
            System.arraycopy(pledge.getAddress(), 8, iid, 0, iid.length);
            ByteBuffer value = ByteBuffer.allocate(src.getPort() == CojpDatagram.COAP_PORT ? 8 : 10).put(iid);
            if (src.getPort() != CojpDatagram.COAP_PORT) {
                value.putShort((short) src.getPort());
            }
            request.getOptions().addOption(new Option(OpenWsnStatelessProxy.OPTION, value.array()));
        }
        byte[] out;
        try {
            out = new ExtendedTokenUdpDataSerializer().getByteArray(request);
        } catch (RuntimeException e) {
            return drop(Event.DROP_MALFORMED);
        }
        if (!limiter.tryAcquire(now, out.length)) {
            return drop(Event.DROP_RATE_LIMITED);
        }
        count(Event.FORWARDED_TO_JRC);
        return List.of(new CojpDatagram(jrc, CojpDatagram.COAP_PORT, out));
    }

    /** The JRC's datagram; returns the datagram for the pledge (and an ACK for a CON answer), or nothing. */
    public List<CojpDatagram> onFromJrc(long now, byte[] bytes) {
        Response response;
        try {
            Message m = parser().parseMessage(bytes);
            if (!(m instanceof Response r)) {
                return drop(Event.DROP_NOT_RESPONSE);
            }
            response = new Response(r.getCode());
            response.setType(r.getType());
            response.setMID(r.getMID());
            response.setToken(r.getToken());
            response.setOptions(new OptionSet(r.getOptions()));
            response.setPayload(r.getPayload());
        } catch (RuntimeException e) {
            return drop(Event.DROP_MALFORMED);
        }
        List<CojpDatagram> out = new ArrayList<>(2);
        Inet6Address pledge;
        int port;
        int jrcMid = response.getMID();
        boolean jrcCon = response.isConfirmable();
        if (mode == Mode.TOKEN) {
            ProxyStateSealer.Opened opened = sealer.open(ExtendedToken.wireBytes(response.getToken()), now);
            if (!opened.ok()) {
                return drop(switch (opened.refusal()) {
                    case MALFORMED -> Event.DROP_STATE_MALFORMED;
                    case FORGED -> Event.DROP_STATE_FORGED;
                    case EXPIRED -> Event.DROP_STATE_EXPIRED;
                    case REPLAYED -> Event.DROP_STATE_REPLAYED;
                });
            }
            ProxyStateSealer.PledgeState s = opened.state();
            pledge = s.pledge();
            port = s.port();
            response.setToken(ExtendedToken.of(s.token()));
            response.setType(s.confirmable() ? CoAP.Type.ACK : CoAP.Type.NON);
            response.setMID(s.confirmable() ? s.messageId() : takeMid());
        } else {
            List<Option> state = response.getOptions().getOthers(OpenWsnStatelessProxy.OPTION);
            if (state.size() != 1 || (state.get(0).getLength() != 8 && state.get(0).getLength() != 10)) {
                return drop(Event.DROP_STATE_MALFORMED);
            }
            byte[] v = state.get(0).getValue();
            byte[] address = new byte[16];
            address[0] = (byte) 0xfe;
            address[1] = (byte) 0x80;
            System.arraycopy(v, 0, address, 8, 8);
            pledge = toAddress(address);
            port = v.length == 10 ? ((v[8] & 0xff) << 8) | (v[9] & 0xff) : CojpDatagram.COAP_PORT;
            response.getOptions().clearOtherOption(OpenWsnStatelessProxy.OPTION);
        }
        if (jrcCon && jrc != null) {
            EmptyMessage ack = new EmptyMessage(CoAP.Type.ACK);
            ack.setMID(jrcMid);
            ack.setToken(Token.EMPTY);
            out.add(new CojpDatagram(jrc, CojpDatagram.COAP_PORT, new ExtendedTokenUdpDataSerializer()
                    .getByteArray(ack)));
            count(Event.ACKED_JRC);
        }
        try {
            out.add(new CojpDatagram(pledge, port, new ExtendedTokenUdpDataSerializer().getByteArray(response)));
        } catch (RuntimeException e) {
            return drop(Event.DROP_MALFORMED);
        }
        count(Event.FORWARDED_TO_PLEDGE);
        return out;
    }

    /** By the pledge identifier in clear in the OSCORE kid context, or the EUI-64 behind its link-local IID. */
    private boolean isBlacklisted(Inet6Address pledge, Request request) {
        if (blacklist.isEmpty()) {
            return false;
        }
        byte[] eui64 = new byte[8];
        System.arraycopy(pledge.getAddress(), 8, eui64, 0, 8);
        eui64[0] ^= 0x02; // RFC 4291 App. A: the IID inverts the universal/local bit
        if (blacklist.contains(ByteString.of(eui64))) {
            return true;
        }
        byte[] oscore = request.getOptions().getOscore();
        if (oscore == null) {
            return false;
        }
        try {
            byte[] kidContext = new OscoreOptionDecoder(oscore).getIdContext();
            return kidContext != null && blacklist.contains(ByteString.of(kidContext));
        } catch (Exception e) {
            return false; // not ours to judge; the JRC drops what it cannot decode
        }
    }

    private static ExtendedTokenUdpDataParser parser() {
        return new ExtendedTokenUdpDataParser(false, OpenWsnStatelessProxy.REGISTRY);
    }

    private int takeMid() {
        int mid = nextMid;
        nextMid = (nextMid + 1) & 0xffff;
        return mid;
    }

    private static Inet6Address toAddress(byte[] sixteen) {
        try {
            return Inet6Address.getByAddress(null, sixteen, null);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("16 bytes are always an IPv6 address", e);
        }
    }

    private List<CojpDatagram> drop(Event e) {
        count(e);
        return List.of();
    }

    private void count(Event e) {
        events.merge(e, 1L, Long::sum);
    }

    /** How often {@code e} happened. */
    public long events(Event e) {
        return events.getOrDefault(e, 0L);
    }

    /** A copy of all counters. */
    public Map<Event, Long> events() {
        return new EnumMap<>(events);
    }

    /** The blacklist in force, which the link layer also applies to every frame (RFC 9031 §8.4.2). */
    public Set<ByteString> blacklist() {
        return blacklist;
    }

    public Mode mode() {
        return mode;
    }

    @Override
    public String toString() {
        return "StatelessJoinProxy[" + mode + ", jrc " + (jrc == null ? "unknown" : jrc.getHostAddress()) + ", "
                + limiter + ", " + blacklist.size() + " blacklisted, " + events + "]";
    }
}
