package io.sixjoin.jrc.oscore;

import io.sixjoin.stack.cojp.PledgeId;
import io.sixjoin.stack.oscore.ReplayWindow;
import org.eclipse.californium.cose.AlgorithmID;
import org.eclipse.californium.oscore.ErrorDescriptions;
import org.eclipse.californium.oscore.OSCoreCtx;
import org.eclipse.californium.oscore.OSException;

/**
 * The JRC's OSCORE context with one pledge, with its mutable state made durable (RFC 9031 §7.3.1). Two things
 * differ from cf-oscore's context:
 * <ul>
 * <li>The replay check is read-only. cf-oscore moves its window inside the check, before the tag is verified,
 * so a forged request with a high Partial IV would lock the real pledge out (RFC 8613 §7.4 forbids that).
 * The window moves only in {@link #commitReplay(long)}, after decryption succeeded, and is persisted there
 * before any response is protected with the request's nonce.</li>
 * <li>Sender sequence numbers are reserved in the store in blocks (RFC 8613 App. B.1.1) before use, so a
 * restart resumes above anything that may have been sent.</li>
 * </ul>
 */
public final class DurableContext extends OSCoreCtx {
    /** The B.1.1 'K': how many sender sequence numbers one durable write reserves. */
    public static final int SEQUENCE_BLOCK = 64;

    /** Where a context writes its state; each call must be durable when it returns. */
    public interface Persistence {
        void saveReplayWindow(PledgeId pledge, ReplayWindow window);

        void reserveSenderSequence(PledgeId pledge, long ceiling);
    }

    private PledgeId pledge;
    private Persistence persistence;
    private ReplayWindow window = ReplayWindow.EMPTY;
    private long senderCeiling;
    private CachedResponse lastResponse;

    /**
     * The protected response to the last request this context accepted. A pledge's retransmission reaches the
     * JRC with the same Partial IV (through a stateless join proxy even under a new Message ID, so CoAP
     * deduplication misses it); re-encrypting an answer under that nonce could reuse it, and dropping it as a
     * replay would leave the pledge waiting for nothing, so the identical bytes are sent again.
     */
    public record CachedResponse(long seq, byte[] requestDigest, int outerCode, byte[] oscoreOption,
            byte[] payload) {
    }

    DurableContext(byte[] masterSecret, boolean client, AlgorithmID aead, byte[] senderId, byte[] recipientId,
            AlgorithmID hkdf, Integer replayWindowSize, byte[] masterSalt, byte[] idContext, int maxUnfragmented)
            throws OSException {
        super(masterSecret, client, aead, senderId, recipientId, hkdf, replayWindowSize, masterSalt, idContext,
                maxUnfragmented);
    }

    /** Second construction step (cf-oscore's constructor signature is fixed): restore the durable state. */
    void restore(PledgeId pledge, Persistence persistence, ReplayWindow window, long senderCeiling) {
        this.pledge = pledge;
        this.persistence = persistence;
        this.window = window;
        // Everything below the stored ceiling may have been used before a crash; start there.
        this.senderCeiling = senderCeiling;
        super.setSenderSeq((int) Math.min(senderCeiling, Integer.MAX_VALUE));
    }

    public PledgeId pledge() {
        return pledge;
    }

    public synchronized ReplayWindow replayWindow() {
        return window;
    }

    /** Read-only replay check, called by cf-oscore's decryptor before it verifies the tag. */
    @Override
    public synchronized void checkIncomingSeq(int seq) throws OSException {
        if (!window.isFresh(seq)) {
            throw new OSException(ErrorDescriptions.REPLAY_DETECT);
        }
    }

    /**
     * Accepts a verified request's sequence number and persists the new window. Returns false if another copy of
     * the same request was committed meanwhile (two copies can pass the read-only check concurrently).
     */
    public synchronized boolean commitReplay(long seq) {
        if (!window.isFresh(seq)) {
            return false;
        }
        ReplayWindow next = window.accept(seq);
        persistence.saveReplayWindow(pledge, next);
        window = next;
        return true;
    }

    /**
     * Makes sure the next sender sequence number is covered by a durable reservation; call (holding this
     * context's lock) right before protecting a request with this context.
     */
    public synchronized void reserveBeforeSend() {
        long next = getSenderSeq();
        if (next >= senderCeiling) {
            long ceiling = next + SEQUENCE_BLOCK;
            persistence.reserveSenderSequence(pledge, ceiling);
            senderCeiling = ceiling;
        }
    }

    /** The cached response for a request with this sequence number and content digest, if it is the last one. */
    public synchronized java.util.Optional<CachedResponse> cachedResponse(long seq, byte[] requestDigest) {
        CachedResponse r = lastResponse;
        if (r != null && r.seq() == seq && java.security.MessageDigest.isEqual(r.requestDigest(), requestDigest)) {
            return java.util.Optional.of(r);
        }
        return java.util.Optional.empty();
    }

    public synchronized void cacheResponse(CachedResponse response) {
        lastResponse = response;
    }

    @Override
    public String toString() {
        return "DurableContext[pledge=" + pledge + ", window=" + window + ", senderSeq=" + getSenderSeq() + "]";
    }
}
