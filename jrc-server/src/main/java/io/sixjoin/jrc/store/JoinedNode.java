package io.sixjoin.jrc.store;

import io.sixjoin.stack.cojp.PledgeId;
import java.time.Instant;
import java.util.Objects;

/**
 * A pledge that completed its join: the network it joined, the role it joined as, the short address the
 * JRC gave it, when, and the generation of the network keys it received (so rekeying knows who still
 * holds an old generation).
 */
public record JoinedNode(PledgeId pledge, String networkId, PledgeRole role, ShortAddress shortAddress,
        Instant joinedAt, int keyGeneration) {
    public JoinedNode {
        Objects.requireNonNull(pledge, "pledge");
        Objects.requireNonNull(networkId, "networkId");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(shortAddress, "shortAddress");
        Objects.requireNonNull(joinedAt, "joinedAt");
    }
}
