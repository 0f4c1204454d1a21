package io.sixjoin.emulator.tsch;

import io.sixjoin.stack.ieee802154.Ieee802154Frame;
import io.sixjoin.stack.ieee802154.security.LinkKey;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Remembers, for the slot being resolved, the outcome of verifying a secured frame with a key. A
 * broadcast EB reaches hundreds of listeners that all hold the same K1, and each would otherwise run the
 * same AES-CCM* over the same bytes with the same nonce. The cache is keyed by the whole frame (content
 * equality, sender address and security header included), the key (by value) and the ASN, so a mote
 * holding a different key still computes, and fails, on its own: the shortcut cannot make a wrong key
 * work. The network clears it at every cell, which bounds it to one slot's frames.
 */
final class VerificationCache {

    private record Entry(Ieee802154Frame secured, LinkKey key, long asn) {
    }

    private final Map<Entry, Optional<Ieee802154Frame>> outcomes = new HashMap<>();
    private long hits;
    private long misses;

    /** The plain frame, or null if it does not verify, computing it with {@code verify} only once. */
    Ieee802154Frame verify(Ieee802154Frame secured, LinkKey key, long asn, Supplier<Ieee802154Frame> verify) {
        Entry e = new Entry(secured, key, asn);
        Optional<Ieee802154Frame> known = outcomes.get(e);
        if (known != null) {
            hits++;
            return known.orElse(null);
        }
        misses++;
        Ieee802154Frame plain = verify.get();
        outcomes.put(e, Optional.ofNullable(plain));
        return plain;
    }

    /** Forgets everything (a new slot). */
    void clear() {
        if (!outcomes.isEmpty()) {
            outcomes.clear();
        }
    }

    /** Verifications answered from the cache. */
    long hits() {
        return hits;
    }

    /** Verifications computed. */
    long misses() {
        return misses;
    }

    @Override
    public String toString() {
        return "VerificationCache[" + outcomes.size() + " entries, " + hits + " hits, " + misses + " misses]";
    }
}
