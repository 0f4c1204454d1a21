package io.sixjoin.jrc.store;

import io.sixjoin.stack.cojp.PledgeId;
import io.sixjoin.stack.cojp.PreSharedKey;
import java.util.Objects;

/**
 * A pledge the JRC will admit: its identifier (the OSCORE ID Context), the PSK it shares with the JRC and
 * the role it is provisioned for. The generated {@code toString} is safe to log because
 * {@link PreSharedKey#toString()} is redacted.
 */
public record ProvisionedPledge(PledgeId id, PreSharedKey psk, PledgeRole role) {
    public ProvisionedPledge {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(psk, "psk");
        Objects.requireNonNull(role, "role");
    }
}
