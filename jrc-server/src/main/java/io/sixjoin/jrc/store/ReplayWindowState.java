package io.sixjoin.jrc.store;

/**
 * The persisted form of an OSCORE replay window (RFC 8613 §7.4): the highest sequence number received
 * and a 64-bit bitmap of which of the numbers just below it were seen. How bits map to numbers is the
 * owner's (the OSCORE layer's) business; the store keeps the 64 bits exactly.
 */
public record ReplayWindowState(long highestSeq, long bitmap) {
    public ReplayWindowState {
        if (highestSeq < 0 || highestSeq > OscoreStateStore.MAX_SEQUENCE) {
            throw new IllegalArgumentException("replay window top " + highestSeq
                    + " is outside OSCORE's 0 to 2^40-1 sequence numbers");
        }
    }
}
