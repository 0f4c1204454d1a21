package io.sixjoin.emulator.medium;

import java.util.Arrays;

/**
 * TSCH channel hopping: the physical channel of a cell is {@code 11 + template[(ASN + channelOffset)
 * mod length]}, so the same cell lands on a different 2.4 GHz channel (11..26) every slotframe and
 * narrow-band interference hurts no link for long. The default template is OpenWSN's, so an emulated
 * mesh hops exactly like the firmware it is tested against. A template is a list of distinct channel
 * indices 0..15; shorter templates (channel blacklisting) are allowed.
 */
public final class HoppingSequence {

    /** The lowest 2.4 GHz O-QPSK channel number. */
    public static final int FIRST_CHANNEL = 11;
    /** Channels available on the 2.4 GHz O-QPSK PHY. */
    public static final int CHANNELS = 16;

    private static final int[] OPENWSN = {5, 6, 12, 7, 15, 4, 14, 11, 8, 0, 1, 2, 13, 3, 9, 10};

    private final int[] template;

    private HoppingSequence(int[] template) {
        this.template = template;
    }

    /** OpenWSN's hopping template over all 16 channels. */
    public static HoppingSequence openWsn() {
        return new HoppingSequence(OPENWSN.clone());
    }

    /** A single fixed channel (hopping off), for tests and single-channel scenarios. */
    public static HoppingSequence fixed(int channel) {
        return of(channel - FIRST_CHANNEL);
    }

    /**
     * A sequence from channel indices 0..15 (channel = 11 + index).
     *
     * @throws IllegalArgumentException if empty, out of range or repeating
     */
    public static HoppingSequence of(int... template) {
        if (template.length == 0 || template.length > CHANNELS) {
            throw new IllegalArgumentException("a hopping template has 1.." + CHANNELS + " entries, not "
                    + template.length);
        }
        boolean[] seen = new boolean[CHANNELS];
        for (int c : template) {
            if (c < 0 || c >= CHANNELS) {
                throw new IllegalArgumentException("channel index " + c + " outside 0.." + (CHANNELS - 1)
                        + " (channel 11 is index 0)");
            }
            if (seen[c]) {
                throw new IllegalArgumentException("channel index " + c + " repeats in the template");
            }
            seen[c] = true;
        }
        return new HoppingSequence(template.clone());
    }

    /** The physical channel (11..26) of a cell with {@code channelOffset} during slot {@code asn}. */
    public int channel(long asn, int channelOffset) {
        long i = Math.floorMod(asn + channelOffset, (long) template.length);
        return FIRST_CHANNEL + template[(int) i];
    }

    /** Number of entries in the template. */
    public int length() {
        return template.length;
    }

    /** A copy of the template (channel indices). */
    public int[] template() {
        return template.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HoppingSequence h && Arrays.equals(h.template, template);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(template);
    }

    @Override
    public String toString() {
        return "HoppingSequence" + Arrays.toString(template);
    }
}
