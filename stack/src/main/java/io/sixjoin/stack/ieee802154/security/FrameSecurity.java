package io.sixjoin.stack.ieee802154.security;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Objects;

import org.eclipse.californium.scandium.dtls.cipher.CCMBlockCipher;
import org.eclipse.californium.scandium.dtls.cipher.InvalidMacException;

import io.sixjoin.stack.ieee802154.FrameControl;
import io.sixjoin.stack.ieee802154.FrameFormatException;
import io.sixjoin.stack.ieee802154.FrameType;
import io.sixjoin.stack.ieee802154.Ieee802154Frame;
import io.sixjoin.stack.ieee802154.security.FrameSecurityException.Reason;

/**
 * IEEE 802.15.4 frame security with AES-128 CCM* (802.15.4-2015 §9.3), as TSCH and OpenWSN use it. The
 * 13-byte nonce is the sender's EUI-64 (printed order) followed by the 5-byte ASN, most significant byte
 * first, when the frame counter is suppressed or the "ASN in nonce" bit is set (OpenWSN reverses its
 * little-endian ASN into the nonce the same way); otherwise EUI-64, 4-byte frame counter (big-endian) and
 * the security level, the 2006 construction. The MIC authenticates the header up to and including the
 * header IEs plus, for MIC-only levels, the whole body; encrypting levels encrypt the body (payload IEs and
 * payload), except that a 2003/2006 MAC command's command identifier stays in the clear. CCM with L = 2 and
 * MIC length 4, 8 or 16 is plain CCM, so this reuses Scandium's {@link CCMBlockCipher} (JDK AES underneath);
 * levels without a MIC (0 and 4) are refused both ways. Which level a frame type needs (K1/K2 policy,
 * RFC 9031 key usage) is the caller's decision: check {@link Unsecured#security()}.
 *
 * <pre>{@code
 * Ieee802154Frame onAir = FrameSecurity.secure(plain, k2, 1, SecurityLevel.ENC_MIC_32, myEui64, asn);
 * FrameSecurity.Unsecured in = FrameSecurity.unsecure(Ieee802154Frame.parse(bytes), k2, senderEui64, asn);
 * }</pre>
 */
public final class FrameSecurity {
    private FrameSecurity() {
    }

    /**
     * The result of {@link #unsecure}: the plain frame and the security it arrived with.
     *
     * @param frame    the frame with security removed and its payload IEs decoded
     * @param security the auxiliary security header it carried (for key and level policy checks)
     */
    public record Unsecured(Ieee802154Frame frame, AuxSecurityHeader security) {
    }

    /**
     * Secures {@code plain} the TSCH way: key ID mode 1 with {@code keyIndex}, frame counter suppressed,
     * ASN in the nonce.
     *
     * @throws IllegalArgumentException if {@code plain} is already secured, the level has no MIC (0 or 4),
     *                                  the frame version has no ASN nonce, or an argument is out of range
     */
    public static Ieee802154Frame secure(Ieee802154Frame plain, LinkKey key, int keyIndex, SecurityLevel level,
            byte[] senderEui64, long asn) {
        return secure(plain, key, AuxSecurityHeader.tsch(level, keyIndex), senderEui64, asn);
    }

