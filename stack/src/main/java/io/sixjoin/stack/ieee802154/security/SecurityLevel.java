package io.sixjoin.stack.ieee802154.security;

/**
 * The 3-bit Security Level of the auxiliary security header: whether the private payload is encrypted and
 * how long the MIC is. Closed, as the field is fully assigned. RFC 9031 key usages map onto it: K1 (EB)
 * uses {@link #MIC_32}/64/128, K2 (data, ACK) {@link #ENC_MIC_32}/64/128; OpenWSN uses MIC-32 for beacons
 * and ENC-MIC-32 for everything else. {@link #ENC} (encryption without integrity) is parsed but refused by
 * {@link FrameSecurity}, as 802.15.4-2015 and OpenWSN refuse it.
 *
 * <pre>{@code
 * SecurityLevel level = SecurityLevel.of(aux & 7);
 * int tag = level.micLength();   // 4 for ENC_MIC_32
 * }</pre>
 */
public enum SecurityLevel {
    /** No security (level 0). */
    NONE(0, 0, false),
    /** Authentication, 4-byte MIC. */
    MIC_32(1, 4, false),
    /** Authentication, 8-byte MIC. */
    MIC_64(2, 8, false),
    /** Authentication, 16-byte MIC. */
    MIC_128(3, 16, false),
    /** Encryption only: refused by {@link FrameSecurity}. */
    ENC(4, 0, true),
    /** Encryption and authentication, 4-byte MIC. */
    ENC_MIC_32(5, 4, true),
    /** Encryption and authentication, 8-byte MIC. */
    ENC_MIC_64(6, 8, true),
    /** Encryption and authentication, 16-byte MIC. */
    ENC_MIC_128(7, 16, true);

    private static final SecurityLevel[] BY_VALUE = values();

    private final int value;
    private final int micLength;
    private final boolean encrypted;

    SecurityLevel(int value, int micLength, boolean encrypted) {
        this.value = value;
        this.micLength = micLength;
        this.encrypted = encrypted;
    }

    /** The level for a raw value 0..7. */
    public static SecurityLevel of(int value) {
        if (value < 0 || value > 7) {
            throw new IllegalArgumentException("security level " + value + " outside 0..7");
        }
        return BY_VALUE[value];
    }

    /** The raw 3-bit value. */
    public int value() {
        return value;
    }

    /** Bytes of MIC appended to the frame. */
    public int micLength() {
        return micLength;
    }

    /** Whether the private payload is encrypted. */
    public boolean encrypted() {
        return encrypted;
    }
}
