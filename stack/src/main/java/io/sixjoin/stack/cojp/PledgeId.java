package io.sixjoin.stack.cojp;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A pledge identifier (RFC 9031 §3): the byte string that names a pledge to its JRC, used as the OSCORE
 * ID Context and carried in clear as the 'kid context' of a Join Request. Usually the 8-byte EUI-64, but
 * RFC 9031 allows any unique byte string, so this type accepts 1 to 32 bytes (an ID Context must fit the
 * OSCORE option's 1-byte length).
 */
public final class PledgeId implements Comparable<PledgeId> {
    /** Upper bound we accept; RFC 8613 allows up to 255 but nothing we interoperate with uses more than 8. */
    public static final int MAX_LENGTH = 32;

    private final byte[] bytes;

    private PledgeId(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Wraps a copy of {@code bytes}; rejects an empty or over-long identifier. */
    public static PledgeId of(byte[] bytes) {
        if (bytes == null || bytes.length == 0 || bytes.length > MAX_LENGTH) {
            throw new IllegalArgumentException("a pledge identifier is 1 to " + MAX_LENGTH + " bytes, got "
                    + (bytes == null ? "none" : bytes.length));
        }
        return new PledgeId(bytes.clone());
    }

    /**
     * Parses hex as users write EUI-64s: {@code 00124b0014b5d2a1}, {@code 00:12:4B:00:14:B5:D2:A1} or
     * {@code 00-12-4b-...}. The message of the exception names the input and the expected form.
     */
    public static PledgeId parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("missing pledge identifier (expected hex, e.g. 00124b0014b5d2a1)");
        }
        String hex = text.trim().replace(":", "").replace("-", "");
        if (hex.isEmpty() || hex.length() % 2 != 0 || hex.length() > 2 * MAX_LENGTH
                || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new IllegalArgumentException("bad pledge identifier '" + text
                    + "': expected 1 to " + MAX_LENGTH + " bytes of hex, e.g. 00124b0014b5d2a1 or 00:12:4b:00:14:b5:d2:a1");
        }
        return new PledgeId(HexFormat.of().parseHex(hex.toLowerCase(Locale.ROOT)));
    }

    /** A copy of the identifier's bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    public int length() {
        return bytes.length;
    }

    /** Lower-case hex without separators, the form we store and log. */
    public String hex() {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PledgeId other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public int compareTo(PledgeId o) {
        return Arrays.compareUnsigned(bytes, o.bytes);
    }

    @Override
    public String toString() {
        return hex();
    }
}
