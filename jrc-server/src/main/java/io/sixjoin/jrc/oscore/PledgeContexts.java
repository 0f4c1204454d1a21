package io.sixjoin.jrc.oscore;

import io.sixjoin.jrc.store.JrcStore;
import io.sixjoin.jrc.store.ProvisionedPledge;
import io.sixjoin.jrc.store.ReplayWindowState;
import io.sixjoin.stack.cojp.CojpOscoreProfile;
import io.sixjoin.stack.cojp.PledgeId;
import io.sixjoin.stack.oscore.OscoreContextFactory;
import io.sixjoin.stack.oscore.ReplayWindow;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JRC's OSCORE contexts, found by the pledge identifier a Join Request carries as kid context. Contexts
 * are derived lazily from the store on first use and cached, so a JRC with millions of provisioned pledges holds
 * memory only for those that talk to it, and a pledge added with {@code sixjoin pledges add} while the JRC runs
 * is found on its first request. A cached entry is re-validated against the store after {@link #REVALIDATE}, so
 * a removed pledge (or a changed PSK) stops working without a restart. Lookups of different pledges never wait
 * on each other; the map locks per entry.
 */
public final class PledgeContexts {
    /** How long a cached context is trusted before the store is asked again whether the pledge still exists. */
    public static final Duration REVALIDATE = Duration.ofSeconds(10);

    private record Entry(ProvisionedPledge pledge, DurableContext context, Instant checkedAt) {
    }

    private final JrcStore store;
    private final Clock clock;
    private final int maxCached;
    private final UnknownPledges unknownPledges;
    private final ConcurrentHashMap<PledgeId, Entry> cache = new ConcurrentHashMap<>();

    /**
     * @param unknownPledges what to do with a pledge the store does not know: {@link UnknownPledges#REFUSE}
     *                       (the RFC 9031 way), or OpenWSN's insecure shared default PSK
     */
    public PledgeContexts(JrcStore store, Clock clock, int maxCached, UnknownPledges unknownPledges) {
        this.store = store;
        this.clock = clock;
        this.maxCached = maxCached;
        this.unknownPledges = unknownPledges;
    }

    /** The context and provisioning of {@code id}, or empty if the pledge is not provisioned. */
    public Optional<Resolved> resolve(PledgeId id) {
        Instant now = clock.instant();
        Entry e = cache.get(id);
        if (e != null && Duration.between(e.checkedAt(), now).compareTo(REVALIDATE) < 0) {
            return Optional.of(new Resolved(e.pledge(), e.context()));
        }
        Optional<ProvisionedPledge> stored = store.pledges().find(id);
        if (stored.isEmpty()) {
            stored = unknownPledges.admit(id, store);
        }
        if (stored.isEmpty()) {
            cache.remove(id);
            return Optional.empty();
        }
        ProvisionedPledge pledge = stored.get();
        Entry fresh = cache.compute(id, (k, old) -> {
            if (old != null && old.pledge().psk().equals(pledge.psk())) {
                return new Entry(pledge, old.context(), now); // keep the live window and sender state
            }
            return new Entry(pledge, derive(pledge), now);
        });
        trim();
        return Optional.of(new Resolved(fresh.pledge(), fresh.context()));
    }

    /** A cached context, for sending a Parameter Update to a joined node; derives it if needed. */
    public Optional<DurableContext> context(PledgeId id) {
        return resolve(id).map(Resolved::context);
    }

    public int cachedCount() {
        return cache.size();
    }

    /** A provisioned pledge with its live context. */
    public record Resolved(ProvisionedPledge pledge, DurableContext context) {
    }

    private DurableContext derive(ProvisionedPledge pledge) {
        DurableContext ctx = OscoreContextFactory.create(
                CojpOscoreProfile.jrcParameters(pledge.psk(), pledge.id()), false, DurableContext::new);
        ReplayWindow window = store.oscore().loadReplayWindow(pledge.id())
                .map(PledgeContexts::toWindow).orElse(ReplayWindow.EMPTY);
        long ceiling = store.oscore().senderSequenceCeiling(pledge.id()).orElse(0);
        ctx.restore(pledge.id(), new StorePersistence(store), window, ceiling);
        return ctx;
    }

    private static ReplayWindow toWindow(ReplayWindowState s) {
        return new ReplayWindow(s.highestSeq(), s.bitmap());
    }

    private void trim() {
        // Crude but bounded: when over the cap, drop arbitrary entries. Their state is in the store, so a
        // dropped context is re-derived on its next request with nothing lost.
        // A context whose window is accepted but not yet committed is kept: re-derived from the store, it would
        // accept a copy of that request again.
        if (cache.size() > maxCached) {
            var it = cache.values().iterator();
            while (cache.size() > maxCached * 9L / 10 && it.hasNext()) {
                if (!it.next().context().hasUnsettledState()) {
                    it.remove();
                }
            }
        }
    }

    /** Writes through to the JRC store; each call is its own committed transaction. */
    private record StorePersistence(JrcStore store) implements DurableContext.Persistence {
        @Override
        public void saveReplayWindow(PledgeId pledge, ReplayWindow window) {
            store.oscore().saveReplayWindow(pledge, window.highest(), window.bitmap());
        }

        @Override
        public void reserveSenderSequence(PledgeId pledge, long ceiling) {
            store.oscore().reserveSenderSequence(pledge, ceiling);
        }
    }
}
