package io.sixjoin.stack.ieee802154.security;

import java.util.Objects;

/**
 * Why {@link FrameSecurity} refused to secure or unsecure a frame. For incoming frames every reason means
 * the same thing to the MAC: drop silently, count by reason, do not acknowledge. A run of
 * {@link Reason#AUTHENTICATION_FAILED} from one neighbour usually means a stale key (the JRC rekeyed) or a
 * wrong ASN (the receiver is not synchronised), rarely an attack.
 */
public final class FrameSecurityException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Stable reason names, used as counter keys. */
    public enum Reason {
        /** The frame has no auxiliary security header (or asked to secure: already has one). */
        NOT_SECURED,
        /** Security level 0 or 4 (no MIC) with Security Enabled set, or an unverified read of an encrypted frame. */
        UNSUPPORTED_LEVEL,
        /** The frame version or header does not allow the requested nonce (e.g. TSCH nonce for a 2006 frame). */
        UNSUPPORTED_FRAME,
        /** The MIC does not verify: wrong key, wrong sender address or ASN, or a tampered frame. */
        AUTHENTICATION_FAILED,
        /** The MIC verified but the decrypted body is not a valid IE list / payload. */
        MALFORMED_PLAINTEXT,
        /** The JDK refused AES (should not happen on a standard JRE). */
        CRYPTO_UNAVAILABLE
    }

    private final Reason reason;

    /**
     * @param reason  why
     * @param message detail, never key material
     */
    public FrameSecurityException(Reason reason, String message) {
        super(Objects.requireNonNull(reason, "reason") + ": " + message);
        this.reason = reason;
    }

    /** The reason, for counting and for tests. */
    public Reason reason() {
        return reason;
    }
}
