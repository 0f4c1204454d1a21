package io.sixjoin.cbor.cojp;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The Short_Identifier a JRC assigns (RFC 9031 §8.4.4): the node's 2-byte IEEE 802.15.4 short address and
 * an optional lease in hours. Only valid identifiers can be constructed; invalid ones on the wire are
 * dropped by the decoder (and reported as ignored), as the RFC requires.
 *
 * @param identifier       the 2-byte short address, not 0xfffe or 0xffff
 * @param leaseTimeHours   lease in hours after reception; empty means "for as long as the node is joined"
 */
public record ShortIdentifier(byte[] identifier, OptionalLong leaseTimeHours) {
    public ShortIdentifier {
        Objects.requireNonNull(leaseTimeHours, "leaseTimeHours");
        identifier = identifier.clone();
        if (!isValid(identifier)) {
            throw new IllegalArgumentException("short identifier must be 2 bytes, not fffe/ffff");
        }
        if (leaseTimeHours.isPresent() && leaseTimeHours.getAsLong() < 0) {
            throw new IllegalArgumentException("lease time is a uint");
        }
    }

    static boolean isValid(byte[] id) {
        return id.length == 2 && !(id[0] == (byte) 0xff && (id[1] == (byte) 0xfe || id[1] == (byte) 0xff));
    }

    @Override
    public byte[] identifier() {
        return identifier.clone();
    }

    /** The address as an unsigned 16-bit number, most significant byte first as on the CBOR wire. */
    public int shortAddress() {
        return ((identifier[0] & 0xff) << 8) | (identifier[1] & 0xff);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ShortIdentifier s && Arrays.equals(identifier, s.identifier)
                && leaseTimeHours.equals(s.leaseTimeHours);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(identifier) + leaseTimeHours.hashCode();
    }

    @Override
    public String toString() {
        return "ShortIdentifier[identifier=h'" + HexFormat.of().formatHex(identifier) + "', leaseTimeHours="
                + (leaseTimeHours.isPresent() ? leaseTimeHours.getAsLong() : "absent") + "]";
    }
}
