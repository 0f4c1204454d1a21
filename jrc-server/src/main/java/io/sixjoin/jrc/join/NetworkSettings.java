package io.sixjoin.jrc.join;

import io.sixjoin.cbor.cojp.ByteString;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the JRC tells every pledge of one network besides keys and short addresses (RFC 9031 §8.4.2): the network
 * identifier it checks Join Requests against, and the optional lease time (hours), JRC address (16 bytes, sent
 * when the JRC is not co-located with the 6LBR) and join rate (bytes/s a Join Proxy may forward).
 */
public record NetworkSettings(byte[] networkId, OptionalLong leaseHours, Optional<ByteString> jrcAddress,
        OptionalLong joinRate) {
    public NetworkSettings {
        Objects.requireNonNull(networkId, "networkId");
        if (networkId.length == 0) {
            throw new IllegalArgumentException("the network identifier must not be empty");
        }
        networkId = networkId.clone();
        jrcAddress.ifPresent(a -> {
            if (a.length() != 16) {
                throw new IllegalArgumentException("the JRC address is an IPv6 address (16 bytes), got " + a.length());
            }
        });
    }

    public static NetworkSettings of(byte[] networkId) {
        return new NetworkSettings(networkId, OptionalLong.empty(), Optional.empty(), OptionalLong.empty());
    }

    @Override
    public byte[] networkId() {
        return networkId.clone();
    }

    /** The identifier in lower-case hex, the form the store keys joined nodes by. */
    public String networkIdHex() {
        return HexFormat.of().formatHex(networkId);
    }
}
