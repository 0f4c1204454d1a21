package io.sixjoin.stack.oscore;

import java.util.concurrent.TimeUnit;

import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.SystemConfig;
import org.eclipse.californium.elements.config.UdpConfig;

/**
 * The one place sixjoin makes a Californium {@link Configuration}. Every endpoint, server and OSCORE context
 * we build must be handed a configuration from here: Californium's implicit fallback,
 * {@code Configuration.getStandard()}, writes {@code Californium3.properties} into whatever directory the
 * process happens to run in, and silently reads it back on the next start, so a stray file could change
 * timeouts in production without anyone noticing. The configuration made here is built from explicitly listed
 * modules and never touches the file system or the process-wide "standard" instance.
 */
public final class CaliforniumConfig {
    /** Name of the file Californium would create; tests look for it to prove we never reach the fallback. */
    public static final String PROPERTIES_FILE_NAME = "Californium3.properties";

    private CaliforniumConfig() {
    }

    /**
     * A fresh configuration with Californium's defaults for the system, UDP and CoAP modules. Each call returns
     * a new mutable instance, so callers may adjust it without affecting others.
     */
    public static Configuration create() {
        // The module-list constructor keeps its own definitions; it neither consults nor replaces the standard.
        return new Configuration(SystemConfig.DEFINITIONS, UdpConfig.DEFINITIONS, CoapConfig.DEFINITIONS);
    }

    /**
     * A copy of {@code base} with the RFC 7252 §4.8 transmission parameters replaced, and the derived lifetimes
     * recomputed (RFC 7252 §4.8.2) so that exchanges are not forgotten before their last retransmission.
     *
     * @param ackTimeoutMillis ACK_TIMEOUT
     * @param ackRandomFactor  ACK_RANDOM_FACTOR
     * @param maxRetransmit    MAX_RETRANSMIT
     * @param nstart           NSTART
     * @param leisureMillis    DEFAULT_LEISURE
     * @param probingRate      PROBING_RATE in bytes per second
     */
    public static Configuration withTransmissionParameters(Configuration base, long ackTimeoutMillis,
            double ackRandomFactor, int maxRetransmit, int nstart, long leisureMillis, double probingRate) {
        if (ackTimeoutMillis <= 0 || ackRandomFactor < 1.0 || maxRetransmit < 0 || nstart < 1 || leisureMillis < 0
                || probingRate <= 0) {
            throw new IllegalArgumentException("invalid CoAP transmission parameters");
        }
        Configuration cfg = new Configuration(base);
        cfg.set(CoapConfig.ACK_TIMEOUT, ackTimeoutMillis, TimeUnit.MILLISECONDS);
        cfg.set(CoapConfig.ACK_INIT_RANDOM, (float) ackRandomFactor);
        cfg.set(CoapConfig.ACK_TIMEOUT_SCALE, 2.0f);
        cfg.set(CoapConfig.MAX_RETRANSMIT, maxRetransmit);
        cfg.set(CoapConfig.NSTART, nstart);
        cfg.set(CoapConfig.LEISURE, leisureMillis, TimeUnit.MILLISECONDS);
        cfg.set(CoapConfig.PROBING_RATE, (float) probingRate);

        long retransmissionSpan = 1L << maxRetransmit;
        // Californium caps each back-off at MAX_ACK_TIMEOUT (60 s by default), which would silently shorten
        // the last waits of a 10 s ACK_TIMEOUT schedule; lift the cap to the largest timeout RFC 7252 allows.
        long lastTimeout = (long) Math.ceil(ackTimeoutMillis * ackRandomFactor * retransmissionSpan);
        cfg.set(CoapConfig.MAX_ACK_TIMEOUT, Math.max(lastTimeout, ackTimeoutMillis), TimeUnit.MILLISECONDS);

        long maxTransmitSpan = (long) Math.ceil(ackTimeoutMillis * (retransmissionSpan - 1) * ackRandomFactor);
        long maxTransmitWait = (long) Math.ceil(ackTimeoutMillis * (2 * retransmissionSpan - 1) * ackRandomFactor);
        long maxLatency = cfg.get(CoapConfig.MAX_LATENCY, TimeUnit.MILLISECONDS);
        long processingDelay = ackTimeoutMillis;
        cfg.set(CoapConfig.MAX_TRANSMIT_WAIT, maxTransmitWait, TimeUnit.MILLISECONDS);
        long exchangeLifetime = maxTransmitSpan + 2 * maxLatency + processingDelay;
        cfg.set(CoapConfig.EXCHANGE_LIFETIME, exchangeLifetime, TimeUnit.MILLISECONDS);
        // A crop-rotation deduplicator must remember a request at least as long as it may be retransmitted.
        cfg.set(CoapConfig.CROP_ROTATION_PERIOD, exchangeLifetime, TimeUnit.MILLISECONDS);
        cfg.set(CoapConfig.NON_LIFETIME, maxTransmitSpan + maxLatency, TimeUnit.MILLISECONDS);
        return cfg;
    }
}
