package io.sixjoin.stack.cojp;

import io.sixjoin.cbor.cojp.CojpLabel;
import io.sixjoin.cbor.cojp.Configuration;
import io.sixjoin.cbor.cojp.ConfigurationCodec;
import io.sixjoin.cbor.cojp.KeyUsage;
import io.sixjoin.cbor.cojp.LinkLayerKey;
import io.sixjoin.cbor.cojp.UnsupportedCode;
import io.sixjoin.cbor.cojp.UnsupportedConfiguration;
import io.sixjoin.cbor.cojp.UnsupportedParameter;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a node can act on a decoded Configuration — what its radio and stack support, which the CDDL cannot
 * know. A pledge that cannot act on a Join Response reports the answer in label 8 of its next Join_Request
 * (RFC 9031 §8.4.1); a joined node that cannot act on a Parameter Update answers a protected 4.00 (§8.3.1). Both
 * {@link PledgeJoin} and {@link JoinedNodeServer} take one, so the emulator describes a mote's abilities once.
 */
@FunctionalInterface
public interface ConfigurationCheck {
    /** Empty when the node can use {@code configuration}, else the Unsupported_Configuration to report. */
    Optional<UnsupportedConfiguration> check(Configuration configuration);

    /** A node that can use anything that decodes. */
    static ConfigurationCheck acceptAll() {
        return c -> Optional.empty();
    }

    /**
     * Refuses keys whose usage the node's radio cannot apply (openwsn-fw only does 6TiSCH-K1K2-ENC-MIC32):
     * Unsupported, with the unusable subset of the key set, in its normal structure, as addinfo (§8.4.5).
     */
    static ConfigurationCheck keyUsagesSupported(Set<KeyUsage> supported) {
        Set<KeyUsage> ok = Set.copyOf(supported);
        return c -> {
            List<LinkLayerKey> bad = c.keySet().orElse(List.of()).stream()
                    .filter(k -> !ok.contains(k.effectiveKeyUsage())).toList();
            if (bad.isEmpty()) {
                return Optional.empty();
            }
            byte[] map = ConfigurationCodec.encode(Configuration.empty().withKeySet(bad));
            byte[] keySet = Arrays.copyOfRange(map, 2, map.length); // after the map header a1 and label 02
            return Optional.of(UnsupportedConfiguration.of(new UnsupportedParameter(UnsupportedCode.UNSUPPORTED,
                    CojpLabel.LINK_LAYER_KEY_SET, keySet)));
        };
    }
}
