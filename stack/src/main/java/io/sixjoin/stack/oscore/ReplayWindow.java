package io.sixjoin.stack.oscore;

/**
 * An OSCORE recipient replay window (RFC 8613 §7.4, the RFC 6347 §4.1.2.6 sliding window of 32): the highest
 * sequence number accepted so far and a bitmap of which of the 32 numbers up to it were seen (bit 0 is
 * {@code highest} itself). Immutable, so a caller can check a number before decryption, and only after the
 * message verified commit the new window — RFC 8613 §7.4 forbids updating the window for a message that fails
 * verification, which cf-oscore 3.13.0 does (it updates inside its check, before the tag is verified).
 */
public record ReplayWindow(long highest, long bitmap) {
    public static final int SIZE = 32;
    /** No message accepted yet. */
    public static final ReplayWindow EMPTY = new ReplayWindow(-1, 0);
    private static final long MASK = (1L << SIZE) - 1;

    public ReplayWindow {
        if (highest < -1) {
            throw new IllegalArgumentException("highest sequence number " + highest + " < -1");
        }
        bitmap &= MASK;
    }

    /** Whether a message with this sequence number may be accepted: newer than the window, or unseen inside it. */
    public boolean isFresh(long seq) {
        if (seq < 0) {
            return false;
        }
        if (seq > highest) {
            return true;
        }
        long age = highest - seq;
        return age < SIZE && (bitmap & (1L << age)) == 0;
    }

    /** The window after accepting {@code seq}; call only when {@link #isFresh(long)} holds. */
    public ReplayWindow accept(long seq) {
        if (!isFresh(seq)) {
            throw new IllegalArgumentException("sequence number " + seq + " is a replay or too old");
        }
        if (seq > highest) {
            long shift = seq - highest;
            long moved = shift >= SIZE ? 0 : bitmap << shift;
            return new ReplayWindow(seq, moved | 1);
        }
        return new ReplayWindow(highest, bitmap | (1L << (highest - seq)));
    }
}
