package io.sixjoin.jrc;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of everything the JRC did with join traffic: one per outcome and one per drop reason, so an operator
 * can tell a flood from a mis-provisioned pledge from a wrong network without reading logs. Lock-free.
 */
public final class JrcStats {
    /** Each thing that can happen to a request that reaches the JRC's CoAP endpoint. */
    public enum Event {
        JOINED("joins answered 2.04"),
        REFUSED("joins refused with a protected 4.00 diagnostic"),
        RETRANSMISSION_ANSWERED("retransmitted requests answered from the response cache"),
        PROTECTED_ERROR("protected 4.04/4.05 for a wrong inner path or method"),
        DROP_UNPROTECTED("dropped: no OSCORE option"),
        DROP_BAD_OSCORE_OPTION("dropped: malformed OSCORE option"),
        DROP_NO_KID_CONTEXT("dropped: no kid context (not a Join Request)"),
        DROP_UNKNOWN_PLEDGE("dropped: pledge not provisioned"),
        DROP_REPLAY("dropped: replayed or too old sequence number"),
        DROP_DECRYPT_FAILED("dropped: OSCORE verification failed (wrong PSK or tampered)"),
        DROP_RATE_LIMITED("dropped: rate limit"),
        DROP_OVERLOADED("dropped: too many joins waiting for their commit"),
        DROP_INTERNAL_ERROR("dropped: internal error (see log)");

        private final String description;

        Event(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    private final EnumMap<Event, LongAdder> counters = new EnumMap<>(Event.class);

    public JrcStats() {
        for (Event e : Event.values()) {
            counters.put(e, new LongAdder());
        }
    }

    public void count(Event e) {
        counters.get(e).increment();
    }

    public long get(Event e) {
        return counters.get(e).sum();
    }

    /** A snapshot, in declaration order. */
    public Map<Event, Long> snapshot() {
        EnumMap<Event, Long> out = new EnumMap<>(Event.class);
        counters.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
