package io.sixjoin.stack.ieee802154.security;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * A 16-byte AES-128 link-layer key (RFC 9031 Link_Layer_Key key_value; K1 authenticates EBs, K2 protects
 * data and ACKs, and OpenWSN uses one key for both). Prints as {@code [redacted]}; {@link #value()} hands out
 * a copy for the rare caller that must persist it.
 *
 * <pre>{@code
 * LinkKey k2 = LinkKey.of(configuration.keyValue());
 * }</pre>
 */
public final class LinkKey {
    /** Key length of IEEE802154-AES-CCM-128. */
    public static final int LENGTH = 16;

    private final byte[] value;

    private LinkKey(byte[] value) {
        this.value = value;
    }

    /** A key from its 16 bytes (copied). */
    public static LinkKey of(byte[] value) {
        Objects.requireNonNull(value, "value");
        if (value.length != LENGTH) {
            throw new IllegalArgumentException("a link key has 16 bytes, not " + value.length);
        }
        return new LinkKey(value.clone());
    }

    /** The key bytes, copied. */
    public byte[] value() {
        return value.clone();
    }

    SecretKey secretKey() {
        return new SecretKeySpec(value, "AES");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LinkKey k && MessageDigest.isEqual(k.value, value);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "LinkKey[redacted]";
    }
}
