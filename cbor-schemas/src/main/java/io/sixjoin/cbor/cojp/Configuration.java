package io.sixjoin.cbor.cojp;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The Configuration object a JRC returns in a Join Response or pushes in a Parameter Update (RFC 9031
 * §8.4.2). Every parameter keeps the distinction between "absent" and "present": an empty blacklist clears
 * the node's list while an absent one leaves it alone, and a join rate of 0 stops join traffic while an
 * absent one means unlimited.
 *
 * @param keySet           link-layer keys (at least one when present)
 * @param shortIdentifier  assigned short address and lease
 * @param jrcAddress       the JRC's 16-byte IPv6 address
 * @param blacklist        pledge identifiers whose frames joined nodes drop; replaces any previous list
 * @param joinRate         bytes per second a Join Proxy may forward towards the JRC
 */
public record Configuration(Optional<List<LinkLayerKey>> keySet, Optional<ShortIdentifier> shortIdentifier,
                            Optional<ByteString> jrcAddress, Optional<List<ByteString>> blacklist,
                            OptionalLong joinRate) {
    public static final int JRC_ADDRESS_LENGTH = 16;

    public Configuration {
        Objects.requireNonNull(shortIdentifier, "shortIdentifier");
        keySet = keySet.map(List::copyOf);
        blacklist = blacklist.map(List::copyOf);
        if (keySet.isPresent() && keySet.get().isEmpty()) {
            throw new IllegalArgumentException("a key set must hold at least one key");
        }
        if (jrcAddress.isPresent() && jrcAddress.get().length() != JRC_ADDRESS_LENGTH) {
            throw new IllegalArgumentException("JRC address must be 16 bytes");
        }
        if (joinRate.isPresent() && joinRate.getAsLong() < 0) {
            throw new IllegalArgumentException("join rate is a uint");
        }
    }

    /** A Configuration with no parameter at all ({@code a0}). */
    public static Configuration empty() {
        return new Configuration(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                OptionalLong.empty());
    }

    public Configuration withKeySet(List<LinkLayerKey> keys) {
        return new Configuration(Optional.of(keys), shortIdentifier, jrcAddress, blacklist, joinRate);
    }

    public Configuration withShortIdentifier(ShortIdentifier id) {
        return new Configuration(keySet, Optional.of(id), jrcAddress, blacklist, joinRate);
    }

    public Configuration withJrcAddress(ByteString address) {
        return new Configuration(keySet, shortIdentifier, Optional.of(address), blacklist, joinRate);
    }

    public Configuration withBlacklist(List<ByteString> pledges) {
        return new Configuration(keySet, shortIdentifier, jrcAddress, Optional.of(pledges), joinRate);
    }

    public Configuration withJoinRate(long bytesPerSecond) {
        return new Configuration(keySet, shortIdentifier, jrcAddress, blacklist, OptionalLong.of(bytesPerSecond));
    }
}
