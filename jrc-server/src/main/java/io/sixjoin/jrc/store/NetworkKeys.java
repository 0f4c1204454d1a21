package io.sixjoin.jrc.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The network's link-layer keys, by generation, and its settings (the network identifier). Rekeying
 * logic lives in the JRC; this class only makes each step of it durable. Key values go into and out of
 * the database as bytes and are never part of a message or log line.
 */
public final class NetworkKeys {
    private static final String NETWORK_ID = "network_id";

    private final Db db;
    private final Clock clock;

    NetworkKeys(Db db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * Stores a new key.
     *
     * @throws StoreException of kind {@code ALREADY_EXISTS} if that generation already has that key_id
     */
    public void add(NetworkKey key) {
        long now = clock.millis();
        db.write("store network key generation " + key.generation(), c -> {
            if (find(c, key.generation(), key.keyId()).isPresent()) {
                throw new StoreException(StoreException.Kind.ALREADY_EXISTS, "network key generation "
                        + key.generation() + " already has key_id " + key.keyId() + ": use a new generation");
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO network_key (generation, key_id,"
                    + " key_usage, key_value, state, created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                s.setInt(1, key.generation());
                s.setInt(2, key.keyId());
                s.setInt(3, key.keyUsage());
                s.setBytes(4, key.value());
                s.setString(5, key.state().name());
                s.setLong(6, now);
                s.executeUpdate();
            }
            return null;
        });
    }

    /** Every key, by generation then key_id. */
    public List<NetworkKey> list() {
        return db.read("list network keys", c -> select(c, "SELECT generation, key_id, key_usage, key_value,"
                + " state FROM network_key ORDER BY generation, key_id", null));
    }

    /** The keys in {@code state}, by generation then key_id. */
    public List<NetworkKey> inState(KeyState state) {
        return db.read("list " + state + " network keys", c -> select(c, "SELECT generation, key_id,"
                + " key_usage, key_value, state FROM network_key WHERE state = ? ORDER BY generation, key_id",
                state.name()));
    }

    /** The highest generation stored in any state, so the next rekey can use one above it. */
    public OptionalInt latestGeneration() {
        return db.read("read the latest key generation", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT max(generation) FROM network_key");
                    ResultSet rs = s.executeQuery()) {
                rs.next();
                int g = rs.getInt(1);
                return rs.wasNull() ? OptionalInt.empty() : OptionalInt.of(g);
            }
        });
    }

    /**
     * Moves every key of {@code generation} to {@code state} (e.g. PENDING to ACTIVE at a rekey).
     *
     * @throws StoreException of kind {@code NOT_FOUND} if the generation has no keys
     */
    public void setState(int generation, KeyState state) {
        db.write("set key generation " + generation + " " + state, c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE network_key SET state = ? WHERE generation = ?")) {
                s.setString(1, state.name());
                s.setInt(2, generation);
                if (s.executeUpdate() == 0) {
                    throw new StoreException(StoreException.Kind.NOT_FOUND, "no network key of generation "
                            + generation + " is stored");
                }
            }
            return null;
        });
    }

    /** The network identifier as lower-case hex, if one was set. */
    public Optional<String> networkId() {
        return db.read("read the network id", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT value FROM setting WHERE name = ?")) {
                s.setString(1, NETWORK_ID);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    /** Sets the network identifier from hex (1 to 32 bytes, separators ':' and '-' allowed). */
    public void setNetworkId(String hex) {
        String h = hex == null ? "" : hex.trim().replace(":", "").replace("-", "").toLowerCase(Locale.ROOT);
        if (h.isEmpty() || h.length() % 2 != 0 || h.length() > 64 || !h.chars().allMatch(NetworkKeys::isHex)) {
            throw new IllegalArgumentException("bad network id: expected 1 to 32 bytes of hex, e.g. cafe");
        }
        String normalized = HexFormat.of().formatHex(HexFormat.of().parseHex(h));
        db.write("set the network id", c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO setting (name, value) VALUES (?, ?)"
                    + " ON CONFLICT (name) DO UPDATE SET value = excluded.value")) {
                s.setString(1, NETWORK_ID);
                s.setString(2, normalized);
                s.executeUpdate();
            }
            return null;
        });
    }

    private static boolean isHex(int ch) {
        return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f');
    }

    private static Optional<NetworkKey> find(Connection c, int generation, int keyId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT generation, key_id, key_usage, key_value, state"
                + " FROM network_key WHERE generation = ? AND key_id = ?")) {
            s.setInt(1, generation);
            s.setInt(2, keyId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(key(rs)) : Optional.empty();
            }
        }
    }

    private static List<NetworkKey> select(Connection c, String sql, String param) throws SQLException {
        List<NetworkKey> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            if (param != null) {
                s.setString(1, param);
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(key(rs));
                }
            }
        }
        return out;
    }

    private static NetworkKey key(ResultSet rs) throws SQLException {
        return new NetworkKey(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getBytes(4),
                KeyState.valueOf(rs.getString(5)));
    }
}
