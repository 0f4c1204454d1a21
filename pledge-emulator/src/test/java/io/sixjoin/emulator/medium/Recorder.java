package io.sixjoin.emulator.medium;

import java.util.ArrayList;
import java.util.List;

/** A {@link FrameSink} that keeps what it is told, for assertions. */
final class Recorder implements FrameSink {

    record Rx(int receiver, int sender, int channel, byte[] frame, long asn) {
    }

    final List<Rx> received = new ArrayList<>();
    final List<Integer> collided = new ArrayList<>();

    @Override
    public void deliver(int receiver, int sender, int channel, byte[] frame, long asn) {
        received.add(new Rx(receiver, sender, channel, frame, asn));
    }

    @Override
    public void collided(int receiver, int channel, long asn) {
        collided.add(receiver);
    }

    List<Integer> receivers() {
        return received.stream().map(Rx::receiver).toList();
    }

    void clear() {
        received.clear();
        collided.clear();
    }
}
