package io.sixjoin.stack.ieee802154;

import static io.sixjoin.stack.ieee802154.FrameFormatException.require;

import io.sixjoin.stack.ieee802154.FrameFormatException.Reason;

/**
 * The 2-bit Destination / Source Addressing Mode of the frame control field. Value 1 is reserved in
 * 802.15.4-2015 and refused with {@link Reason#RESERVED_VALUE}; closed because the field is fully assigned.
 */
public enum AddressingMode {
    /** No address (and, depending on the PAN ID compression table, perhaps no PAN ID). */
    NONE(0, 0),
    /** 16-bit short address. */
    SHORT(2, 2),
    /** 64-bit extended address (EUI-64). */
    EXTENDED(3, 8);

    private final int bits;
    private final int addressLength;

    AddressingMode(int bits, int addressLength) {
        this.bits = bits;
        this.addressLength = addressLength;
    }

    /** The mode for the raw 2-bit field. */
    public static AddressingMode fromBits(int bits) throws FrameFormatException {
        require(bits != 1, Reason.RESERVED_VALUE, "addressing mode 1 is reserved");
        return bits == 0 ? NONE : bits == 2 ? SHORT : EXTENDED;
    }

    /** The mode of an address, {@code NONE} for null. */
    public static AddressingMode of(MacAddress address) {
        return address == null ? NONE : address.isShort() ? SHORT : EXTENDED;
    }

    /** The raw 2-bit value. */
    public int bits() {
        return bits;
    }

    /** Bytes the address takes in the frame. */
    public int addressLength() {
        return addressLength;
    }
}
