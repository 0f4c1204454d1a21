package io.sixjoin.stack.oscore;

import com.upokecenter.cbor.CBORObject;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Optional;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.CoAP.Code;
import org.eclipse.californium.core.coap.OptionSet;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.network.serialization.UdpDataParser;
import org.eclipse.californium.cose.AlgorithmID;
import org.eclipse.californium.elements.util.DatagramReader;
import org.eclipse.californium.oscore.OSCoreCtx;
import org.eclipse.californium.oscore.OSException;
import org.eclipse.californium.oscore.OSSerializer;
import org.eclipse.californium.oscore.OptionJuggle;
import org.eclipse.californium.scandium.dtls.cipher.CCMBlockCipher;

/**
 * Verifies and decrypts an OSCORE-protected request (RFC 8613 §8.2) with a context the caller already found,
 * using cf-oscore's nonce and AAD construction and Scandium's AES-CCM — the same pieces cf-oscore's decryptor
 * uses — but with two differences that matter for a server facing hostile traffic: a failed tag is a plain
 * {@code false}, where cf-oscore 3.13.0 prints a full stack trace to stderr for each one (a log flood anyone can
 * trigger), and nothing is written to the context (cf-oscore stores the inner code on the shared context, a race
 * between two requests of one peer, and moves the replay window before the tag is checked). Replay checking and
 * committing stay with the caller.
 */
public final class OscoreRequestUnprotector {
    private OscoreRequestUnprotector() {
    }

    /**
     * The inner request (real code, inner options merged with the outer Class U ones, inner payload), if the
     * ciphertext verifies under {@code ctx} for Partial IV {@code seq}. {@code request} itself is not changed.
     *
     * @return empty if the tag does not verify or the plaintext is not a request
     */
    public static Optional<Request> unprotect(Request request, OSCoreCtx ctx, int seq) {
        AlgorithmID alg = ctx.getAlg();
        if (!isAesCcm(alg) || request.getPayloadSize() <= alg.getTagSize() / Byte.SIZE) {
            return Optional.empty();
        }
        // Class E options sent in the clear are not part of the message (RFC 8613 §4.1): drop them before the AAD.
        OptionSet outer = OptionJuggle.discardEOptions(new OptionSet(request.getOptions()));
        byte[] plaintext;
        try {
            byte[] partialIv = ByteBuffer.allocate(Integer.BYTES).putInt(seq).array();
            byte[] nonce = OSSerializer.nonceGeneration(partialIv, ctx.getRecipientId(), ctx.getCommonIV(),
                    ctx.getIVLength());
            byte[] externalAad = OSSerializer.serializeAAD(CoAP.VERSION, alg, seq, ctx.getRecipientId(), outer);
            // the AEAD's associated data is COSE's Enc_structure ["Encrypt0", h'', external_aad] (RFC 8613 §5.4)
            byte[] aad = CBORObject.NewArray().Add("Encrypt0").Add(new byte[0]).Add(externalAad).EncodeToBytes();
            plaintext = CCMBlockCipher.decrypt(new SecretKeySpec(ctx.getRecipientKey(), "AES"), nonce, aad,
                    request.getPayload(), alg.getTagSize() / Byte.SIZE);
        } catch (GeneralSecurityException | OSException | RuntimeException e) {
            return Optional.empty();
        }
        Request inner = new Request(Code.GET);
        Request result;
        try {
            DatagramReader reader = new DatagramReader(plaintext);
            Code code = Code.valueOf(reader.read(CoAP.MessageFormat.CODE_BITS));
            new UdpDataParser().parseOptionsAndPayload(reader, inner);
            result = new Request(code, request.getType());
            result.setMID(request.getMID());
            result.setToken(request.getToken());
            result.setSourceContext(request.getSourceContext());
            result.setOptions(OptionJuggle.merge(inner.getOptions(), outer));
            result.setPayload(inner.getPayload()); // Californium refuses a payload on GET/DELETE: malformed
        } catch (RuntimeException e) {
            return Optional.empty(); // authentic but not a valid request: the peer is broken; treat like a forgery
        }
        return Optional.of(result);
    }

    private static boolean isAesCcm(AlgorithmID alg) {
        return alg == AlgorithmID.AES_CCM_16_64_128 || alg == AlgorithmID.AES_CCM_16_128_128
                || alg == AlgorithmID.AES_CCM_64_64_128 || alg == AlgorithmID.AES_CCM_64_128_128
                || alg == AlgorithmID.AES_CCM_16_64_256 || alg == AlgorithmID.AES_CCM_16_128_256
                || alg == AlgorithmID.AES_CCM_64_64_256 || alg == AlgorithmID.AES_CCM_64_128_256;
    }
}
