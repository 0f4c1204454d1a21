package io.sixjoin.jrc.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How the {@code sixjoin network} commands talk to a running JRC: the two processes share nothing but the
 * store, so the CLI writes a request row ({@code admin_request}) and waits for its state to change, while the
 * JRC claims pending rows, writes its progress into the row's result and finishes it. The JRC also keeps a
 * heartbeat and a snapshot of its counters in {@code setting}, so the CLI can tell whether anyone will pick a
 * request up and show statistics without a network port of its own. Each method is one committed transaction.
 */
public final class AdminChannel {
    private static final String HEARTBEAT = "jrc_heartbeat";
    private static final String STATS = "jrc_stats";

    /** What a request asks for; the argument's meaning depends on it. */
    public enum Kind {
        /** Distribute a new key generation to every joined node; no argument. */
        REKEY,
        /** Remove a node from the network, then rekey without it; the argument is its pledge identifier. */
        EVICT
    }

    /** Where a request is in its life; only PENDING and RUNNING change later. */
    public enum State {
        PENDING, RUNNING, DONE, FAILED, CANCELLED;

        public boolean isFinal() {
            return this != PENDING && this != RUNNING;
        }
    }

    /** One row of {@code admin_request}; {@code result} holds progress lines, then the outcome. */
    public record Request(long id, Kind kind, String argument, Instant createdAt, State state, String result) {
    }

    /** The counters the JRC last published, and when. */
    public record StatsSnapshot(Instant at, Map<String, Long> counters) {
    }

    private final Db db;
    private final Clock clock;

    AdminChannel(Db db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Queues a request for the JRC and returns its id. */
    public long submit(Kind kind, String argument) {
        Objects.requireNonNull(kind, "kind");
        long now = clock.millis();
        return db.write("queue a " + kind + " request", c -> {
            String insert = "INSERT INTO admin_request (kind, argument, created_at, state, result)"
                    + " VALUES (?, ?, ?, 'PENDING', '')";
            // SQLite connections are opened without generated-key support (see JrcStore), so ask for the rowid
            // on the same connection, inside the same transaction.
            try (PreparedStatement s = db.isSqlite() ? c.prepareStatement(insert)
                    : c.prepareStatement(insert, Statement.RETURN_GENERATED_KEYS)) {
                s.setString(1, kind.name());
                s.setString(2, argument);
                s.setLong(3, now);
                s.executeUpdate();
                if (db.isSqlite()) {
                    try (Statement q = c.createStatement(); ResultSet rs = q.executeQuery("SELECT last_insert_rowid()")) {
                        rs.next();
                        return rs.getLong(1);
                    }
                }
                try (ResultSet rs = s.getGeneratedKeys()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    public Optional<Request> find(long id) {
        return db.read("read admin request " + id, c -> find(c, id));
    }

    /** Marks the oldest pending request RUNNING and returns it; empty if none waits. */
    public Optional<Request> claimNext() {
        return db.write("claim an admin request", c -> {
            long id;
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT min(id) FROM admin_request WHERE state = 'PENDING'"); ResultSet rs = s.executeQuery()) {
                rs.next();
                id = rs.getLong(1);
                if (rs.wasNull()) {
                    return Optional.empty();
                }
            }
            setState(c, id, State.RUNNING, null);
            return find(c, id);
        });
    }

    /** Replaces the result text of a running request, so a waiting CLI can print progress. */
    public void progress(long id, String result) {
        db.write("record progress of admin request " + id, c -> setState(c, id, State.RUNNING, result));
    }

    public void finish(long id, State state, String result) {
        if (!state.isFinal()) {
            throw new IllegalArgumentException("a request finishes DONE, FAILED or CANCELLED, not " + state);
        }
        db.write("finish admin request " + id, c -> setState(c, id, state, result));
    }

    /** Withdraws a request nobody has started (the CLI gave up waiting); false if the JRC already took it. */
    public boolean cancelIfPending(long id) {
        return db.write("cancel admin request " + id, c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE admin_request SET state = 'CANCELLED',"
                    + " result = 'cancelled: nobody picked it up in time' WHERE id = ? AND state = 'PENDING'")) {
                s.setLong(1, id);
                return s.executeUpdate() == 1;
            }
        });
    }

    /** Fails requests left RUNNING by a JRC that stopped mid-way; a starting JRC calls this. */
    public int abandonRunning(String why) {
        return db.write("abandon running admin requests", c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE admin_request SET state = 'FAILED',"
                    + " result = result || ? WHERE state = 'RUNNING'")) {
                s.setString(1, why + "\n");
                return s.executeUpdate();
            }
        });
    }

    /** Records that the JRC is alive now, with its counters, in one transaction. */
    public void beat(Map<String, Long> counters) {
        long now = clock.millis();
        StringBuilder text = new StringBuilder();
        counters.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        db.write("write the JRC heartbeat", c -> {
            put(c, HEARTBEAT, Long.toString(now));
            put(c, STATS, now + "\n" + text);
            return null;
        });
    }

    public Optional<Instant> lastHeartbeat() {
        return db.read("read the JRC heartbeat", c -> get(c, HEARTBEAT))
                .map(v -> Instant.ofEpochMilli(Long.parseLong(v)));
    }

    public Optional<StatsSnapshot> lastStats() {
        return db.read("read the JRC statistics", c -> get(c, STATS)).map(AdminChannel::parseStats);
    }

    private static StatsSnapshot parseStats(String text) {
        String[] lines = text.split("\n");
        Map<String, Long> counters = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int eq = lines[i].indexOf('=');
            if (eq > 0) {
                counters.put(lines[i].substring(0, eq), Long.parseLong(lines[i].substring(eq + 1)));
            }
        }
        return new StatsSnapshot(Instant.ofEpochMilli(Long.parseLong(lines[0])), counters);
    }

    private static Void setState(Connection c, long id, State state, String result) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE admin_request SET state = ?,"
                + " result = coalesce(?, result) WHERE id = ?")) {
            s.setString(1, state.name());
            s.setString(2, result);
            s.setLong(3, id);
            if (s.executeUpdate() == 0) {
                throw new StoreException(StoreException.Kind.NOT_FOUND, "no admin request " + id);
            }
        }
        return null;
    }

    private static Optional<Request> find(Connection c, long id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT id, kind, argument, created_at, state, result"
                + " FROM admin_request WHERE id = ?")) {
            s.setLong(1, id);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Request(rs.getLong(1), Kind.valueOf(rs.getString(2)), rs.getString(3),
                        Instant.ofEpochMilli(rs.getLong(4)), State.valueOf(rs.getString(5)),
                        Objects.requireNonNullElse(rs.getString(6), "")));
            }
        }
    }

    private static void put(Connection c, String name, String value) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO setting (name, value) VALUES (?, ?)"
                + " ON CONFLICT (name) DO UPDATE SET value = excluded.value")) {
            s.setString(1, name);
            s.setString(2, value);
            s.executeUpdate();
        }
    }

    private static Optional<String> get(Connection c, String name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT value FROM setting WHERE name = ?")) {
            s.setString(1, name);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }
}
