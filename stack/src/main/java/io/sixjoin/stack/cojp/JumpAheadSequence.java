package io.sixjoin.stack.cojp;

import io.sixjoin.stack.oscore.OscoreNonce;
import java.util.OptionalLong;

/**
 * A {@link NonVolatileSequence} implementing RFC 8613 App. B.1.1: before using a number at least K past the last
 * stored one, the number is written to the {@link Store}; constructing the sequence is a boot, which resumes at
 * stored + K + F and stores that start at once. The store therefore always holds a value S with every number ever
 * used below S + K, so a reboot at any moment — even one right after another reboot, before a single request was
 * sent — resumes above every used number. F is the safety margin App. B.1.1 asks for; K trades flash writes
 * against numbers skipped per reboot. The emulator keeps one {@link InMemoryStore} per mote and builds a new
 * sequence over it on every emulated reboot.
 */
public final class JumpAheadSequence implements NonVolatileSequence {
    /** Write every 16 numbers: a pledge sends a handful of Join Requests, so a reboot skips little. */
    public static final int DEFAULT_K = 16;
    /** Margin above stored + K, in case a write was reported durable a little before it was. */
    public static final int DEFAULT_F = 1;

    /** Non-volatile memory holding one number, written before the numbers it covers are used. */
    public interface Store {
        /** The last value written, empty on a device that never wrote one. */
        OptionalLong load();

        /** Writes {@code value} durably before returning. */
        void save(long value);
    }

    /** A {@link Store} in RAM that outlives the sequences built over it: an emulated mote's flash. */
    public static final class InMemoryStore implements Store {
        private OptionalLong value = OptionalLong.empty();
        private long writes;

        @Override
        public synchronized OptionalLong load() {
            return value;
        }

        @Override
        public synchronized void save(long v) {
            value = OptionalLong.of(v);
            writes++;
        }

        /** How many writes the "flash" took, for wear statistics. */
        public synchronized long writes() {
            return writes;
        }

        @Override
        public String toString() {
            return "InMemoryStore[value=" + (value.isPresent() ? value.getAsLong() : "none") + ", writes=" + writes
                    + "]";
        }
    }

    private final Store store;
    private final int k;
    private long stored;
    private long next;

    /** Boots with {@link #DEFAULT_K} and {@link #DEFAULT_F}. */
    public JumpAheadSequence(Store store) {
        this(store, DEFAULT_K, DEFAULT_F);
    }

    /**
     * Boots: resumes after the stored value, or at 0 on a store never written.
     *
     * @param k write interval, at least 1
     * @param f extra jump after a reboot, at least 0
     */
    public JumpAheadSequence(Store store, int k, int f) {
        if (k < 1 || f < 0) {
            throw new IllegalArgumentException("App. B.1.1 needs K >= 1 and F >= 0, got K=" + k + ", F=" + f);
        }
        this.store = store;
        this.k = k;
        OptionalLong last = store.load();
        long start = last.isPresent() ? last.getAsLong() + k + f : 0;
        checkRange(start);
        // Stored before anything is used: a second reboot before the next periodic write must not land here again.
        store.save(start);
        this.stored = start;
        this.next = start;
    }

    @Override
    public synchronized long next() {
        checkRange(next);
        if (next - stored >= k) {
            store.save(next);
            stored = next;
        }
        return next++;
    }

    @Override
    public synchronized long peek() {
        return next;
    }

    private static void checkRange(long n) {
        if (n > OscoreNonce.MAX_SEQUENCE_NUMBER) {
            throw new IllegalStateException("OSCORE sender sequence numbers exhausted at " + n
                    + "; the pledge's PSK must be re-provisioned");
        }
    }

    @Override
    public synchronized String toString() {
        return "JumpAheadSequence[next=" + next + ", stored=" + stored + ", K=" + k + "]";
    }
}
