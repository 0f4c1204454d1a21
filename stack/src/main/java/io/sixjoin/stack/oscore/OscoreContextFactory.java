package io.sixjoin.stack.oscore;

import org.eclipse.californium.cose.AlgorithmID;
import org.eclipse.californium.cose.EncryptCommon;
import org.eclipse.californium.oscore.OSCoreCtx;
import org.eclipse.californium.oscore.OSException;

/**
 * The only way sixjoin turns {@link OscoreContextParameters} into a cf-oscore {@link OSCoreCtx}. It always uses
 * cf-oscore's full constructor, and first rejects what that constructor would otherwise "repair" on its own:
 * a Sender or Recipient ID longer than the AEAD nonce allows (RFC 8613 §5.2: nonce length − 6) is silently
 * replaced by {@code 0x00}/{@code 0x01}, and an empty Master Salt would reach the JCE as an empty HMAC key.
 * A context derived from different inputs than the ones we were given would still "work" against itself and
 * fail only against the peer, so every such case is an exception here.
 */
public final class OscoreContextFactory {
    /** RFC 8613 §3.2.2 default; cf-oscore's bitmap cannot hold more. */
    public static final int REPLAY_WINDOW_SIZE = 32;
    /**
     * MAX_UNFRAGMENTED_SIZE (RFC 8613 §4.1.3.4.2). CoJP messages are far smaller; the bound only stops a runaway
     * peer from making us buffer large outer block-wise bodies.
     */
    public static final int MAX_UNFRAGMENTED_SIZE = 4096;
    /** The OSCORE option carries the kid context's length in one byte (RFC 8613 §6.1). */
    public static final int MAX_ID_CONTEXT_LENGTH = 255;

    private OscoreContextFactory() {
    }

    /**
     * Derives the Security Context.
     *
     * @param parameters    the agreed parameters
     * @param sendIdContext whether requests (and responses) built with this context carry the ID Context as 'kid
     *                      context' in the OSCORE option, so a server can tell apart contexts sharing a Sender ID
     * @throws IllegalArgumentException if cf-oscore would not derive exactly these parameters
     */
    public static OSCoreCtx create(OscoreContextParameters parameters, boolean sendIdContext) {
        return create(parameters, sendIdContext, OSCoreCtx::new);
    }

    /**
     * cf-oscore's full constructor, as a type, so a caller can derive a subclass of {@link OSCoreCtx} (the JRC's
     * durable contexts) through the same checks.
     */
    @FunctionalInterface
    public interface Constructor<T extends OSCoreCtx> {
        T create(byte[] masterSecret, boolean client, AlgorithmID aead, byte[] senderId, byte[] recipientId,
                AlgorithmID hkdf, Integer replayWindowSize, byte[] masterSalt, byte[] idContext,
                int maxUnfragmentedSize) throws OSException;
    }

    /** Like {@link #create(OscoreContextParameters, boolean)}, building the context with {@code constructor}. */
    public static <T extends OSCoreCtx> T create(OscoreContextParameters parameters, boolean sendIdContext,
            Constructor<T> constructor) {
        int maxIdLength = maxIdLength(parameters.aead());
        checkId("Sender ID", parameters.senderId(), maxIdLength, parameters.aead());
        checkId("Recipient ID", parameters.recipientId(), maxIdLength, parameters.aead());
        byte[] idContext = parameters.idContext();
        if (idContext != null && idContext.length > MAX_ID_CONTEXT_LENGTH) {
            throw new IllegalArgumentException("an OSCORE ID Context is at most " + MAX_ID_CONTEXT_LENGTH
                    + " bytes, got " + idContext.length);
        }
        if (sendIdContext && idContext == null) {
            throw new IllegalArgumentException("cannot send a kid context: the context has no ID Context");
        }
        if (parameters.hkdf() != AlgorithmID.HKDF_HMAC_SHA_256 && parameters.hkdf() != AlgorithmID.HKDF_HMAC_SHA_512) {
            throw new IllegalArgumentException("unsupported OSCORE HKDF " + parameters.hkdf()
                    + " (cf-oscore supports HKDF_HMAC_SHA_256 and HKDF_HMAC_SHA_512)");
        }
        byte[] salt = parameters.masterSalt();
        try {
            // cf-oscore substitutes RFC 5869's HashLen zero bytes only for a null salt; an empty array would
            // reach the JCE as an (illegal) empty HMAC key. Both mean the same salt for HKDF.
            // The 'client' flag only picks cf-oscore's default IDs, which the checks above make unreachable.
            T ctx = constructor.create(parameters.masterSecret(), false, parameters.aead(),
                    parameters.senderId(), parameters.recipientId(), parameters.hkdf(), REPLAY_WINDOW_SIZE,
                    salt.length == 0 ? null : salt, idContext, MAX_UNFRAGMENTED_SIZE);
            if (sendIdContext) {
                ctx.setIncludeContextId(true); // cf-oscore throws when asked to clear a flag on a context without ID Context
            }
            return ctx;
        } catch (OSException e) {
            throw new IllegalArgumentException("cf-oscore refused the OSCORE context: " + e.getMessage(), e);
        }
    }

    /** The longest Sender/Recipient ID the AEAD's nonce can carry (RFC 8613 §5.2). */
    public static int maxIdLength(AlgorithmID aead) {
        int nonceLength = EncryptCommon.getIvLength(aead);
        if (nonceLength <= 0) {
            throw new IllegalArgumentException("AEAD " + aead + " is not supported by cf-oscore");
        }
        return nonceLength - 6;
    }

    private static void checkId(String what, byte[] id, int max, AlgorithmID aead) {
        if (id.length > max) {
            throw new IllegalArgumentException("an OSCORE " + what + " is at most " + max + " bytes with " + aead
                    + " (nonce length - 6, RFC 8613 §5.2), got " + id.length);
        }
    }
}
