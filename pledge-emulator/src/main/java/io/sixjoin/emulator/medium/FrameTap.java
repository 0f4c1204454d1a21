package io.sixjoin.emulator.medium;

/**
 * Observes every frame put on the air of a {@link RadioMedium}, once, as the sender transmits it and whether
 * or not anyone hears it: the hook for packet captures and traffic logs. Frames are PSDUs, so those of the
 * TSCH MAC (data, keep-alives, Enhanced Beacons) end with their FCS; ACKs are not frames on this medium
 * (see {@code TschNetwork}) and are never seen. Calls come on the kernel thread, in transmission order; a tap
 * must not throw, and must copy the frame if it keeps it.
 */
@FunctionalInterface
public interface FrameTap {

    /**
     * Mote {@code sender} put {@code frame} on physical {@code channel} (11..26) in slot {@code asn}. The array
     * is the medium's own copy, which it delivers from at the end of the slot: read it, never change it.
     */
    void onAir(long asn, int sender, int channel, byte[] frame);
}
