package io.sixjoin.stack.oscore;

import org.eclipse.californium.oscore.OSCoreCtx;
import org.eclipse.californium.oscore.OSException;
import org.eclipse.californium.oscore.OSSerializer;

/**
 * The AEAD nonce (RFC 8613 §5.2) a context uses for a given Partial IV, computed by the same cf-oscore function
 * its encryptors call. It exists so we can log and compare the nonces actually used — a repeated (key, nonce)
 * pair breaks AES-CCM entirely, and proving that a reboot or a JRC fail-over never repeats one needs the value
 * itself, not just the sequence number.
 */
public final class OscoreNonce {
    /** RFC 8613 §3.3 caps the Sender Sequence Number at 2^40 − 1; cf-oscore's int is the tighter bound. */
    public static final long MAX_SEQUENCE_NUMBER = Integer.MAX_VALUE;

    private OscoreNonce() {
    }

    /** The nonce of a message this context protects with its own Sender Sequence Number {@code seq}. */
    public static byte[] sender(OSCoreCtx ctx, long seq) {
        return compute(ctx.getSenderId(), ctx, seq);
    }

    /**
     * The nonce of a message the peer protected with Partial IV {@code seq}; also the nonce of our response
     * to such a request when the response carries no Partial IV.
     */
    public static byte[] recipient(OSCoreCtx ctx, long seq) {
        return compute(ctx.getRecipientId(), ctx, seq);
    }

    /** The Partial IV encoding of a sequence number: big-endian, leading zero bytes removed, 0 as {@code 0x00}. */
    public static byte[] partialIv(long seq) {
        checkSeq(seq);
        return OSSerializer.processPartialIV((int) seq);
    }

    private static byte[] compute(byte[] idPiv, OSCoreCtx ctx, long seq) {
        try {
            return OSSerializer.nonceGeneration(partialIv(seq), idPiv, ctx.getCommonIV(), ctx.getIVLength());
        } catch (OSException e) {
            throw new IllegalStateException("cf-oscore could not form a nonce: " + e.getMessage(), e);
        }
    }

    private static void checkSeq(long seq) {
        if (seq < 0 || seq > MAX_SEQUENCE_NUMBER) {
            throw new IllegalArgumentException("an OSCORE sequence number is 0 to " + MAX_SEQUENCE_NUMBER
                    + ", got " + seq);
        }
    }
}
