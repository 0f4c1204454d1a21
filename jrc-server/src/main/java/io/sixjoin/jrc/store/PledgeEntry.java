package io.sixjoin.jrc.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A provisioned pledge as listed from the store, with the time it was added (from the store's clock), so
 * that an operator can tell stale provisioning from fresh.
 */
public record PledgeEntry(ProvisionedPledge pledge, Instant addedAt) {
    public PledgeEntry {
        Objects.requireNonNull(pledge, "pledge");
        Objects.requireNonNull(addedAt, "addedAt");
    }
}
