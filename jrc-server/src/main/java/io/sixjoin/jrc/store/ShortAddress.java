package io.sixjoin.jrc.store;

/**
 * A 2-byte IEEE 802.15.4 short address handed to a joined node as its RFC 9031 Short_Identifier
 * (§8.4.4): exactly two bytes, and never 0xfffe (“no short address”) or 0xffff (broadcast), which
 * RFC 9031 makes invalid. Construction enforces that, so a value of this type is always safe to send.
 */
public record ShortAddress(int value) {
    /** The largest assignable address; 0xfffe and 0xffff are reserved. */
    public static final int MAX = 0xfffd;

    public ShortAddress {
        if (value < 0 || value > MAX) {
            throw new IllegalArgumentException(String.format(
                    "short address 0x%x is not assignable: it must be 0x0000 to 0xfffd (0xfffe and 0xffff are"
                            + " reserved, RFC 9031 §8.4.4)", value));
        }
    }

    /** The two bytes, most significant first, as carried in the Short_Identifier. */
    public byte[] bytes() {
        return new byte[] {(byte) (value >>> 8), (byte) value};
    }

    @Override
    public String toString() {
        return String.format("0x%04x", value);
    }
}
