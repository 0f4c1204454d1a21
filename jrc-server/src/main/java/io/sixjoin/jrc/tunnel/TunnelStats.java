package io.sixjoin.jrc.tunnel;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

import io.sixjoin.stack.ipv6.Ipv6FormatException;

/**
 * Traffic counters of one {@link TunnelConnector}, for the JRC's {@code stats} output and for tests. Every
 * datagram from a bridge ends in exactly one of "delivered" or one drop reason, and every message Californium
 * hands the connector in exactly one of "sent" or a drop reason, so a counter dump always adds up; malformed
 * packets are additionally broken down by {@link Ipv6FormatException.Reason}. Counters only grow and are safe
 * to read from any thread while the connector runs.
 */
public final class TunnelStats {
    /** Why a datagram or an outgoing message went nowhere. */
    public enum Drop {
        /** Inbound datagram over the packet limit, or outbound message that would not fit it. */
        OVERSIZE,
        /** Not a well-formed IPv6/UDP packet; see {@link TunnelStats#malformed}. */
        MALFORMED,
        /** UDP destination port other than the JRC's CoAP port. */
        WRONG_PORT,
        /** Multicast or unspecified source, multicast destination, or port 0: nothing we could answer. */
        BAD_ADDRESS,
        /** No Californium receiver attached yet. */
        NO_RECEIVER,
        /** Californium's receiver threw; the connector carries on. */
        RECEIVER_FAILED,
        /** Outbound message to a mote no bridge has shown us, by address or by /64. */
        NO_BRIDGE,
        /** Californium's endpoint-context matcher refused the outbound message. */
        ENDPOINT_MISMATCH,
        /** Outbound message while the connector is stopped. */
        NOT_RUNNING,
        /** The transport refused to send. */
        SEND_FAILED,
        /** An in-process transport's queue was full, in either direction (a socket would drop silently). */
        QUEUE_FULL
    }

    private final LongAdder received = new LongAdder();
    private final LongAdder delivered = new LongAdder();
    private final LongAdder sent = new LongAdder();
    private final Map<Drop, LongAdder> drops = new EnumMap<>(Drop.class);
    private final Map<Ipv6FormatException.Reason, LongAdder> malformed =
            new EnumMap<>(Ipv6FormatException.Reason.class);

    TunnelStats() {
        // Filled once here and never structurally modified afterwards, so reads need no locking.
        for (Drop drop : Drop.values()) {
            drops.put(drop, new LongAdder());
        }
        for (Ipv6FormatException.Reason reason : Ipv6FormatException.Reason.values()) {
            malformed.put(reason, new LongAdder());
        }
    }

    /** Packets from bridges, including those the transport had no room for. */
    public long received() {
        return received.sum();
    }

    /** Inbound CoAP messages handed to Californium. */
    public long delivered() {
        return delivered.sum();
    }

    /** Outbound packets written to a bridge. */
    public long sent() {
        return sent.sum();
    }

    /** Drops for one reason, in either direction. */
    public long dropped(Drop drop) {
        return drops.get(drop).sum();
    }

    /** All drops. */
    public long droppedTotal() {
        return drops.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Malformed inbound packets for one decoder reason (all of them are also counted as {@code MALFORMED}). */
    public long malformed(Ipv6FormatException.Reason reason) {
        return malformed.get(reason).sum();
    }

    /**
     * Every counter by a stable lower-case name ({@code received}, {@code dropped.no_bridge},
     * {@code malformed.bad_checksum}, ...), in a fixed order; zero counters included so dumps line up.
     */
    public Map<String, Long> snapshot() {
        Map<String, Long> out = new LinkedHashMap<>();
        out.put("received", received());
        out.put("delivered", delivered());
        out.put("sent", sent());
        drops.forEach((drop, count) -> out.put("dropped." + drop.name().toLowerCase(Locale.ROOT), count.sum()));
        malformed.forEach(
                (reason, count) -> out.put("malformed." + reason.name().toLowerCase(Locale.ROOT), count.sum()));
        return out;
    }

    void countReceived() {
        received.increment();
    }

    void countDelivered() {
        delivered.increment();
    }

    void countSent() {
        sent.increment();
    }

    void countDrop(Drop drop) {
        drops.get(drop).increment();
    }

    void countMalformed(Ipv6FormatException.Reason reason) {
        malformed.get(reason).increment();
        drops.get(Drop.MALFORMED).increment();
    }

    @Override
    public String toString() {
        return "TunnelStats" + snapshot();
    }
}
