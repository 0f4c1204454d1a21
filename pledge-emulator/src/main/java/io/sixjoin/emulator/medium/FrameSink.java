package io.sixjoin.emulator.medium;

/**
 * Where the medium hands the outcome of a slot: one call per receiver that got a frame, in ascending
 * receiver order, and optionally one per receiver whose reception was destroyed by a collision. The
 * MAC layer implements this; tests collect into lists. The frame array belongs to the receiver.
 */
@FunctionalInterface
public interface FrameSink {

    /** {@code receiver} heard {@code frame} from {@code sender} on {@code channel} during slot {@code asn}. */
    void deliver(int receiver, int sender, int channel, byte[] frame, long asn);

    /** Two or more transmitters in {@code receiver}'s range used {@code channel} in slot {@code asn}. */
    default void collided(int receiver, int channel, long asn) {
    }
}
