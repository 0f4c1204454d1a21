package io.sixjoin.jrc.store;

import io.sixjoin.stack.cojp.PledgeId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Joined nodes and their short addresses. {@link #recordJoin} allocates the address and stores the join
 * in one transaction, so a join is either completely recorded or not at all, and the JRC answers the
 * pledge only after it returns. Addresses are drawn at random (RFC 9031 §10: uncorrelated with the pledge
 * identifier), are unique within a network (checked here and by a UNIQUE constraint, which also covers a
 * second JRC process writing the same file), and are never 0xfffe or 0xffff.
 */
public final class JoinedNodes {
    /** Random draws before falling back to a scan, which only a nearly full network needs. */
    private static final int RANDOM_TRIES = 32;
    private static final int ADDRESS_SPACE = ShortAddress.MAX + 1;

    private final Db db;
    private final Clock clock;
    private final RandomGenerator random;

    JoinedNodes(Db db, Clock clock, RandomGenerator random) {
        this.db = db;
        this.clock = clock;
        this.random = random;
    }

    /**
     * Records that {@code pledge} joined {@code networkId} with keys of {@code keyGeneration}. A node that
     * re-joins the same network keeps its short address; otherwise a free one is allocated.
     *
     * @return the stored join, with its short address
     * @throws StoreException of kind {@code CONFLICT} if the network has no free short address
     */
    public JoinedNode recordJoin(PledgeId pledge, PledgeRole role, String networkId, int keyGeneration) {
        Instant now = Instant.ofEpochMilli(clock.millis());
        return db.write("record the join of " + pledge, c -> {
            Optional<JoinedNode> previous = find(c, pledge);
            ShortAddress address = previous.filter(n -> n.networkId().equals(networkId))
                    .map(JoinedNode::shortAddress)
                    .orElseGet(() -> allocate(c, networkId));
            try (PreparedStatement s = c.prepareStatement("INSERT INTO joined_node (pledge_id, network_id,"
                    + " short_address, role, joined_at, key_generation) VALUES (?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (pledge_id) DO UPDATE SET network_id = excluded.network_id,"
                    + " short_address = excluded.short_address, role = excluded.role,"
                    + " joined_at = excluded.joined_at, key_generation = excluded.key_generation")) {
                s.setBytes(1, pledge.bytes());
                s.setString(2, networkId);
                s.setInt(3, address.value());
                s.setInt(4, role.value());
                s.setLong(5, now.toEpochMilli());
                s.setInt(6, keyGeneration);
                s.executeUpdate();
            }
            return new JoinedNode(pledge, networkId, role, address, now, keyGeneration);
        });
    }

    private ShortAddress allocate(Connection c, String networkId) {
        try (PreparedStatement used = c.prepareStatement(
                "SELECT 1 FROM joined_node WHERE network_id = ? AND short_address = ?")) {
            used.setString(1, networkId);
            for (int i = 0; i < RANDOM_TRIES; i++) {
                int candidate = random.nextInt(ADDRESS_SPACE);
                used.setInt(2, candidate);
                try (ResultSet rs = used.executeQuery()) {
                    if (!rs.next()) {
                        return new ShortAddress(candidate);
                    }
                }
            }
            return scanForFree(c, networkId);
        } catch (SQLException e) {
            throw db.unavailable("allocate a short address", e);
        }
    }

    private ShortAddress scanForFree(Connection c, String networkId) throws SQLException {
        BitSet taken = new BitSet(ADDRESS_SPACE);
        try (PreparedStatement s = c.prepareStatement(
                "SELECT short_address FROM joined_node WHERE network_id = ?")) {
            s.setString(1, networkId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    taken.set(rs.getInt(1));
                }
            }
        }
        int start = random.nextInt(ADDRESS_SPACE);
        int free = taken.nextClearBit(start);
        if (free >= ADDRESS_SPACE) {
            free = taken.nextClearBit(0);
        }
        if (free >= ADDRESS_SPACE) {
            throw new StoreException(StoreException.Kind.CONFLICT, "network " + networkId + " has all "
                    + ADDRESS_SPACE + " short addresses in use: evict departed nodes first");
        }
        return new ShortAddress(free);
    }

    /** The join record of {@code pledge}, if it has joined. */
    public Optional<JoinedNode> find(PledgeId pledge) {
        return db.read("look up joined node " + pledge, c -> find(c, pledge));
    }

    private static Optional<JoinedNode> find(Connection c, PledgeId pledge) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT pledge_id, network_id, role, short_address,"
                + " joined_at, key_generation FROM joined_node WHERE pledge_id = ?")) {
            s.setBytes(1, pledge.bytes());
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(node(rs)) : Optional.empty();
            }
        }
    }

    /** The node holding {@code address} in {@code networkId}, if any. */
    public Optional<JoinedNode> findByAddress(String networkId, ShortAddress address) {
        return db.read("look up short address " + address, c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT pledge_id, network_id, role, short_address,"
                    + " joined_at, key_generation FROM joined_node WHERE network_id = ? AND short_address = ?")) {
                s.setString(1, networkId);
                s.setInt(2, address.value());
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(node(rs)) : Optional.empty();
                }
            }
        });
    }

    /** Every joined node, sorted by pledge identifier. */
    public List<JoinedNode> list() {
        return db.read("list joined nodes", c -> {
            List<JoinedNode> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT pledge_id, network_id, role, short_address,"
                    + " joined_at, key_generation FROM joined_node ORDER BY pledge_id");
                    ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(node(rs));
                }
            }
            return out;
        });
    }

    /**
     * Forgets a joined node, freeing its short address. Call it only once the node's traffic under the
     * current keys has drained (RFC 9031 §8.4.4), since the address may be handed out again at once.
     *
     * @throws StoreException of kind {@code NOT_FOUND} if the pledge has no join record
     */
    public void evict(PledgeId pledge) {
        db.write("evict " + pledge, c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM joined_node WHERE pledge_id = ?")) {
                s.setBytes(1, pledge.bytes());
                if (s.executeUpdate() == 0) {
                    throw new StoreException(StoreException.Kind.NOT_FOUND, "pledge " + pledge
                            + " has not joined: nothing to evict");
                }
            }
            return null;
        });
    }

    private static JoinedNode node(ResultSet rs) throws SQLException {
        PledgeId id = PledgeId.of(rs.getBytes(1));
        int roleValue = rs.getInt(3);
        PledgeRole role = PledgeRole.fromValue(roleValue).orElseThrow(() -> new StoreException(
                StoreException.Kind.UNAVAILABLE, "joined node " + id + " has unknown role " + roleValue));
        return new JoinedNode(id, rs.getString(2), role, new ShortAddress(rs.getInt(4)),
                Instant.ofEpochMilli(rs.getLong(5)), rs.getInt(6));
    }
}
