package io.sixjoin.cli.bench;

/**
 * What a closed-loop load generator sends and how it judges the answers: one implementation per system under
 * test (the JRC, plain CoAP, stock cf-oscore), so all three are driven by the same {@link LoadGenerator} with the
 * same concurrency, sockets and timing. Called from the generator's single thread only.
 */
public interface Workload {
    /** A request ready to send, and whatever the workload needs to check its answer. */
    record Outgoing(byte[] datagram, Object state) {
    }

    /**
     * Builds the next request for a slot. {@code token} is the slot's fixed 1-byte token: every in-flight
     * request has a distinct one, and the set never grows (cf-oscore 3.13.0 keeps every token it ever saw in a
     * list it scans per request, issue #2404, which would otherwise slow the stock baseline down over time).
     */
    Outgoing next(int messageId, byte[] token);

    /** Whether {@code datagram} is the expected, valid answer to {@code request}. */
    boolean verify(Outgoing request, byte[] datagram);
}
