package io.sixjoin.emulator.topology;

import java.time.Duration;
import java.util.Objects;

/**
 * A scripted disturbance of a run, taken from the topology/scenario file: the emulator turns each
 * into kernel events at {@link #at()} after ASN 0. The set is closed (sealed) because every kind
 * needs its own handling in the emulator, and a new kind must be a compile error there, not a silent
 * no-op.
 */
public sealed interface Fault {

    /** Virtual time after ASN 0 at which the fault starts. */
    Duration at();

    /**
     * Mote {@code mote} loses its volatile state and restarts (a pledge rejoins; OSCORE sequence
     * numbers must survive as they would in flash).
     */
    record Reboot(Duration at, int mote) implements Fault {
        /** Requires a non-negative start time. */
        public Reboot {
            requireNotNegative(at, "at");
        }
    }

    /** Link a–b runs at {@code prr} for {@code duration}, then returns to what it was. */
    record Degrade(Duration at, int a, int b, double prr, Duration duration) implements Fault {
        /** Requires two motes, a probability and a positive duration. */
        public Degrade {
            requireNotNegative(at, "at");
            requirePositive(duration, "for");
            new LinkSpec(a, b, prr);
        }
    }

    /** The JRC answers nothing for {@code duration}; the mesh itself keeps running. */
    record JrcOutage(Duration at, Duration duration) implements Fault {
        /** Requires a positive duration. */
        public JrcOutage {
            requireNotNegative(at, "at");
            requirePositive(duration, "for");
        }
    }

    private static void requireNotNegative(Duration d, String what) {
        Objects.requireNonNull(d, what);
        if (d.isNegative()) {
            throw new IllegalArgumentException(what + " must not be negative: " + d);
        }
    }

    private static void requirePositive(Duration d, String what) {
        requireNotNegative(d, what);
        if (d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive");
        }
    }
}
