package io.sixjoin.stack.coap;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.eclipse.californium.core.coap.Token;
import org.eclipse.californium.elements.util.StringUtil;

/**
 * A CoAP token longer than the 8 bytes RFC 7252 allows (RFC 8974: up to {@value #MAX_LENGTH} bytes), smuggled
 * through Californium, whose {@link Token} refuses to hold more than 8 bytes and cannot be subclassed around that
 * check. The base {@code Token} therefore holds an 8-byte <em>surrogate</em>, a keyed digest of the real token
 * under a secret drawn once per JVM, and this subclass carries the real bytes alongside. Everything inside
 * Californium (matcher, deduplicator, exchange store, observe and blockwise state) keys on the surrogate, which is
 * equal exactly when the real tokens are equal (up to a 2<sup>-64</sup> accident an outsider cannot steer,
 * because the key never leaves the process), and Californium hands the same {@code Token} instance from a request
 * to its response; {@link ExtendedTokenUdpDataSerializer} then writes the real bytes. Create instances with
 * {@link #of(byte[])}, and read the on-the-wire bytes of any token with {@link #wireBytes(Token)}, never with
 * {@link Token#getBytes()}, which returns the surrogate.
 */
public final class ExtendedToken extends Token {
    /** Largest token RFC 8974 can express: TKL 14 with an extended length of 0xFFFF, plus 269. */
    public static final int MAX_LENGTH = 65535 + 269;

    /** Tokens up to this size are ordinary Californium tokens, untouched by this class. */
    public static final int RFC7252_MAX_LENGTH = 8;

    private static final String MAC_ALGORITHM = "HmacSHA256";

    // One key per JVM: surrogates only have to agree between the parser and the serializer of this process, and
    // a fresh secret keeps a remote peer from choosing a long token whose surrogate collides with someone else's.
    private static final SecretKeySpec SURROGATE_KEY = newKey();

    private static final ThreadLocal<Mac> MACS = ThreadLocal.withInitial(ExtendedToken::newMac);

    private final byte[] wire;

    private ExtendedToken(byte[] surrogate, byte[] wire) {
        super(surrogate);
        this.wire = wire;
    }

    /**
     * The token Californium should carry for the given on-the-wire bytes: a plain {@link Token} for 0..8 bytes,
     * so RFC 7252 tokens behave exactly as before, otherwise an {@code ExtendedToken}.
     *
     * @param bytes the token as it appears on the wire; copied
     * @throws IllegalArgumentException if longer than {@value #MAX_LENGTH} bytes
     */
    public static Token of(byte[] bytes) {
        Objects.requireNonNull(bytes, "token bytes");
        if (bytes.length <= RFC7252_MAX_LENGTH) {
            return new Token(bytes);
        }
        return extended(bytes.clone());
    }

    /** Like {@link #of(byte[])} but takes ownership of {@code bytes}; for the parser, which owns a fresh array. */
    static Token fromWire(byte[] bytes) {
        if (bytes.length <= RFC7252_MAX_LENGTH) {
            return Token.fromProvider(bytes);
        }
        return extended(bytes);
    }

    private static ExtendedToken extended(byte[] bytes) {
        if (bytes.length > MAX_LENGTH) {
            throw new IllegalArgumentException(
                    "token of " + bytes.length + " bytes exceeds the RFC 8974 maximum of " + MAX_LENGTH);
        }
        return new ExtendedToken(surrogate(bytes), bytes);
    }

    /**
     * The bytes a token has on the wire: the real bytes of an {@code ExtendedToken}, the plain bytes of any other
     * {@link Token}. The returned array must not be modified.
     */
    public static byte[] wireBytes(Token token) {
        if (token instanceof ExtendedToken) {
            return ((ExtendedToken) token).wire;
        }
        return token.getBytes();
    }

    /** The on-the-wire length of a token, see {@link #wireBytes(Token)}. */
    public static int wireLength(Token token) {
        return wireBytes(token).length;
    }

    /** A copy of the real token bytes. */
    public byte[] toByteArray() {
        return wire.clone();
    }

    @Override
    public String toString() {
        // Logs must show what the peer sent, not the surrogate, or exchanges could not be traced across hosts.
        return "Token=" + StringUtil.byteArray2Hex(wire) + " (" + wire.length + " bytes, RFC 8974)";
    }

    /** Whether the real token equals {@code bytes}; unlike {@link #equals(Object)} this never looks at surrogates. */
    public boolean hasWireBytes(byte[] bytes) {
        return Arrays.equals(wire, bytes);
    }

    private static byte[] surrogate(byte[] bytes) {
        return Arrays.copyOf(MACS.get().doFinal(bytes), RFC7252_MAX_LENGTH);
    }

    private static SecretKeySpec newKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return new SecretKeySpec(key, MAC_ALGORITHM);
    }

    private static Mac newMac() {
        try {
            Mac mac = Mac.getInstance(MAC_ALGORITHM);
            mac.init(SURROGATE_KEY);
            return mac;
        } catch (GeneralSecurityException e) {
            // Every Java SE runtime must provide HmacSHA256, so this is a broken JRE, not a recoverable state.
            throw new IllegalStateException(MAC_ALGORITHM + " unavailable", e);
        }
    }
}
