package io.sixjoin.emulator.kernel;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * The discrete-event engine: a single-threaded queue of {@link Event}s ordered by (virtual time,
 * insertion sequence). Ties at the same instant fire in the order they were scheduled, which is what
 * makes a run a pure function of its seed and inputs. Every delivered event is folded into the
 * {@link EventTrace} before its handler runs; a {@link Pacer} decides whether moving the clock forward
 * also waits for the wall clock ({@code --time real}) or not ({@code --time virtual}). The queue is a
 * binary heap whose events remember their slot, so cancelling is O(log n) and leaves no tombstones.
 */
public final class EventKernel {

    private final VirtualClock clock;
    private final EventTrace trace;
    private final Pacer pacer;
    private Event[] heap = new Event[1024];
    private long[] times = new long[1024];
    private long[] seqs = new long[1024];
    private int size;
    private long nextSeq;
    private long delivered;
    private boolean stopRequested;

    /** An unpaced kernel with a fresh clock (10 ms slots) and trace. */
    public EventKernel() {
        this(new VirtualClock(), new EventTrace(), Pacer.unpaced());
    }

    /** A kernel that owns {@code clock}, records into {@code trace} and paces with {@code pacer}. */
    public EventKernel(VirtualClock clock, EventTrace trace, Pacer pacer) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.trace = Objects.requireNonNull(trace, "trace");
        this.pacer = Objects.requireNonNull(pacer, "pacer");
    }

    /** The clock this kernel moves; hand it to mechanisms that need to read the time. */
    public VirtualClock clock() {
        return clock;
    }

    /** The trace every delivered event is folded into. */
    public EventTrace trace() {
        return trace;
    }

    /** Schedules {@code handler} at the start of slot {@code asn}. */
    public Event scheduleAtAsn(long asn, EventKind kind, int mote, EventHandler handler) {
        return scheduleAt(clock.startOf(asn), kind, mote, 0, handler);
    }

    /** Schedules {@code handler} {@code offsetMicros} into slot {@code asn} (e.g. a TX offset). */
    public Event scheduleAtAsn(long asn, long offsetMicros, EventKind kind, int mote, long digest,
                               EventHandler handler) {
        return scheduleAt(clock.timeOf(asn, offsetMicros), kind, mote, digest, handler);
    }

    /** Schedules {@code handler} {@code delayMicros} after now. */
    public Event scheduleAfter(long delayMicros, EventKind kind, int mote, long digest, EventHandler handler) {
        if (delayMicros < 0) {
            throw new IllegalArgumentException("negative delay: " + delayMicros);
        }
        return scheduleAt(Math.addExact(clock.nowMicros(), delayMicros), kind, mote, digest, handler);
    }

    /**
     * Schedules {@code handler} at virtual time {@code timeMicros}.
     *
     * @throws IllegalArgumentException if that time is already past
     */
    public Event scheduleAt(long timeMicros, EventKind kind, int mote, long digest, EventHandler handler) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(handler, "handler");
        if (timeMicros < clock.nowMicros()) {
            throw new IllegalArgumentException("cannot schedule " + kind + " at " + timeMicros
                    + " µs, before now (" + clock.nowMicros() + " µs)");
        }
        Event e = new Event(timeMicros, nextSeq++, kind, mote, digest, handler);
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
            times = Arrays.copyOf(times, size * 2);
            seqs = Arrays.copyOf(seqs, size * 2);
        }
        place(size, e, timeMicros, e.seq);
        siftUp(size++);
        return e;
    }

    /** Removes a pending event; returns false if it had already fired or been cancelled. */
    public boolean cancel(Event e) {
        int i = e.heapIndex;
        if (i < 0 || i >= size || heap[i] != e) {
            return false;
        }
        removeAt(i);
        return true;
    }

    /** Number of events waiting. */
    public int pending() {
        return size;
    }

    /** Number of events delivered since the kernel was made. */
    public long delivered() {
        return delivered;
    }

    /** Time of the earliest pending event, or {@link Long#MAX_VALUE} if none. */
    public long nextDeadline() {
        return size == 0 ? Long.MAX_VALUE : times[0];
    }

    /** Asks the current run loop to return after the handler that is running now. */
    public void stop() {
        stopRequested = true;
    }

    /**
     * Delivers the earliest event.
     *
     * @return false if the queue was empty or the pacer was interrupted
     */
    public boolean step() {
        if (size == 0) {
            return false;
        }
        Event e = heap[0];
        if (!pacer.awaitVirtual(e.time)) {
            return false;
        }
        removeAt(0);
        clock.advanceTo(e.time);
        delivered++;
        trace.record(e.time, e.kind, e.mote, e.digest);
        e.handler.handle(e);
        return true;
    }

    /**
     * Delivers every event due before slot {@code asn} starts, then leaves the clock at that start.
     *
     * @return the number of events delivered
     */
    public long runUntilAsn(long asn) {
        return runUntil(() -> false, clock.startOf(asn));
    }

    /**
     * Delivers events until {@code done} answers true (checked before each event), {@link #stop()} is
     * called, the pacer is interrupted, or the next event is at or after {@code limitMicros}. When the
     * limit is what ends the run, the clock is left at the limit.
     *
     * @return the number of events delivered
     */
    public long runUntil(BooleanSupplier done, long limitMicros) {
        long before = delivered;
        stopRequested = false;
        while (!stopRequested && !done.getAsBoolean()) {
            if (size == 0 || times[0] >= limitMicros) {
                if (limitMicros != Long.MAX_VALUE && limitMicros > clock.nowMicros()
                        && pacer.awaitVirtual(limitMicros)) {
                    clock.advanceTo(limitMicros);
                }
                break;
            }
            if (!step()) {
                break;
            }
        }
        return delivered - before;
    }

    private void removeAt(int i) {
        heap[i].heapIndex = -1;
        int last = --size;
        if (i < last) {
            Event moved = heap[last];
            long t = times[last];
            long q = seqs[last];
            heap[last] = null;
            place(i, moved, t, q);
            siftDown(i);
            if (heap[i] == moved) {
                siftUp(i);
            }
        } else {
            heap[last] = null;
        }
    }

    private void place(int i, Event e, long t, long q) {
        heap[i] = e;
        times[i] = t;
        seqs[i] = q;
        e.heapIndex = i;
    }

    // keys live in primitive arrays beside the events so that comparisons do not chase pointers
    private static boolean before(long t1, long q1, long t2, long q2) {
        return t1 < t2 || (t1 == t2 && q1 < q2);
    }

    private void siftUp(int i) {
        Event e = heap[i];
        long t = times[i];
        long q = seqs[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!before(t, q, times[parent], seqs[parent])) {
                break;
            }
            place(i, heap[parent], times[parent], seqs[parent]);
            i = parent;
        }
        place(i, e, t, q);
    }

    private void siftDown(int i) {
        Event e = heap[i];
        long t = times[i];
        long q = seqs[i];
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            int right = child + 1;
            if (right < size && before(times[right], seqs[right], times[child], seqs[child])) {
                child = right;
            }
            if (!before(times[child], seqs[child], t, q)) {
                break;
            }
            place(i, heap[child], times[child], seqs[child]);
            i = child;
        }
        place(i, e, t, q);
    }
}
