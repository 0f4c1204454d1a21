package io.sixjoin.jrc.oscore;

import io.sixjoin.jrc.store.JrcStore;
import io.sixjoin.jrc.store.PledgeRole;
import io.sixjoin.jrc.store.ProvisionedPledge;
import io.sixjoin.jrc.store.StoreException;
import io.sixjoin.stack.cojp.PledgeId;
import io.sixjoin.stack.cojp.PreSharedKey;
import java.util.HexFormat;
import java.util.Optional;

/**
 * What the JRC does when a Join Request names a pledge it has not provisioned. RFC 9031 gives every pledge its
 * own PSK, so the default refuses (the request is dropped silently). OpenWSN firmware, unmodified, uses one
 * well-known PSK for every mote; {@link #OPENWSN_DEFAULT_PSK} admits such motes by provisioning them on first
 * contact with that key, so their OSCORE state is durable like anyone else's. Anyone who has read OpenWSN's
 * source can then join the network, which is why only an explicit operator flag turns it on.
 */
public interface UnknownPledges {
    /** The provisioning to use for {@code id}, or empty to refuse it. */
    Optional<ProvisionedPledge> admit(PledgeId id, JrcStore store);

    UnknownPledges REFUSE = (id, store) -> Optional.empty();

    /** OpenWSN's shared master secret, {@code DEADBEEFCAFEDEADBEEFCAFEDEADBEEF} (openwsn-fw cjoin.c). */
    PreSharedKey OPENWSN_PSK = PreSharedKey.of(HexFormat.of().parseHex("deadbeefcafedeadbeefcafedeadbeef"));

    UnknownPledges OPENWSN_DEFAULT_PSK = (id, store) -> {
        ProvisionedPledge p = new ProvisionedPledge(id, OPENWSN_PSK, PledgeRole.NODE);
        try {
            store.pledges().add(p);
        } catch (StoreException e) {
            // another request provisioned it first; use what the store holds
            return store.pledges().find(id);
        }
        return Optional.of(p);
    };
}
