package io.sixjoin.stack.ieee802154;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * An 802.15.4 MAC address, short (2 bytes) or extended (8 bytes, an EUI-64), held most significant byte
 * first, as an EUI-64 is printed and as OpenWSN stores it. 802.15.4 puts addresses on the air least
 * significant byte first ({@link #emitTo} and {@link #read} reverse them); the CCM* nonce uses the printed
 * order. Kept separate from {@code lowpan.Ieee802154Address} so the frame codec does not depend on 6LoWPAN.
 *
 * <pre>{@code
 * MacAddress mote = MacAddress.extended(HexFormat.of().parseHex("14159299cc000002"));
 * MacAddress everyone = MacAddress.BROADCAST;   // short 0xffff
 * }</pre>
 *
 * @param bytes the address, most significant byte first; copied
 */
public record MacAddress(byte[] bytes) {
    /** The broadcast short address 0xffff. */
    public static final MacAddress BROADCAST = shortAddress(0xFFFF);

    public MacAddress {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length != 2 && bytes.length != 8) {
            throw new IllegalArgumentException("an 802.15.4 address has 2 or 8 bytes, not " + bytes.length);
        }
        bytes = bytes.clone();
    }

    /** A short address from its 16-bit value. */
    public static MacAddress shortAddress(int value) {
        if (value < 0 || value > 0xFFFF) {
            throw new IllegalArgumentException("short address " + value + " outside 0..65535");
        }
        return new MacAddress(new byte[] {(byte) (value >>> 8), (byte) value});
    }

    /** An extended address from its 8 bytes as printed. */
    public static MacAddress extended(byte[] eui64) {
        if (eui64.length != 8) {
            throw new IllegalArgumentException("an extended address has 8 bytes, not " + eui64.length);
        }
        return new MacAddress(eui64);
    }

    /** Reads a {@code length}-byte address stored least significant byte first. */
    static MacAddress read(byte[] frame, int offset, int length) {
        byte[] value = new byte[length];
        for (int i = 0; i < length; i++) {
            value[i] = frame[offset + length - 1 - i];
        }
        return new MacAddress(value);
    }

    /** Writes the address least significant byte first; returns the bytes written. */
    int emitTo(byte[] buffer, int offset) {
        for (int i = 0; i < bytes.length; i++) {
            buffer[offset + i] = bytes[bytes.length - 1 - i];
        }
        return bytes.length;
    }

    /** Whether this is a 2-byte short address. */
    public boolean isShort() {
        return bytes.length == 2;
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MacAddress a && Arrays.equals(bytes, a.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return HexFormat.ofDelimiter(":").formatHex(bytes);
    }
}
