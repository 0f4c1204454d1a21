package io.sixjoin.cbor.cojp;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * The Join_Request a pledge sends to the JRC (RFC 9031 §8.4.1). Whether the role was written is kept
 * (not just its effective value) so that a decoded request re-encodes to the same bytes.
 *
 * @param role                      the role as sent; empty when absent (then 6TiSCH Node is meant)
 * @param networkIdentifier         mandatory, non-empty; typically the PAN ID seen in Enhanced Beacons
 * @param unsupportedConfiguration  what the pledge could not act upon in a previous Join Response
 */
public record JoinRequest(Optional<Role> role, byte[] networkIdentifier,
                          Optional<UnsupportedConfiguration> unsupportedConfiguration) {
    public JoinRequest {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(unsupportedConfiguration, "unsupportedConfiguration");
        networkIdentifier = networkIdentifier.clone();
        if (networkIdentifier.length == 0) {
            throw new IllegalArgumentException("network identifier must not be empty");
        }
    }

    /** The minimal request: role absent, no unsupported configuration. */
    public static JoinRequest of(byte[] networkIdentifier) {
        return new JoinRequest(Optional.empty(), networkIdentifier, Optional.empty());
    }

    /** The role a JRC must assume: the one sent, or 6TiSCH Node when absent. */
    public Role effectiveRole() {
        return role.orElse(Role.NODE);
    }

    @Override
    public byte[] networkIdentifier() {
        return networkIdentifier.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JoinRequest j && role.equals(j.role)
                && Arrays.equals(networkIdentifier, j.networkIdentifier)
                && unsupportedConfiguration.equals(j.unsupportedConfiguration);
    }

    @Override
    public int hashCode() {
        return Objects.hash(role, Arrays.hashCode(networkIdentifier), unsupportedConfiguration);
    }

    @Override
    public String toString() {
        return "JoinRequest[role=" + role.map(Role::toString).orElse("absent") + ", networkIdentifier=h'"
                + HexFormat.of().formatHex(networkIdentifier) + "', unsupportedConfiguration="
                + unsupportedConfiguration.map(Object::toString).orElse("absent") + "]";
    }
}
