package io.sixjoin.emulator.kernel;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Derives independent random streams from one run seed. Each stream is addressed by a purpose
 * ("rx", "backoff", "topology", ...) and, for per-mote streams, the mote's index; its seed is a hash of
 * (run seed, purpose, index) and nothing else. So adding a mote, or a mechanism drawing more numbers,
 * never shifts another mote's stream — a property a single shared generator cannot give. Streams are
 * {@link SplittableRandom}s: fast, not thread-safe, and fully specified, so the same seed gives the
 * same numbers on every JVM.
 */
public final class SeededRandom {

    private static final long GOLDEN = 0x9e3779b97f4a7c15L;

    private final long runSeed;

    /** Streams derived from {@code runSeed}. */
    public SeededRandom(long runSeed) {
        this.runSeed = runSeed;
    }

    /** The seed everything derives from (print it so a run can be repeated). */
    public long runSeed() {
        return runSeed;
    }

    /** The stream of mote {@code index} for {@code purpose}. */
    public SplittableRandom forMote(int index, String purpose) {
        if (index < 0) {
            throw new IllegalArgumentException("mote index must be non-negative: " + index);
        }
        return new SplittableRandom(seedFor(purpose, index));
    }

    /** The general-purpose stream of mote {@code index}. */
    public SplittableRandom forMote(int index) {
        return forMote(index, "mote");
    }

    /** A stream for something that is not one mote (topology drawing, scenario jitter, ...). */
    public SplittableRandom forPurpose(String purpose) {
        return new SplittableRandom(seedFor(purpose, -1));
    }

    /** The seed of the stream for (purpose, index); index -1 for non-mote streams. */
    long seedFor(String purpose, long index) {
        Objects.requireNonNull(purpose, "purpose");
        long h = mix(runSeed ^ GOLDEN);
        for (byte b : purpose.getBytes(StandardCharsets.UTF_8)) {
            h = mix(h ^ (b & 0xFF));
        }
        // the length keeps ("ab", i) and ("a", ...) from meeting by accident of the byte walk
        h = mix(h ^ purpose.length());
        return mix(h + GOLDEN * (index + 2));
    }

    /** The SplitMix64 finaliser: a bijection that scatters nearby inputs. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    @Override
    public String toString() {
        return "SeededRandom[seed=" + runSeed + "]";
    }
}
