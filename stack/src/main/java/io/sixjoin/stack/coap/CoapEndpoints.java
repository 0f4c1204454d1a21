package io.sixjoin.stack.coap;

import java.net.InetSocketAddress;
import java.util.Objects;

import org.eclipse.californium.core.coap.option.OptionRegistry;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.network.serialization.DataParser;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;

/**
 * Builds Californium CoAP-over-UDP endpoints that speak RFC 8974 extended tokens, which a JRC must do to serve a
 * stateless RFC 9031 Join Proxy. The endpoints differ from stock ones only in their serializer and parser
 * ({@link ExtendedTokenUdpDataSerializer}, {@link ExtendedTokenUdpDataParser}); the rest of Californium copes with
 * long tokens through {@link ExtendedToken}'s 8-byte surrogates. Two limits stay with the caller's configuration:
 * the whole request must fit into {@link UdpConfig#UDP_DATAGRAM_SIZE} (2048 bytes by default, so a state token of
 * a few hundred bytes is fine; larger ones need that value raised), and no UDP datagram can carry the largest
 * tokens RFC 8974 can describe (65804 bytes exceed the 65507-byte IPv4 UDP payload). Pass configurations from
 * {@code io.sixjoin.stack.oscore.CaliforniumConfig}, never Californium's standard one.
 */
public final class CoapEndpoints {
    /** Largest UDP payload over IPv6 without jumbograms: 65535 minus the 8-byte UDP header. */
    public static final int MAX_UDP_PAYLOAD = 65535 - 8;

    /** Extended TKL bytes a long token adds to the header (TKL 14). */
    private static final int EXTENDED_TKL_BYTES = 2;

    private CoapEndpoints() {
    }

    /**
     * A copy of {@code base} whose {@link UdpConfig#UDP_DATAGRAM_SIZE} leaves the datagram budget {@code base}
     * already grants for header, options and payload, on top of a token of {@code tokenLength} bytes. Californium's
     * UDP connector silently drops any datagram above that size before the parser sees it, so a JRC expecting
     * Join Proxy state tokens beyond about 1.5 kB must raise it. The result is capped at {@link #MAX_UDP_PAYLOAD}:
     * tokens near the RFC 8974 maximum do not fit into UDP at all.
     *
     * @param base        configuration to copy; not modified
     * @param tokenLength longest token the endpoint should accept
     * @throws IllegalArgumentException if {@code tokenLength} is negative or above the RFC 8974 maximum
     */
    public static Configuration forTokensUpTo(Configuration base, int tokenLength) {
        Objects.requireNonNull(base, "base");
        if (tokenLength < 0 || tokenLength > ExtendedToken.MAX_LENGTH) {
            throw new IllegalArgumentException("no RFC 8974 token has " + tokenLength + " bytes");
        }
        Configuration config = new Configuration(base);
        long wanted = (long) config.get(UdpConfig.UDP_DATAGRAM_SIZE) + EXTENDED_TKL_BYTES + tokenLength;
        config.set(UdpConfig.UDP_DATAGRAM_SIZE, (int) Math.min(MAX_UDP_PAYLOAD, wanted));
        return config;
    }

    /**
     * A UDP endpoint bound to {@code address} (port 0 for an ephemeral port) with extended-token support; not yet
     * started — adding it to a {@code CoapServer} or starting it is up to the caller.
     *
     * @param config  Californium configuration; its {@link CoapConfig#STRICT_EMPTY_MESSAGE_FORMAT} is honoured
     * @param address local address to bind
     */
    public static CoapEndpoint udp(Configuration config, InetSocketAddress address) {
        return udpBuilder(config, address).build();
    }

    /**
     * A pre-filled builder for callers that need more than the serializer and parser, for example the CoJP OSCORE
     * stack factory and its context database as custom stack argument. Callers must not replace the serializer
     * and parser, and should not set an option registry on the builder (Californium ignores it once a parser is
     * given); use {@link #parser(Configuration, OptionRegistry)} for that.
     *
     * @param config  Californium configuration
     * @param address local address to bind
     */
    public static CoapEndpoint.Builder udpBuilder(Configuration config, InetSocketAddress address) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(address, "address");
        return new CoapEndpoint.Builder()
                .setConfiguration(config)
                .setInetSocketAddress(address)
                .setDataSerializerAndParser(new ExtendedTokenUdpDataSerializer(), parser(config, null));
    }

    /**
     * The extended-token parser configured the way {@code CoapEndpoint.Builder} configures Californium's own UDP
     * parser, so swapping parsers changes nothing but the token handling.
     *
     * @param config         source of {@link CoapConfig#STRICT_EMPTY_MESSAGE_FORMAT}
     * @param optionRegistry option registry, {@code null} for Californium's default
     */
    public static DataParser parser(Configuration config, OptionRegistry optionRegistry) {
        Boolean strict = config.get(CoapConfig.STRICT_EMPTY_MESSAGE_FORMAT);
        return new ExtendedTokenUdpDataParser(Boolean.TRUE.equals(strict), optionRegistry);
    }
}
