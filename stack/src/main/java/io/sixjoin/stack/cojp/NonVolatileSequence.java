package io.sixjoin.stack.cojp;

/**
 * Where a pledge draws the OSCORE Sender Sequence Numbers of its Join Requests from: a counter that must never
 * hand out the same number twice under one PSK, across reboots and across every JRC and network the pledge tries
 * (RFC 9031 §7.3, §7.3.1), because a repeated number repeats an AES-CCM nonce under the same key. An
 * implementation keeps the counter in non-volatile memory the way RFC 8613 App. B.1.1 allows — writing only every
 * K numbers and jumping ahead after a reboot — so the flash is not worn by one write per request.
 * {@link JumpAheadSequence} is the implementation; what it persists to is its {@link JumpAheadSequence.Store}.
 */
public interface NonVolatileSequence {
    /**
     * Reserves the next number; it is never returned again, even after a reboot.
     *
     * @throws IllegalStateException when the sequence is exhausted (the PSK must be re-provisioned)
     */
    long next();

    /** The number {@link #next()} would return, without reserving it. */
    long peek();
}
