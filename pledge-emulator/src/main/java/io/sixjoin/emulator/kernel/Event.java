package io.sixjoin.emulator.kernel;

/**
 * One scheduled occurrence: when it fires, what kind it is, which mote it concerns, a short digest of
 * its payload for the trace, and the handler to call. Events are plain objects kept in the kernel's
 * heap, so millions of them cost memory, not threads. The handle returned by the scheduling methods
 * is also what {@link EventKernel#cancel(Event)} takes.
 */
public final class Event {

    /** Mote number used for events that belong to no particular mote (medium, scenario). */
    public static final int NO_MOTE = -1;

    final long time;
    final long seq;
    final EventKind kind;
    final int mote;
    final long digest;
    final EventHandler handler;
    /** Position in the kernel heap; -1 once delivered or cancelled. */
    int heapIndex = -1;

    Event(long time, long seq, EventKind kind, int mote, long digest, EventHandler handler) {
        this.time = time;
        this.seq = seq;
        this.kind = kind;
        this.mote = mote;
        this.digest = digest;
        this.handler = handler;
    }

    /** Virtual time at which the event fires, in microseconds since ASN 0. */
    public long time() {
        return time;
    }

    /** Insertion sequence number; breaks ties between events due at the same instant. */
    public long sequence() {
        return seq;
    }

    /** What kind of event this is. */
    public EventKind kind() {
        return kind;
    }

    /** The mote the event concerns, or {@link #NO_MOTE}. */
    public int mote() {
        return mote;
    }

    /** The payload digest given at scheduling time (0 if none). */
    public long digest() {
        return digest;
    }

    /** Whether the event still waits in a kernel queue. */
    public boolean isPending() {
        return heapIndex >= 0;
    }

    @Override
    public String toString() {
        return kind + "@" + time + "µs#" + seq + (mote == NO_MOTE ? "" : " mote " + mote);
    }
}
