package io.sixjoin.jrc.store;

import io.sixjoin.stack.cojp.PledgeId;
import io.sixjoin.stack.cojp.PreSharedKey;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The provisioned pledges: who may join and with which PSK. The JRC calls {@link #find} when a Join
 * Request names a pledge it has not cached, which is how pledges added by {@code sixjoin pledges} while
 * the JRC runs are admitted without a restart; the lookup is by primary key. Bulk imports are one
 * transaction, so a failed import leaves the store exactly as it was.
 */
public final class PledgeRegistry {
    private final Db db;
    private final Clock clock;

    PledgeRegistry(Db db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * Provisions one pledge.
     *
     * @throws StoreException of kind {@code ALREADY_EXISTS} naming the pledge if it is already provisioned
     */
    public void add(ProvisionedPledge pledge) {
        importAll(List.of(pledge));
    }

    /**
     * Provisions all {@code pledges} in one transaction: either every one is stored or, if any is already
     * provisioned or listed twice, none is.
     *
     * @return how many were added
     */
    public int importAll(Collection<ProvisionedPledge> pledges) {
        Set<PledgeId> seen = new HashSet<>();
        for (ProvisionedPledge p : pledges) {
            if (!seen.add(p.id())) {
                throw new StoreException(StoreException.Kind.ALREADY_EXISTS, "pledge " + p.id()
                        + " is listed twice: provision each pledge once");
            }
        }
        long now = clock.millis();
        return db.write("import pledges", c -> {
            try (PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pledge WHERE pledge_id = ?");
                    PreparedStatement insert = c.prepareStatement(
                            "INSERT INTO pledge (pledge_id, psk, role, added_at) VALUES (?, ?, ?, ?)");
                    PreparedStatement resetWindow = c.prepareStatement(
                            "DELETE FROM oscore_replay WHERE pledge_id = ?")) {
                for (ProvisionedPledge p : pledges) {
                    if (exists(exists, p.id())) {
                        throw new StoreException(StoreException.Kind.ALREADY_EXISTS, "pledge " + p.id()
                                + " is already provisioned: remove it first to change its PSK or role");
                    }
                    insert.setBytes(1, p.id().bytes());
                    insert.setBytes(2, p.psk().secret());
                    insert.setInt(3, p.role().value());
                    insert.setLong(4, now);
                    insert.addBatch();
                    // A left-over window would reject the new provisioning's sequence numbers.
                    resetWindow.setBytes(1, p.id().bytes());
                    resetWindow.addBatch();
                }
                resetWindow.executeBatch();
                insert.executeBatch();
            }
            return pledges.size();
        });
    }

    private static boolean exists(PreparedStatement exists, PledgeId id) throws SQLException {
        exists.setBytes(1, id.bytes());
        try (ResultSet rs = exists.executeQuery()) {
            return rs.next();
        }
    }

    /** The pledge with this identifier, if provisioned; always reads the database, never a cache. */
    public Optional<ProvisionedPledge> find(PledgeId id) {
        return db.read("look up pledge " + id, c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT pledge_id, psk, role, added_at FROM pledge WHERE pledge_id = ?")) {
                s.setBytes(1, id.bytes());
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(entry(rs).pledge()) : Optional.empty();
                }
            }
        });
    }

    /** Every provisioned pledge, sorted by identifier (unsigned bytes, so hex order). */
    public List<PledgeEntry> list() {
        return db.read("list pledges", c -> {
            List<PledgeEntry> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT pledge_id, psk, role, added_at FROM pledge ORDER BY pledge_id");
                    ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(entry(rs));
                }
            }
            return out;
        });
    }

    /**
     * Removes a pledge's provisioning and its replay window. Its OSCORE sender ceiling stays, so that
     * re-adding it never reuses a nonce; its join record stays until the node is evicted.
     *
     * @throws StoreException of kind {@code NOT_FOUND} if no such pledge is provisioned
     */
    public void remove(PledgeId id) {
        db.write("remove pledge " + id, c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM pledge WHERE pledge_id = ?")) {
                s.setBytes(1, id.bytes());
                if (s.executeUpdate() == 0) {
                    throw new StoreException(StoreException.Kind.NOT_FOUND, "no pledge " + id
                            + " is provisioned: nothing removed (list them with 'sixjoin pledges list')");
                }
            }
            return null;
        });
    }

    /** How many pledges are provisioned. */
    public int count() {
        return db.read("count pledges", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM pledge");
                    ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    private static PledgeEntry entry(ResultSet rs) throws SQLException {
        PledgeId id = PledgeId.of(rs.getBytes(1));
        int roleValue = rs.getInt(3);
        PledgeRole role = PledgeRole.fromValue(roleValue).orElseThrow(() -> new StoreException(
                StoreException.Kind.UNAVAILABLE, "pledge " + id + " has unknown role " + roleValue
                        + " in the store: the file is corrupt or from a newer sixjoin"));
        PreSharedKey psk = PreSharedKey.of(rs.getBytes(2));
        return new PledgeEntry(new ProvisionedPledge(id, psk, role), Instant.ofEpochMilli(rs.getLong(4)));
    }
}
