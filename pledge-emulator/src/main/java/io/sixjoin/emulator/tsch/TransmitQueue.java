package io.sixjoin.emulator.tsch;

import io.sixjoin.stack.ieee802154.MacAddress;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A mote's bounded FIFO of frames waiting for the shared cell, with the retry count of the head frame
 * and the {@link SharedCellBackoff}. Frames leave in order: the head is retried up to
 * {@code maxRetries} times before it is dropped, and nothing overtakes it, as in OpenWSN's single
 * queue. Keep-alives share the queue so they contend for the cell like any other frame.
 */
final class TransmitQueue {

    /** One frame to send. Mutable only in its sequence number (kept across retries) and failures. */
    static final class Outgoing {
        final long handle;
        final MacAddress destination;
        final byte[] payload;
        final Protection protection;
        final boolean keepAlive;
        int sequenceNumber = -1;
        int failures;

        Outgoing(long handle, MacAddress destination, byte[] payload, Protection protection, boolean keepAlive) {
            this.handle = handle;
            this.destination = destination;
            this.payload = payload;
            this.protection = protection;
            this.keepAlive = keepAlive;
        }

        boolean isBroadcast() {
            return destination.equals(MacAddress.BROADCAST);
        }

        @Override
        public String toString() {
            return "Outgoing[#" + handle + " -> " + destination + ", " + payload.length + " bytes, " + protection
                    + (keepAlive ? ", keep-alive" : "") + ", failures " + failures + "]";
        }
    }

    /** What became of the frame sent in a cell. */
    enum Result {
        /** Acknowledged, or a broadcast (never acknowledged) sent: it left the queue. */
        DELIVERED,
        /** Unacknowledged; it stays at the head and will be retried after a backoff. */
        RETRY,
        /** Unacknowledged for the last allowed time: it left the queue. */
        DROPPED
    }

    /** The frame sent in a cell and its result. */
    record Outcome(Outgoing frame, Result result) {
    }

    private final ArrayDeque<Outgoing> queue = new ArrayDeque<>();
    private Outgoing inFlight;
    private boolean inFlightAcked;
    private final int capacity;
    private final int maxRetries;
    private final SharedCellBackoff backoff;

    TransmitQueue(TschConfig config) {
        this.capacity = config.queueCapacity();
        this.maxRetries = config.maxRetries();
        this.backoff = new SharedCellBackoff(config.minBe(), config.maxBe());
    }

    /** Appends {@code frame}; false if the queue is full. */
    boolean offer(Outgoing frame) {
        if (queue.size() >= capacity) {
            return false;
        }
        queue.addLast(frame);
        return true;
    }

    boolean isEmpty() {
        return queue.isEmpty();
    }

    int size() {
        return queue.size();
    }

    /** In a shared cell: the head frame if the backoff lets it go now, else null. */
    Outgoing nextToSend() {
        if (queue.isEmpty() || !backoff.mayTransmit()) {
            return null;
        }
        return queue.peekFirst();
    }

    /** The head frame {@code frame} is on the air in this cell. */
    void markSent(Outgoing frame) {
        inFlight = frame;
        inFlightAcked = false;
    }

    /** Whether the frame on the air is a unicast to {@code receiver}, so an ACK from it counts. */
    boolean awaitsAckFrom(MacAddress receiver) {
        return inFlight != null && !inFlight.isBroadcast() && inFlight.destination.equals(receiver);
    }

    /** The frame on the air was acknowledged. */
    void acknowledge() {
        inFlightAcked = true;
    }

    /**
     * Settles the frame sent in this cell, if any: removes it when delivered or out of retries, else
     * starts a backoff.
     *
     * @return what happened, or null if nothing was sent
     */
    Outcome settle(SplittableRandom rand) {
        Outgoing sent = inFlight;
        if (sent == null) {
            return null;
        }
        inFlight = null;
        if (sent.isBroadcast() || inFlightAcked) {
            backoff.reset();
            queue.pollFirst();
            return new Outcome(sent, Result.DELIVERED);
        }
        sent.failures++;
        if (sent.failures > maxRetries) {
            backoff.reset();
            queue.pollFirst();
            return new Outcome(sent, Result.DROPPED);
        }
        backoff.onFailure(rand);
        return new Outcome(sent, Result.RETRY);
    }

    /** Removes the head frame without sending it (its key disappeared). */
    Outgoing dropHead() {
        backoff.reset();
        return queue.pollFirst();
    }

    /** Empties the queue, returning what was in it. */
    List<Outgoing> clear() {
        List<Outgoing> all = new ArrayList<>(queue);
        queue.clear();
        inFlight = null;
        backoff.reset();
        return all;
    }

    /** The backoff state, for tests. */
    SharedCellBackoff backoff() {
        return backoff;
    }
}
