package io.sixjoin.stack.ieee802154;

/**
 * The 3-bit Frame Type of an IEEE 802.15.4 frame control field, kept open: every raw value 0..7 has a
 * {@code FrameType}, named or not, so a value read off the air is never lost even when this codec cannot
 * decode the rest of the frame. Types 0..3 share the general MAC frame format that {@link Ieee802154Frame}
 * handles; 5 (multipurpose), 6 (fragment) and 7 (extended) have their own frame control layouts.
 *
 * <pre>{@code
 * FrameType t = FrameType.of(bits & 7);
 * if (t.equals(FrameType.BEACON)) ...   // an Enhanced Beacon when the frame version is 2
 * }</pre>
 *
 * @param value the raw 3-bit value
 */
public record FrameType(int value) {
    /** Beacon; with frame version 2 and IEs, an Enhanced Beacon (EB). */
    public static final FrameType BEACON = new FrameType(0);
    /** Data. */
    public static final FrameType DATA = new FrameType(1);
    /** Acknowledgment; in TSCH an Enhanced ACK carrying a time correction header IE. */
    public static final FrameType ACK = new FrameType(2);
    /** MAC command. */
    public static final FrameType COMMAND = new FrameType(3);
    /** Reserved in 802.15.4-2015. */
    public static final FrameType RESERVED = new FrameType(4);
    /** Multipurpose (own frame control layout). */
    public static final FrameType MULTIPURPOSE = new FrameType(5);
    /** Fragment or FRAK (own layout). */
    public static final FrameType FRAGMENT = new FrameType(6);
    /** Extended (own layout). */
    public static final FrameType EXTENDED = new FrameType(7);

    private static final String[] NAMES = {"BEACON", "DATA", "ACK", "COMMAND", "RESERVED", "MULTIPURPOSE",
        "FRAGMENT", "EXTENDED"};

    public FrameType {
        if (value < 0 || value > 7) {
            throw new IllegalArgumentException("frame type " + value + " outside 0..7");
        }
    }

    /** The type for a raw 3-bit value. */
    public static FrameType of(int value) {
        return new FrameType(value);
    }

    /** Whether this codec decodes frames of this type (the general MAC frame format, types 0..3). */
    public boolean isGeneralFormat() {
        return value <= 3;
    }

    /** The 802.15.4 name. */
    public String name() {
        return NAMES[value];
    }

    @Override
    public String toString() {
        return name() + "(" + value + ")";
    }
}
