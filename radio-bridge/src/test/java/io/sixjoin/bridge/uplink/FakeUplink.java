package io.sixjoin.bridge.uplink;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/** An in-memory {@link Uplink} for tests: records what goes up, lets the test push packets down. */
public final class FakeUplink implements Uplink {
    public final BlockingQueue<byte[]> sent = new LinkedBlockingQueue<>();
    private volatile Consumer<byte[]> downstream;

    @Override
    public void start(Consumer<byte[]> down) {
        this.downstream = down;
    }

    @Override
    public void send(byte[] ipv6Packet) {
        sent.add(ipv6Packet.clone());
    }

    /** Plays the JRC answering. */
    public void deliver(byte[] ipv6Packet) {
        downstream.accept(ipv6Packet.clone());
    }

    @Override
    public String describe() {
        return "fake uplink";
    }

    @Override
    public void close() {
    }
}
