package io.sixjoin.cbor.cojp;

import java.util.List;

/**
 * A decoded Configuration together with the parameters RFC 9031 tells the receiver to drop without an
 * error (an invalid Short_Identifier, a JRC address that is not 16 bytes). They are listed so that a node
 * or a JRC test can count and log them instead of losing them silently.
 *
 * @param configuration  what remains after dropping
 * @param ignored        dropped parameters, in wire order
 */
public record ConfigurationDecodeResult(Configuration configuration, List<Ignored> ignored) {
    public ConfigurationDecodeResult {
        ignored = List.copyOf(ignored);
    }

    /**
     * One parameter the decoder dropped on purpose.
     *
     * @param label  which parameter
     * @param why    a short human-readable cause
     */
    public record Ignored(CojpLabel label, String why) {
    }
}
