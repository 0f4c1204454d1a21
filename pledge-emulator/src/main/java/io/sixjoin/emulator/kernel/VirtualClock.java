package io.sixjoin.emulator.kernel;

import java.time.Duration;

/**
 * The emulator's notion of "now": virtual microseconds since the start of ASN 0, read as a TSCH
 * Absolute Slot Number plus an offset inside the slot. Only the {@link EventKernel} that owns a clock
 * moves it, and only forward, so every mechanism that is handed a clock sees the same monotonic time
 * whether the run is paced to the wall clock or not. The slot length defaults to the 10 ms of the
 * RFC 8180 default timeslot template; microsecond resolution is fine enough for 32 µs symbols and
 * still leaves 292,000 years of range in a {@code long}.
 */
public final class VirtualClock {

    /** The default TSCH timeslot (RFC 8180 §4.4, macTimeslotTemplateId 0). */
    public static final Duration DEFAULT_SLOT = Duration.ofMillis(10);

    private final long slotMicros;
    private long nowMicros;

    /** A clock at ASN 0 with 10 ms slots. */
    public VirtualClock() {
        this(DEFAULT_SLOT);
    }

    /**
     * A clock at ASN 0 with the given slot length.
     *
     * @throws IllegalArgumentException if the slot is not a positive whole number of microseconds
     */
    public VirtualClock(Duration slot) {
        if (slot.isNegative() || slot.isZero() || slot.toNanos() % 1_000 != 0) {
            throw new IllegalArgumentException("slot must be a positive whole number of microseconds: " + slot);
        }
        this.slotMicros = slot.toNanos() / 1_000;
    }

    /** Length of one slot in microseconds. */
    public long slotMicros() {
        return slotMicros;
    }

    /** Length of one slot. */
    public Duration slot() {
        return Duration.ofNanos(slotMicros * 1_000);
    }

    /** Virtual microseconds since the start of ASN 0. */
    public long nowMicros() {
        return nowMicros;
    }

    /** The current Absolute Slot Number. */
    public long asn() {
        return nowMicros / slotMicros;
    }

    /** Microseconds elapsed since the start of the current slot. */
    public long offsetInSlot() {
        return nowMicros % slotMicros;
    }

    /** Virtual time elapsed since ASN 0. */
    public Duration elapsed() {
        return Duration.ofNanos(Math.multiplyExact(nowMicros, 1_000L));
    }

    /** The virtual time at which slot {@code asn} starts, in microseconds. */
    public long startOf(long asn) {
        return Math.multiplyExact(asn, slotMicros);
    }

    /**
     * The virtual time {@code offsetMicros} into slot {@code asn}.
     *
     * @throws IllegalArgumentException if the offset does not lie inside the slot
     */
    public long timeOf(long asn, long offsetMicros) {
        if (offsetMicros < 0 || offsetMicros >= slotMicros) {
            throw new IllegalArgumentException("offset " + offsetMicros + " µs is outside a " + slotMicros + " µs slot");
        }
        return Math.addExact(startOf(asn), offsetMicros);
    }

    /** The duration of {@code slots} whole slots. */
    public Duration durationOf(long slots) {
        return Duration.ofNanos(Math.multiplyExact(Math.multiplyExact(slots, slotMicros), 1_000L));
    }

    /**
     * The number of whole slots in {@code d}, rounded up so that "wait at least d" never wakes early.
     *
     * @throws IllegalArgumentException if {@code d} is negative
     */
    public long slotsCovering(Duration d) {
        long micros = toMicros(d);
        return Math.floorDiv(micros + slotMicros - 1, slotMicros);
    }

    /** The ASN that contains the instant {@code d} after the start of ASN 0. */
    public long asnAt(Duration d) {
        return toMicros(d) / slotMicros;
    }

    /**
     * {@code d} in whole microseconds, rounded up.
     *
     * @throws IllegalArgumentException if {@code d} is negative
     */
    public static long toMicros(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("negative duration: " + d);
        }
        long micros = Math.multiplyExact(d.getSeconds(), 1_000_000L);
        return Math.addExact(micros, (d.getNano() + 999) / 1_000);
    }

    /** Moves time forward; only the owning kernel calls this. */
    void advanceTo(long micros) {
        if (micros < nowMicros) {
            throw new IllegalStateException("time would go backwards: " + micros + " < " + nowMicros);
        }
        nowMicros = micros;
    }

    @Override
    public String toString() {
        return "ASN " + asn() + " +" + offsetInSlot() + "µs";
    }
}