    /**
     * Secures {@code plain} with an explicit auxiliary security header; {@code asn} is ignored when the
     * header's frame counter is used in the nonce.
     */
    public static Ieee802154Frame secure(Ieee802154Frame plain, LinkKey key, AuxSecurityHeader aux,
            byte[] senderEui64, long asn) {
        if (plain.security() != null) {
            throw new IllegalArgumentException("frame is already secured");
        }
        if (aux.level().micLength() == 0) {
            throw new IllegalArgumentException("security level " + aux.level() + " has no MIC; not supported");
        }
        byte[] nonce = nonce(senderEui64, aux, asn, plain.frameVersion());
        byte[] body = plain.bodyBytes();
        int mic = aux.level().micLength();
        byte[] header = plain.withSecuredBody(aux, new byte[body.length + mic]).headerBytes();
        int open = openPrefix(plain.frameType(), plain.frameVersion(), aux.level(), body.length);
        byte[] opaque;
        try {
            if (aux.level().encrypted()) {
                byte[] sealed = CCMBlockCipher.encrypt(key.secretKey(), nonce, concat(header, body, open),
                        Arrays.copyOfRange(body, open, body.length), mic);
                opaque = concat(Arrays.copyOf(body, open), sealed, sealed.length);
            } else {
                byte[] tag = CCMBlockCipher.encrypt(key.secretKey(), nonce, concat(header, body, body.length),
                        new byte[0], mic);
                opaque = concat(body, tag, tag.length);
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-CCM unavailable in this JRE", e);
        }
        return plain.withSecuredBody(aux, opaque);
    }

    /**
     * Verifies and, for encrypting levels, decrypts a secured frame as received.
     *
     * @param senderEui64 the sender's extended address (from the frame, or the neighbour table when the
     *                    frame carries a short source address)
     * @param asn         the ASN of the slot the frame was received in
     * @throws FrameSecurityException for every failure, never another exception
     */
    public static Unsecured unsecure(Ieee802154Frame secured, LinkKey key, byte[] senderEui64, long asn)
            throws FrameSecurityException {
        AuxSecurityHeader aux = requireSecured(secured);
        byte[] nonce;
        try {
            nonce = nonce(senderEui64, aux, asn, secured.frameVersion());
        } catch (IllegalArgumentException e) {
            throw new FrameSecurityException(Reason.UNSUPPORTED_FRAME, e.getMessage());
        }
        byte[] header = secured.headerBytes();
        byte[] opaque = secured.payload();
        int mic = aux.level().micLength();
        byte[] body;
        try {
            if (aux.level().encrypted()) {
                int open = openPrefix(secured.frameType(), secured.frameVersion(), aux.level(), opaque.length - mic);
                byte[] plain = CCMBlockCipher.decrypt(key.secretKey(), nonce, concat(header, opaque, open),
                        Arrays.copyOfRange(opaque, open, opaque.length), mic);
                body = concat(Arrays.copyOf(opaque, open), plain, plain.length);
            } else {
                body = Arrays.copyOf(opaque, opaque.length - mic);
                CCMBlockCipher.decrypt(key.secretKey(), nonce, concat(header, body, body.length),
                        Arrays.copyOfRange(opaque, body.length, opaque.length), mic);
            }
        } catch (InvalidMacException e) {
            throw new FrameSecurityException(Reason.AUTHENTICATION_FAILED, "MIC of " + mic + " bytes from "
                    + secured.source() + " at ASN " + asn + " does not verify");
        } catch (GeneralSecurityException e) {
            throw new FrameSecurityException(Reason.CRYPTO_UNAVAILABLE, e.toString());
        }
        return new Unsecured(plainFrame(secured, body), aux);
    }

    /**
     * The plain form of a MIC-only frame without checking the MIC: how a pledge without K1 reads an EB
     * (RFC 8180 §4.6), until the Join Response lets it verify.
     */
    public static Unsecured unverified(Ieee802154Frame secured) throws FrameSecurityException {
        AuxSecurityHeader aux = requireSecured(secured);
        if (aux.level().encrypted()) {
            throw new FrameSecurityException(Reason.UNSUPPORTED_LEVEL, "an encrypted frame cannot be read unverified");
        }
        byte[] opaque = secured.payload();
        return new Unsecured(plainFrame(secured, Arrays.copyOf(opaque, opaque.length - aux.level().micLength())),
                aux);
    }

    /** The 13-byte CCM* nonce. */
    static byte[] nonce(byte[] senderEui64, AuxSecurityHeader aux, long asn, int frameVersion) {
        Objects.requireNonNull(senderEui64, "senderEui64");
        if (senderEui64.length != 8) {
            throw new IllegalArgumentException("sender EUI-64 has 8 bytes, not " + senderEui64.length);
        }
        byte[] nonce = Arrays.copyOf(senderEui64, 13);
        if (aux.frameCounter() != null && !aux.asnInNonce()) {
            long fc = aux.frameCounter();
            for (int i = 0; i < 4; i++) {
                nonce[8 + i] = (byte) (fc >>> (8 * (3 - i)));
            }
            nonce[12] = (byte) aux.level().value();
            return nonce;
        }
        if (frameVersion < FrameControl.VERSION_2015) {
            throw new IllegalArgumentException("frame version " + frameVersion + " has no ASN nonce");
        }
        if (asn < 0 || asn >= 1L << 40) {
            throw new IllegalArgumentException("ASN " + asn + " outside 40 bits");
        }
        for (int i = 0; i < 5; i++) {
            nonce[8 + i] = (byte) (asn >>> (8 * (4 - i)));
        }
        return nonce;
    }

    private static AuxSecurityHeader requireSecured(Ieee802154Frame frame) throws FrameSecurityException {
        AuxSecurityHeader aux = frame.security();
        if (aux == null) {
            throw new FrameSecurityException(Reason.NOT_SECURED, "frame has no auxiliary security header");
        }
        if (aux.level().micLength() == 0) {
            // Levels 0 and 4 prove nothing; accepting them would let a flipped bit downgrade a frame.
            throw new FrameSecurityException(Reason.UNSUPPORTED_LEVEL, "security level " + aux.level()
                    + " carries no MIC");
        }
        return aux;
    }

    /** Bytes at the start of the body that an encrypting level leaves in the clear (2006 command ID). */
    private static int openPrefix(FrameType type, int version, SecurityLevel level, int bodyLength) {
        return level.encrypted() && type.equals(FrameType.COMMAND) && version < FrameControl.VERSION_2015
                && bodyLength > 0 ? 1 : 0;
    }

    private static Ieee802154Frame plainFrame(Ieee802154Frame secured, byte[] body) throws FrameSecurityException {
        try {
            return secured.withPlainBody(body);
        } catch (FrameFormatException e) {
            throw new FrameSecurityException(Reason.MALFORMED_PLAINTEXT, e.getMessage());
        }
    }

    private static byte[] concat(byte[] first, byte[] second, int secondLength) {
        byte[] out = Arrays.copyOf(first, first.length + secondLength);
        System.arraycopy(second, 0, out, first.length, secondLength);
        return out;
    }
}
