package io.sixjoin.stack.cojp;

import java.time.Duration;

import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.oscore.OSCoreCtx;

import io.sixjoin.stack.oscore.CaliforniumConfig;
import io.sixjoin.stack.oscore.OscoreContextFactory;
import io.sixjoin.stack.oscore.OscoreContextParameters;

/**
 * The OSCORE profile of CoJP (RFC 9031 §7.3) and the CoAP numbers that go with it (§7.2 Table 1, §8.5 Table 8).
 * A pledge and its JRC share one Security Context, derived from the pledge's PSK with an empty Master Salt, the
 * pledge identifier as ID Context, an empty pledge ID and the JRC ID {@code "JRC"}. The same context, with the
 * same IDs, protects the Join Request (pledge is client) and later Parameter Updates (JRC is client), so this
 * class only distinguishes the two ends, never the direction of an exchange. Contexts come from
 * {@link OscoreContextFactory}, which refuses anything cf-oscore would silently alter.
 */
public final class CojpOscoreProfile {
    /** The JRC's OSCORE ID, {@code h'4a5243'} ("JRC"): the pledge's Recipient ID and the JRC's Sender ID. */
    private static final byte[] JRC_ID_BYTES = {0x4a, 0x52, 0x43};
    /** The pledge's OSCORE ID is the empty byte string; its identity travels as the kid context instead. */
    private static final byte[] PLEDGE_ID_BYTES = {};
    private static final byte[] MASTER_SALT = {};

    /** Uri-Host of every Join Request: the special-use name RFC 9031 §11 reserves. */
    public static final String URI_HOST = "6tisch.arpa";
    /** Uri-Path of the join resource, on the JRC and on joined nodes (Parameter Update). */
    public static final String URI_PATH = "j";
    /** Proxy-Scheme of a Join Request, so the Join Proxy knows to forward it. */
    public static final String PROXY_SCHEME = "coap";

    /** RFC 9031 §7.2 Table 1, during the join. */
    public static final Duration ACK_TIMEOUT = Duration.ofSeconds(10);
    public static final double ACK_RANDOM_FACTOR = 1.5;
    public static final int MAX_RETRANSMIT = 4;
    public static final int NSTART = 1;
    public static final Duration DEFAULT_LEISURE = Duration.ofSeconds(5);
    /** Bytes per second; a Join Proxy replaces it with the join rate it advertises. */
    public static final double PROBING_RATE = 1.0;

    /** RFC 9031 §8.5 Table 8: application-level attempts, distinct from CoAP's {@link #MAX_RETRANSMIT}. */
    public static final int COJP_MAX_JOIN_ATTEMPTS = 4;
    public static final Duration COJP_REKEYING_GUARD_TIME = Duration.ofSeconds(12);

    private CojpOscoreProfile() {
    }

    /** A copy of the JRC ID, {@code 4a5243}. */
    public static byte[] jrcId() {
        return JRC_ID_BYTES.clone();
    }

    /** The pledge's side of its join context: Sender ID empty, Recipient ID the JRC ID. */
    public static OscoreContextParameters pledgeParameters(PreSharedKey psk, PledgeId pledge) {
        return OscoreContextParameters.of(psk.secret(), MASTER_SALT, PLEDGE_ID_BYTES, JRC_ID_BYTES, pledge.bytes());
    }

    /** The JRC's side of a pledge's join context: the pledge's parameters seen from the other end. */
    public static OscoreContextParameters jrcParameters(PreSharedKey psk, PledgeId pledge) {
        return pledgeParameters(psk, pledge).peer();
    }

    /**
     * The pledge's Security Context. It sends the kid context, because every pledge of a JRC has the same empty
     * Sender ID and the JRC can find the right PSK only by the pledge identifier. cf-oscore has a single flag for
     * both directions, so a joined node answering a Parameter Update with this context also repeats the kid
     * context in its response (valid RFC 8613, ignored by the JRC, but 10 bytes on air); a node may clear the
     * flag once it has joined.
     */
    public static OSCoreCtx pledgeContext(PreSharedKey psk, PledgeId pledge) {
        return OscoreContextFactory.create(pledgeParameters(psk, pledge), true);
    }

    /**
     * The JRC's Security Context for one pledge. It sends no kid context: the joined node holds a single
     * context, and RFC 9031's Parameter Update example carries only the kid.
     */
    public static OSCoreCtx jrcContext(PreSharedKey psk, PledgeId pledge) {
        return OscoreContextFactory.create(jrcParameters(psk, pledge), false);
    }

    /** A fresh Californium configuration with the join-time CoAP transmission parameters of Table 1. */
    public static Configuration joinTimeConfiguration() {
        return CaliforniumConfig.withTransmissionParameters(CaliforniumConfig.create(), ACK_TIMEOUT.toMillis(),
                ACK_RANDOM_FACTOR, MAX_RETRANSMIT, NSTART, DEFAULT_LEISURE.toMillis(), PROBING_RATE);
    }
}
