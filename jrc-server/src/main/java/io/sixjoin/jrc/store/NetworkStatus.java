package io.sixjoin.jrc.store;

import io.sixjoin.stack.cojp.PledgeId;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the JRC's network administration reads and writes besides joins: the address each node was last
 * heard from (where Parameter Updates go), the key generation a node has acknowledged in a rekey, and a listing
 * of keys and nodes for {@code sixjoin network show}. The key listing deliberately has no key values, so
 * nothing built on it can print one.
 */
public final class NetworkStatus {
    /** One key generation without its value. */
    public record KeyInfo(int generation, int keyId, int keyUsage, KeyState state, Instant createdAt) {
    }

    /** A joined node and the address its last Join Request came from, if recorded. */
    public record NodeInfo(JoinedNode node, Optional<InetSocketAddress> lastAddress) {
    }

    private final Db db;

    NetworkStatus(Db db) {
        this.db = db;
    }

    /** Records where {@code pledge}'s Join Request came from; no-op if it has no join record. */
    public void recordAddress(PledgeId pledge, InetSocketAddress from) {
        String text = format(from);
        db.write("record the address of " + pledge, c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE joined_node SET last_address = ? WHERE pledge_id = ?")) {
                s.setString(1, text);
                s.setBytes(2, pledge.bytes());
                s.executeUpdate();
            }
            return null;
        });
    }

    public Optional<InetSocketAddress> lastAddress(PledgeId pledge) {
        return db.read("read the address of " + pledge, c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT last_address FROM joined_node WHERE pledge_id = ?")) {
                s.setBytes(1, pledge.bytes());
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.ofNullable(rs.getString(1)).map(NetworkStatus::parse)
                            : Optional.<InetSocketAddress>empty();
                }
            }
        });
    }

    /** Notes that {@code pledge} acknowledged the keys of {@code generation}; false if it has no join record. */
    public boolean setKeyGeneration(PledgeId pledge, int generation) {
        return db.write("record the key generation of " + pledge, c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE joined_node SET key_generation = ? WHERE pledge_id = ?")) {
                s.setInt(1, generation);
                s.setBytes(2, pledge.bytes());
                return s.executeUpdate() == 1;
            }
        });
    }

    /** Every key generation, oldest first, without key values. */
    public List<KeyInfo> keys() {
        return db.read("list network keys", c -> {
            List<KeyInfo> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT generation, key_id, key_usage, state, created_at"
                    + " FROM network_key ORDER BY generation, key_id"); ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new KeyInfo(rs.getInt(1), rs.getInt(2), rs.getInt(3), KeyState.valueOf(rs.getString(4)),
                            Instant.ofEpochMilli(rs.getLong(5))));
                }
            }
            return out;
        });
    }

    /** Every joined node with its last address, by pledge identifier. */
    public List<NodeInfo> nodes(JoinedNodes nodes) {
        List<NodeInfo> out = new ArrayList<>();
        for (JoinedNode n : nodes.list()) {
            out.add(new NodeInfo(n, lastAddress(n.pledge())));
        }
        return out;
    }

    /** {@code [address]:port}, for IPv4 and IPv6 alike, so one parser reads both back. */
    static String format(InetSocketAddress a) {
        return "[" + a.getAddress().getHostAddress() + "]:" + a.getPort();
    }

    static InetSocketAddress parse(String text) {
        int close = text.lastIndexOf("]:");
        if (!text.startsWith("[") || close < 0) {
            throw new StoreException(StoreException.Kind.UNAVAILABLE, "stored node address '" + text
                    + "' is not [address]:port (corrupt store?)");
        }
        try {
            // a literal address: no name lookup happens
            InetAddress host = InetAddress.getByName(text.substring(1, close));
            return new InetSocketAddress(host, Integer.parseInt(text.substring(close + 2)));
        } catch (UnknownHostException | IllegalArgumentException e) {
            throw new StoreException(StoreException.Kind.UNAVAILABLE, "stored node address '" + text
                    + "' cannot be read (corrupt store?)", e);
        }
    }
}
