package io.sixjoin.stack.lowpan;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * An IEEE 802.15.4 link-layer address: 8-byte extended (EUI-64) or 2-byte short, and the IPv6 interface
 * identifier 6LoWPAN derives from it when an address is elided. RFC 4944 §6 and RFC 6282 §3.2.2 derive the IID
 * of an extended address by inverting the Universal/Local bit, and of a short address as
 * {@code 0000:00ff:fe00:XXXX} (PAN ID ignored, as RFC 6282 does). OpenWSN firmware uses the EUI-64 as the
 * IID without the inversion (reference §2.4), hence {@link IidRule}.
 *
 * <pre>{@code
 * Ieee802154Address mote = Ieee802154Address.extended(HexFormat.of().parseHex("14159299cc000002"));
 * byte[] iid = mote.iid(IidRule.RFC_4944);      // 16 15 92 99 cc 00 00 02
 * }</pre>
 *
 * @param bytes the address in transmission order as printed (most significant byte first); copied
 */
public record Ieee802154Address(byte[] bytes) {
    /** How an extended address becomes an IID. */
    public enum IidRule {
        /** RFC 4944 §6 / RFC 6282: invert the U/L bit (bit 1 of the first byte). */
        RFC_4944,
        /** OpenWSN: the EUI-64 is the IID as is. Short addresses are unaffected. */
        OPENWSN_EUI64_AS_IS
    }

    public Ieee802154Address {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length != 8 && bytes.length != 2) {
            throw new IllegalArgumentException("an 802.15.4 address has 2 or 8 bytes, not " + bytes.length);
        }
        bytes = bytes.clone();
    }

    /** An extended address from its 8 bytes. */
    public static Ieee802154Address extended(byte[] eui64) {
        if (eui64.length != 8) {
            throw new IllegalArgumentException("an extended address has 8 bytes, not " + eui64.length);
        }
        return new Ieee802154Address(eui64);
    }

    /** A short address from its 16-bit value. */
    public static Ieee802154Address shortAddress(int value) {
        if (value < 0 || value > 0xFFFF) {
            throw new IllegalArgumentException("short address " + value + " outside 0..65535");
        }
        return new Ieee802154Address(new byte[] {(byte) (value >>> 8), (byte) value});
    }

    /** The address whose IID (under {@code rule}) is {@code iid}, if one exists: the inverse of {@link #iid}. */
    public static Ieee802154Address fromIid(byte[] iid, IidRule rule) {
        if (iid[0] == 0 && iid[1] == 0 && iid[2] == 0 && iid[3] == (byte) 0xFF && iid[4] == (byte) 0xFE
                && iid[5] == 0) {
            return new Ieee802154Address(new byte[] {iid[6], iid[7]});
        }
        byte[] eui = Arrays.copyOf(iid, 8);
        if (rule == IidRule.RFC_4944) {
            eui[0] ^= 0x02;
        }
        return new Ieee802154Address(eui);
    }

    /** Whether this is a 2-byte short address. */
    public boolean isShort() {
        return bytes.length == 2;
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The 8-byte interface identifier an elided IPv6 address takes from this address. */
    public byte[] iid(IidRule rule) {
        if (isShort()) {
            return new byte[] {0, 0, 0, (byte) 0xFF, (byte) 0xFE, 0, bytes[0], bytes[1]};
        }
        byte[] iid = bytes.clone();
        if (rule == IidRule.RFC_4944) {
            iid[0] ^= 0x02;
        }
        return iid;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Ieee802154Address a && Arrays.equals(bytes, a.bytes);
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
