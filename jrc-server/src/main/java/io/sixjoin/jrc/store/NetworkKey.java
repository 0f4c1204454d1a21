package io.sixjoin.jrc.store;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;

/**
 * One link-layer key of a network (RFC 9031 §8.4.3): its generation (bumped on each rekey), key_id
 * (the 802.15.4 key index, 0 to 254), key_usage (RFC 9031 Table 6) and its 16-byte AES-CCM-128 value.
 * The value never appears in {@link #toString()}, and the array is copied in and out so no caller can
 * change a stored key behind the store's back.
 */
public record NetworkKey(int generation, int keyId, int keyUsage, byte[] value, KeyState state) {
    /** All registered key usages are AES-CCM-128. */
    public static final int KEY_LENGTH = 16;

    public NetworkKey {
        if (generation < 0) {
            throw new IllegalArgumentException("key generation " + generation + " is negative");
        }
        if (keyId < 0 || keyId > 254) {
            throw new IllegalArgumentException("key_id " + keyId + " is outside 0 to 254 (255 is reserved)");
        }
        if (keyUsage < 0) {
            throw new IllegalArgumentException("key_usage " + keyUsage + " is negative");
        }
        if (value == null || value.length != KEY_LENGTH) {
            throw new IllegalArgumentException("a network key is " + KEY_LENGTH + " bytes, got "
                    + (value == null ? "none" : value.length));
        }
        Objects.requireNonNull(state, "state");
        value = value.clone();
    }

    /** A copy of the key bytes; do not log them. */
    @Override
    public byte[] value() {
        return value.clone();
    }

    /** The same key in another state. */
    public NetworkKey withState(KeyState newState) {
        return new NetworkKey(generation, keyId, keyUsage, value, newState);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NetworkKey k && generation == k.generation && keyId == k.keyId
                && keyUsage == k.keyUsage && state == k.state && MessageDigest.isEqual(value, k.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(generation, keyId, keyUsage, state, Arrays.hashCode(value));
    }

    @Override
    public String toString() {
        return "NetworkKey[generation=" + generation + ", keyId=" + keyId + ", keyUsage=" + keyUsage
                + ", value=[redacted], state=" + state + "]";
    }
}
