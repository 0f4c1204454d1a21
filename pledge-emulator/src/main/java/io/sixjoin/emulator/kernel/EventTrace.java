package io.sixjoin.emulator.kernel;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A running SHA-256 over every delivered event: (time, kind fingerprint, mote, payload digest), 28
 * bytes each, big-endian. Two runs with the same seed and inputs must print the same {@link
 * #hexHash()}; any divergence, however late, changes it. Records are batched into a buffer before they
 * reach the digest because per-event {@code update} calls would dominate the cost of small events.
 * {@link #digestOf(byte[])} gives handlers a cheap, stable 64-bit digest of a frame for the record.
 */
public final class EventTrace {

    private static final int RECORD_BYTES = 8 + 8 + 4 + 8;
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private final MessageDigest sha256;
    private final ByteBuffer buffer = ByteBuffer.allocate(RECORD_BYTES * 512);
    private long count;

    /** An empty trace. */
    public EventTrace() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is mandatory in every Java platform", e);
        }
    }

    /** Folds one delivered event into the hash. */
    public void record(long timeMicros, EventKind kind, int mote, long digest) {
        if (buffer.remaining() < RECORD_BYTES) {
            flush();
        }
        buffer.putLong(timeMicros).putLong(kind.fingerprint()).putInt(mote).putLong(digest);
        count++;
    }

    /** Number of events recorded. */
    public long count() {
        return count;
    }

    /** Lower-case hex SHA-256 of everything recorded so far; recording may continue afterwards. */
    public String hexHash() {
        flush();
        try {
            MessageDigest snapshot = (MessageDigest) sha256.clone();
            return HexFormat.of().formatHex(snapshot.digest());
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the platform SHA-256 cannot be cloned", e);
        }
    }

    /** FNV-1a 64 of {@code bytes}: a stable, cheap payload digest for trace records (not for security). */
    public static long digestOf(byte[] bytes) {
        return digestOf(bytes, 0, bytes.length);
    }

    /** FNV-1a 64 of {@code len} bytes of {@code bytes} from {@code off}. */
    public static long digestOf(byte[] bytes, int off, int len) {
        long h = FNV_OFFSET;
        for (int i = off; i < off + len; i++) {
            h ^= bytes[i] & 0xFF;
            h *= FNV_PRIME;
        }
        return h;
    }

    private void flush() {
        if (buffer.position() > 0) {
            sha256.update(buffer.array(), 0, buffer.position());
            buffer.clear();
        }
    }

    @Override
    public String toString() {
        return "EventTrace[" + count + " events]";
    }
}
