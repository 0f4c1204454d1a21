package io.sixjoin.emulator.tsch;

/**
 * How the MAC protects a data frame it sends, chosen per frame by the upper layer. {@link #ENCRYPTED}
 * is the normal case once keyed (ENC-MIC-32 with K2, as OpenWSN); {@link #AUTHENTICATED} (MIC-32 with
 * K2) is what a Join Proxy sends to a pledge, which cannot decrypt yet but can read the frame and verify
 * it once the Join Response has delivered the keys (RFC 9031 §5.1); {@link #NONE} is for a pledge's own
 * join traffic, sent before it has any key.
 */
public enum Protection {
    /** Unsecured. */
    NONE,
    /** MIC-32 with the current K2: readable by anyone, verifiable by key holders. */
    AUTHENTICATED,
    /** ENC-MIC-32 with the current K2. */
    ENCRYPTED
}
