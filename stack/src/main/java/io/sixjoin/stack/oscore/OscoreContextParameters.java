package io.sixjoin.stack.oscore;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

import org.eclipse.californium.cose.AlgorithmID;

/**
 * The input parameters of an OSCORE Security Context (RFC 8613 §3.2): everything two endpoints agree on out of
 * band, from which keys and the Common IV are derived. IDs are from this endpoint's point of view (its Sender ID
 * is the peer's Recipient ID). Byte arrays are copied in and out, so an instance is immutable; {@link #toString()}
 * shows identifiers (they travel in clear anyway) but never the Master Secret or Master Salt.
 *
 * @param masterSecret the Master Secret, at least one byte
 * @param masterSalt   the Master Salt; empty means RFC 8613's default (HKDF then uses HashLen zero bytes)
 * @param senderId     this endpoint's Sender ID, may be empty
 * @param recipientId  this endpoint's Recipient ID, may be empty
 * @param idContext    the ID Context, or {@code null} when the context has none (which is not the same as empty:
 *                     absent is CBOR nil in the derivation's info, empty is {@code h''})
 * @param aead         the AEAD algorithm
 * @param hkdf         the HKDF algorithm
 */
public record OscoreContextParameters(byte[] masterSecret, byte[] masterSalt, byte[] senderId, byte[] recipientId,
        byte[] idContext, AlgorithmID aead, AlgorithmID hkdf) {

    /** RFC 8613 §3.2's mandatory-to-implement AEAD, and the one RFC 9031 §7.3 names. */
    public static final AlgorithmID DEFAULT_AEAD = AlgorithmID.AES_CCM_16_64_128;
    /** RFC 8613 §3.2's default HKDF. */
    public static final AlgorithmID DEFAULT_HKDF = AlgorithmID.HKDF_HMAC_SHA_256;

    public OscoreContextParameters {
        Objects.requireNonNull(masterSecret, "masterSecret");
        Objects.requireNonNull(masterSalt, "masterSalt (use an empty array for the default)");
        Objects.requireNonNull(senderId, "senderId (use an empty array for the empty ID)");
        Objects.requireNonNull(recipientId, "recipientId (use an empty array for the empty ID)");
        Objects.requireNonNull(aead, "aead");
        Objects.requireNonNull(hkdf, "hkdf");
        if (masterSecret.length == 0) {
            throw new IllegalArgumentException("the OSCORE Master Secret must not be empty");
        }
        masterSecret = masterSecret.clone();
        masterSalt = masterSalt.clone();
        senderId = senderId.clone();
        recipientId = recipientId.clone();
        idContext = idContext == null ? null : idContext.clone();
    }

    /** Parameters with the default AEAD (AES-CCM-16-64-128) and HKDF (HKDF-SHA-256). */
    public static OscoreContextParameters of(byte[] masterSecret, byte[] masterSalt, byte[] senderId,
            byte[] recipientId, byte[] idContext) {
        return new OscoreContextParameters(masterSecret, masterSalt, senderId, recipientId, idContext, DEFAULT_AEAD,
                DEFAULT_HKDF);
    }

    /** The same context parameters with another AEAD algorithm. */
    public OscoreContextParameters withAead(AlgorithmID otherAead) {
        return new OscoreContextParameters(masterSecret, masterSalt, senderId, recipientId, idContext, otherAead, hkdf);
    }

    /** The parameters the peer uses: same secrets, Sender and Recipient IDs exchanged. */
    public OscoreContextParameters peer() {
        return new OscoreContextParameters(masterSecret, masterSalt, recipientId, senderId, idContext, aead, hkdf);
    }

    /** A copy of the Master Secret. Callers must not log it. */
    @Override
    public byte[] masterSecret() {
        return masterSecret.clone();
    }

    @Override
    public byte[] masterSalt() {
        return masterSalt.clone();
    }

    @Override
    public byte[] senderId() {
        return senderId.clone();
    }

    @Override
    public byte[] recipientId() {
        return recipientId.clone();
    }

    /** A copy of the ID Context, or {@code null} if the context has none. */
    @Override
    public byte[] idContext() {
        return idContext == null ? null : idContext.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OscoreContextParameters p
                && java.security.MessageDigest.isEqual(masterSecret, p.masterSecret)
                && Arrays.equals(masterSalt, p.masterSalt)
                && Arrays.equals(senderId, p.senderId)
                && Arrays.equals(recipientId, p.recipientId)
                && Arrays.equals(idContext, p.idContext)
                && aead == p.aead && hkdf == p.hkdf;
    }

    @Override
    public int hashCode() {
        // The secret stays out of the hash so hash-based timing or collisions reveal nothing about it.
        return Objects.hash(Arrays.hashCode(senderId), Arrays.hashCode(recipientId), Arrays.hashCode(idContext),
                aead, hkdf);
    }

    @Override
    public String toString() {
        HexFormat hex = HexFormat.of();
        return "OscoreContextParameters[masterSecret=[redacted " + masterSecret.length + " B]"
                + ", masterSalt=[redacted " + masterSalt.length + " B]"
                + ", senderId=h'" + hex.formatHex(senderId) + "'"
                + ", recipientId=h'" + hex.formatHex(recipientId) + "'"
                + ", idContext=" + (idContext == null ? "absent" : "h'" + hex.formatHex(idContext) + "'")
                + ", aead=" + aead + ", hkdf=" + hkdf + "]";
    }
}
