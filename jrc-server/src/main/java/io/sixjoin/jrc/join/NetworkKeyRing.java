package io.sixjoin.jrc.join;

import io.sixjoin.jrc.store.JrcStore;
import io.sixjoin.jrc.store.KeyState;
import io.sixjoin.jrc.store.NetworkKey;
import java.util.Comparator;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The network's link-layer keys as the JRC hands them out (RFC 9031 §8.4.3): one key per generation, used as
 * both K1 and K2 (key usage 0, 6TiSCH-K1K2-ENC-MIC32, the only usage OpenWSN firmware accepts), with key_id
 * running 1..254 across generations so old and new keys are told apart by their 802.15.4 key index during a
 * rekey. Keys are drawn from the injected generator, which must be a {@code SecureRandom} outside tests.
 */
public final class NetworkKeyRing {
    static final int MAX_KEY_ID = 254;

    private final JrcStore store;
    private final RandomGenerator random;

    public NetworkKeyRing(JrcStore store, RandomGenerator random) {
        this.store = store;
        this.random = random;
    }

    /** The active key, creating generation 1 on a fresh network. */
    public NetworkKey active() {
        List<NetworkKey> active = store.network().inState(KeyState.ACTIVE);
        if (!active.isEmpty()) {
            return active.stream().max(Comparator.comparingInt(NetworkKey::generation)).orElseThrow();
        }
        NetworkKey first = newKey(store.network().latestGeneration().orElse(0) + 1, KeyState.ACTIVE);
        store.network().add(first);
        return first;
    }

    /** Creates the next generation as PENDING: handed to nodes in a rekey, not yet used to send. */
    public NetworkKey createPending() {
        NetworkKey next = newKey(store.network().latestGeneration().orElse(0) + 1, KeyState.PENDING);
        store.network().add(next);
        return next;
    }

    private NetworkKey newKey(int generation, KeyState state) {
        byte[] value = new byte[NetworkKey.KEY_LENGTH];
        random.nextBytes(value);
        int keyId = (generation - 1) % MAX_KEY_ID + 1;
        return new NetworkKey(generation, keyId, 0, value, state);
    }
}
