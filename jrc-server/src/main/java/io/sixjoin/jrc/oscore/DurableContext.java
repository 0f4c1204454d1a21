package io.sixjoin.jrc.oscore;

import io.sixjoin.stack.cojp.PledgeId;
import io.sixjoin.stack.oscore.ReplayWindow;
import java.util.Optional;
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
 * The window moves only after decryption succeeded ({@link #acceptReplay(long)}), and is persisted (in a group
 * commit, {@link #persist}) before any response is protected with the request's nonce.</li>
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
    private long lastResponseTicket;
    private long tickets;
    private int unsettled;

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
     * A window move made in memory whose save is still queued for a group commit. {@code ticket} orders the
     * acceptances of this context, so a late completion cannot replace a newer cached response.
     */
    public record Accepted(long seq, ReplayWindow previous, ReplayWindow next, long ticket) {
    }

    /**
     * Moves the in-memory window past a verified request's sequence number at once, so any copy arriving from now
     * on is refused as a replay, and returns the new window for {@link #persist} to save in a later (group)
     * transaction; empty if {@code seq} is no longer fresh. Until {@link #settled()} is called the context counts
     * as having uncommitted state and must not be evicted from a cache.
     */
    public synchronized Optional<Accepted> acceptReplay(long seq) {
        if (!window.isFresh(seq)) {
            return Optional.empty();
        }
        Accepted a = new Accepted(seq, window, window.accept(seq), ++tickets);
        window = a.next();
        unsettled++;
        return Optional.of(a);
    }

    /**
     * Takes back an acceptance that was never queued (the commit queue was full), so the pledge's retransmission
     * is handled instead of refused. Only the latest acceptance can be undone; anything else stays advanced (safe:
     * nothing was answered under it).
     */
    public synchronized void undoReplay(Accepted a) {
        if (window == a.next()) {
            window = a.previous();
        }
        settled();
    }

    /** Saves an accepted window; runs inside the group transaction, in acceptance order. */
    public void persist(Accepted a) {
        persistence.saveReplayWindow(pledge, a.next());
    }

    /** The queued save of an acceptance has been committed or has failed. */
    public synchronized void settled() {
        unsettled--;
    }

    /** Whether an accepted window is not yet known to be durable (the context cannot be re-derived from the store). */
    public synchronized boolean hasUnsettledState() {
        return unsettled > 0;
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
    public synchronized Optional<CachedResponse> cachedResponse(long seq, byte[] requestDigest) {
        CachedResponse r = lastResponse;
        if (r != null && r.seq() == seq && java.security.MessageDigest.isEqual(r.requestDigest(), requestDigest)) {
            return Optional.of(r);
        }
        return Optional.empty();
    }

    /** Caches the answer to an acceptance, unless the answer to a later one is cached already. */
    public synchronized void cacheResponse(Accepted a, CachedResponse response) {
        if (a.ticket() >= lastResponseTicket) {
            lastResponse = response;
            lastResponseTicket = a.ticket();
        }
    }

    @Override
    public String toString() {
        return "DurableContext[pledge=" + pledge + ", window=" + window + ", senderSeq=" + getSenderSeq() + "]";
    }
}
