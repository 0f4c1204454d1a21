package io.sixjoin.stack.cojp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A pledge's pre-shared key (RFC 9031 §3), the OSCORE Master Secret of its join context. The value never
 * leaves this object except through {@link #secret()}; {@link #toString()} is redacted and
 * {@link #fingerprint()} gives a short, non-reversible tag for listings and logs.
 */
public final class PreSharedKey {
    /** RFC 9031 §3 asks for at least 128 bits of entropy, so shorter keys are refused outright. */
    public static final int MIN_LENGTH = 16;
    public static final int MAX_LENGTH = 64;

    private final byte[] secret;

    private PreSharedKey(byte[] secret) {
        this.secret = secret;
    }

    public static PreSharedKey of(byte[] secret) {
        if (secret == null || secret.length < MIN_LENGTH || secret.length > MAX_LENGTH) {
            throw new IllegalArgumentException("a PSK is " + MIN_LENGTH + " to " + MAX_LENGTH + " bytes (RFC 9031 §3 asks for"
                    + " at least 128 bits), got " + (secret == null ? "none" : secret.length + " bytes"));
        }
        return new PreSharedKey(secret.clone());
    }

    /** Parses hex; the exception message never repeats the input, since it may be a real key. */
    public static PreSharedKey parse(String hex) {
        String h = hex == null ? "" : hex.trim().replace(":", "");
        if (h.isEmpty() || h.length() % 2 != 0 || !h.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new IllegalArgumentException("bad PSK: expected " + MIN_LENGTH + " to " + MAX_LENGTH
                    + " bytes of hex (32 hex digits for a 128-bit key)");
        }
        return of(HexFormat.of().parseHex(h.toLowerCase(java.util.Locale.ROOT)));
    }

    /** A copy of the key. Callers must not log it. */
    public byte[] secret() {
        return secret.clone();
    }

    /** First 4 bytes of SHA-256("sixjoin-psk" ‖ key) in hex: enough to tell keys apart, useless to an attacker. */
    public String fingerprint() {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update("sixjoin-psk".getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(d.digest(secret), 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is mandatory in every JRE", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PreSharedKey other && MessageDigest.isEqual(secret, other.secret);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(secret);
    }

    @Override
    public String toString() {
        return "PreSharedKey[redacted, fp=" + fingerprint() + "]";
    }
}
