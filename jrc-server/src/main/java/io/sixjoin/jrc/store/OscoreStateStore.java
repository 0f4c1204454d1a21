package io.sixjoin.jrc.store;

import io.sixjoin.stack.cojp.PledgeId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Per-pledge OSCORE mutable state that must outlive a crash (RFC 9031 §7.3.1). Sender sequence numbers
 * follow RFC 8613 Appendix B.1.1: the JRC reserves a ceiling here before it uses any number up to it,
 * and after a restart resumes above the stored ceiling, so no nonce is used twice. Replay windows are
 * written on every update. Each method is its own transaction, committed before it returns; with WAL and
 * {@code synchronous=NORMAL} that survives the process being killed at any instant, though an OS crash or
 * power cut may lose the most recent commits.
 */
public final class OscoreStateStore {
    /** Largest OSCORE sequence number: the Partial IV is at most 5 bytes (RFC 8613 §7.2.1). */
    public static final long MAX_SEQUENCE = (1L << 40) - 1;

    private final Db db;

    OscoreStateStore(Db db) {
        this.db = db;
    }

    /**
     * Durably reserves sender sequence numbers up to {@code ceiling} for the JRC's context with
     * {@code pledge}. Reserving the same ceiling again is a no-op.
     *
     * @throws IllegalArgumentException if {@code ceiling} is out of range or below the stored ceiling,
     *     since lowering it would allow a nonce to be reused after a crash
     */
    public void reserveSenderSequence(PledgeId pledge, long ceiling) {
        if (ceiling < 0 || ceiling > MAX_SEQUENCE) {
            throw new IllegalArgumentException("sequence ceiling " + ceiling + " is outside 0 to 2^40-1;"
                    + " the context is exhausted and must be re-established");
        }
        db.write("reserve sequence numbers for " + pledge, c -> {
            OptionalLong current = ceiling(c, pledge);
            if (current.isPresent() && ceiling < current.getAsLong()) {
                throw new IllegalArgumentException("refusing to lower the sequence ceiling of " + pledge
                        + " from " + current.getAsLong() + " to " + ceiling + ": that could reuse a nonce");
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO oscore_sender (pledge_id, ceiling)"
                    + " VALUES (?, ?) ON CONFLICT (pledge_id) DO UPDATE SET ceiling = excluded.ceiling")) {
                s.setBytes(1, pledge.bytes());
                s.setLong(2, ceiling);
                s.executeUpdate();
            }
            return null;
        });
    }

    /** The last reserved ceiling; after a restart the JRC must start above it. Empty if never reserved. */
    public OptionalLong senderSequenceCeiling(PledgeId pledge) {
        return db.read("read the sequence ceiling of " + pledge, c -> ceiling(c, pledge));
    }

    private static OptionalLong ceiling(Connection c, PledgeId pledge) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT ceiling FROM oscore_sender WHERE pledge_id = ?")) {
            s.setBytes(1, pledge.bytes());
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
            }
        }
    }

    /**
     * Durably stores the replay window of the JRC's context with a provisioned pledge.
     *
     * @throws StoreException of kind {@code NOT_FOUND} if the pledge is not provisioned
     */
    public void saveReplayWindow(PledgeId pledge, long highestSeq, long bitmap) {
        ReplayWindowState state = new ReplayWindowState(highestSeq, bitmap);
        db.write("save the replay window of " + pledge, c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO oscore_replay (pledge_id, highest, bitmap)"
                    + " SELECT pledge_id, ?, ? FROM pledge WHERE pledge_id = ?"
                    + " ON CONFLICT (pledge_id) DO UPDATE SET highest = excluded.highest, bitmap = excluded.bitmap")) {
                s.setLong(1, state.highestSeq());
                s.setLong(2, state.bitmap());
                s.setBytes(3, pledge.bytes());
                if (s.executeUpdate() == 0) {
                    throw new StoreException(StoreException.Kind.NOT_FOUND, "pledge " + pledge
                            + " is not provisioned: its replay window cannot be stored");
                }
            }
            return null;
        });
    }

    /** The stored replay window; empty if none was saved since the pledge was provisioned. */
    public Optional<ReplayWindowState> loadReplayWindow(PledgeId pledge) {
        return db.read("load the replay window of " + pledge, c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT highest, bitmap FROM oscore_replay WHERE pledge_id = ?")) {
                s.setBytes(1, pledge.bytes());
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(new ReplayWindowState(rs.getLong(1), rs.getLong(2)))
                            : Optional.empty();
                }
            }
        });
    }
}
