package io.sixjoin.bridge.uplink;

import io.sixjoin.bridge.pcap.PacketCapture;
import java.io.IOException;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Wraps any {@link Uplink} and records every packet it carries, both directions, in the IPv6 capture: the same
 * wrapper serves the UDP tunnel and the in-process JRC. Packets the bridge handles itself (DAOs, its own join)
 * are recorded by the pipelines, which see them before they would reach the uplink.
 */
public final class CapturingUplink implements Uplink {
    private final Uplink inner;
    private final PacketCapture capture;

    public CapturingUplink(Uplink inner, PacketCapture capture) {
        this.inner = Objects.requireNonNull(inner, "inner");
        this.capture = Objects.requireNonNull(capture, "capture");
    }

    @Override
    public void start(Consumer<byte[]> downstream) throws IOException {
        inner.start(packet -> {
            capture.ipv6(packet);
            downstream.accept(packet);
        });
    }

    @Override
    public void send(byte[] ipv6Packet) throws IOException {
        capture.ipv6(ipv6Packet);
        inner.send(ipv6Packet);
    }

    @Override
    public String describe() {
        return inner.describe();
    }

    @Override
    public void close() {
        inner.close();
    }
}
