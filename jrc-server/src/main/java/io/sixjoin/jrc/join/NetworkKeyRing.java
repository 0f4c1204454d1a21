package io.sixjoin.jrc.join;

import io.sixjoin.jrc.store.JrcStore;
import io.sixjoin.jrc.store.KeyState;
import io.sixjoin.jrc.store.NetworkKey;
import java.util.Comparator;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * The network's link-layer keys as the JRC hands them out (RFC 9031 §8.4.3): one key per generation, used as
 * both K1 and K2 (key usage 0, 6TiSCH-K1K2-ENC-MIC32, the only usage OpenWSN firmware accepts), with key_id
 * running 1..254 across generations so old and new keys are told apart by their 802.15.4 key index during a
 * rekey. Keys are drawn from the injected generator, which must be a {@code SecureRandom} outside tests.
 */
public final class NetworkKeyRing {
    static final int MAX_KEY_ID = 254;

    /**
     * How long the key list read from the store is reused. Every join needs it, and reading it twice per join was
     * a sixth of the JRC's time; this process changes keys only through this class (which refreshes at once), so
     * the bound only matters for a change made by another process sharing the store.
     */
    static final long CACHE_NANOS = 500_000_000L;

    private record Snapshot(List<NetworkKey> keys, long readAt) {
    }

    private final JrcStore store;
    private final RandomGenerator random;
    private final LongSupplier nanoClock;
    private volatile Snapshot snapshot;

    public NetworkKeyRing(JrcStore store, RandomGenerator random) {
        this(store, random, System::nanoTime);
    }

    public NetworkKeyRing(JrcStore store, RandomGenerator random, LongSupplier nanoClock) {
        this.store = store;
        this.random = random;
        this.nanoClock = nanoClock;
    }

    /** Every stored key, by generation then key_id (values included: never log them). */
    public List<NetworkKey> current() {
        Snapshot s = snapshot;
        long now = nanoClock.getAsLong();
        if (s == null || now - s.readAt() > CACHE_NANOS) {
            s = new Snapshot(store.network().list(), now);
            snapshot = s;
        }
        return s.keys();
    }

    /** Forgets the cached key list, after a change made through the store directly. */
    public void refresh() {
        snapshot = null;
    }

    /** The active key, creating generation 1 on a fresh network. */
    public NetworkKey active() {
        return current().stream().filter(k -> k.state() == KeyState.ACTIVE)
                .max(Comparator.comparingInt(NetworkKey::generation))
                .orElseGet(this::createFirst);
    }

    private synchronized NetworkKey createFirst() {
        refresh();
        List<NetworkKey> active = store.network().inState(KeyState.ACTIVE);
        if (!active.isEmpty()) {
            return active.get(active.size() - 1);
        }
        NetworkKey first = newKey(store.network().latestGeneration().orElse(0) + 1, KeyState.ACTIVE);
        store.network().add(first);
        refresh();
        return first;
    }

    /** Creates the next generation as PENDING: handed to nodes in a rekey, not yet used to send. */
    public NetworkKey createPending() {
        NetworkKey next = newKey(store.network().latestGeneration().orElse(0) + 1, KeyState.PENDING);
        store.network().add(next);
        refresh();
        return next;
    }

    private NetworkKey newKey(int generation, KeyState state) {
        byte[] value = new byte[NetworkKey.KEY_LENGTH];
        random.nextBytes(value);
        int keyId = (generation - 1) % MAX_KEY_ID + 1;
        return new NetworkKey(generation, keyId, 0, value, state);
    }
}
