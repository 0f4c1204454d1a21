package io.sixjoin.emulator.kernel;

import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Decides how virtual time relates to the wall clock. {@link #unpaced()} ({@code --time virtual})
 * never waits, so a run goes as fast as the CPU allows; {@link #realTime} ({@code --time real}) sleeps
 * before the kernel moves the clock so that virtual time since the first event tracks wall time since
 * then, scaled by a speed factor. Both the wall clock and the sleeper are injected, so tests pace
 * without sleeping. When the emulator falls behind, the pacer does not sleep and does not try to
 * "catch up" by skipping; it records how far behind it ran, for the run summary.
 */
public final class Pacer {

    /** Waits for wall time to pass. */
    @FunctionalInterface
    public interface Sleeper {
        /** Blocks for about {@code nanos} nanoseconds. */
        void sleepNanos(long nanos) throws InterruptedException;

        /** The real thing: {@link Thread#sleep(long, int)}. */
        static Sleeper system() {
            return nanos -> Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        }
    }

    private static final Pacer UNPACED = new Pacer(0, null, null);

    private final double speed;
    private final LongSupplier wallNanos;
    private final Sleeper sleeper;
    private boolean started;
    private long wallOrigin;
    private long virtualOrigin;
    private long maxLagNanos;
    private long sleptNanos;

    private Pacer(double speed, LongSupplier wallNanos, Sleeper sleeper) {
        this.speed = speed;
        this.wallNanos = wallNanos;
        this.sleeper = sleeper;
    }

    /** The pacer for {@code --time virtual}: never waits. */
    public static Pacer unpaced() {
        return UNPACED;
    }

    /** Paces to {@link System#nanoTime()} with {@link Sleeper#system()} at {@code speed}× real time. */
    public static Pacer realTime(double speed) {
        return realTime(speed, System::nanoTime, Sleeper.system());
    }

    /**
     * Paces to {@code wallNanos} at {@code speed}× real time (1.0 = wall clock), sleeping with
     * {@code sleeper}.
     *
     * @throws IllegalArgumentException if speed is not a positive finite number
     */
    public static Pacer realTime(double speed, LongSupplier wallNanos, Sleeper sleeper) {
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("speed must be positive and finite: " + speed);
        }
        return new Pacer(speed, Objects.requireNonNull(wallNanos), Objects.requireNonNull(sleeper));
    }

    /** Whether this pacer ever waits. */
    public boolean isPaced() {
        return sleeper != null;
    }

    /**
     * Waits until the wall clock has caught up with virtual time {@code virtualMicros}.
     *
     * @return false if the wait was interrupted (the interrupt flag is set again); the run should stop
     */
    boolean awaitVirtual(long virtualMicros) {
        if (sleeper == null) {
            return true;
        }
        long now = wallNanos.getAsLong();
        if (!started) {
            started = true;
            wallOrigin = now;
            virtualOrigin = virtualMicros;
            return true;
        }
        long target = wallOrigin + (long) ((virtualMicros - virtualOrigin) * 1_000.0 / speed);
        long ahead = target - now;
        if (ahead <= 0) {
            maxLagNanos = Math.max(maxLagNanos, -ahead);
            return true;
        }
        try {
            sleeper.sleepNanos(ahead);
            sleptNanos += ahead;
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The largest amount by which the run fell behind the wall clock, in nanoseconds. */
    public long maxLagNanos() {
        return maxLagNanos;
    }

    /** Total wall time asked of the sleeper, in nanoseconds. */
    public long sleptNanos() {
        return sleptNanos;
    }

    @Override
    public String toString() {
        return sleeper == null ? "Pacer[virtual]" : "Pacer[real ×" + speed + "]";
    }
}
