package io.sixjoin.jrc.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The store's tables and their migrations, versioned with {@code PRAGMA user_version}. Each entry of
 * {@link #MIGRATIONS} upgrades the schema by one version and is never edited once released, so any older
 * file can be brought forward step by step.
 */
final class Schema {
    /** The schema version this build writes. */
    static final int VERSION = 2;

    private static final List<List<String>> MIGRATIONS = List.of(
            // v0 -> v1
            List.of(
                    // The PSK is the pledge's secret; the row is its provisioning and goes with 'remove'.
                    "CREATE TABLE pledge ("
                            + " pledge_id BLOB PRIMARY KEY CHECK (length(pledge_id) BETWEEN 1 AND 32),"
                            + " psk BLOB NOT NULL CHECK (length(psk) BETWEEN 16 AND 64),"
                            + " role INTEGER NOT NULL CHECK (role IN (0, 1)),"
                            + " added_at INTEGER NOT NULL)",
                    // No foreign key to pledge: a removed pledge stays in the network (and keeps its
                    // short address out of reuse) until it is evicted explicitly.
                    "CREATE TABLE joined_node ("
                            + " pledge_id BLOB PRIMARY KEY,"
                            + " network_id TEXT NOT NULL,"
                            + " short_address INTEGER NOT NULL CHECK (short_address BETWEEN 0 AND 65533),"
                            + " role INTEGER NOT NULL CHECK (role IN (0, 1)),"
                            + " joined_at INTEGER NOT NULL,"
                            + " key_generation INTEGER NOT NULL,"
                            + " UNIQUE (network_id, short_address))",
                    // Outlives the pledge on purpose: re-provisioning the same identifier with the same
                    // PSK must not restart the JRC's sequence numbers (nonce reuse, RFC 9031 §7.3.1).
                    "CREATE TABLE oscore_sender ("
                            + " pledge_id BLOB PRIMARY KEY,"
                            + " ceiling INTEGER NOT NULL CHECK (ceiling >= 0))",
                    // Bound to the provisioning: a re-provisioned pledge (maybe with a new PSK) starts
                    // its own sequence numbers at 0 again, so its old window must go.
                    "CREATE TABLE oscore_replay ("
                            + " pledge_id BLOB PRIMARY KEY REFERENCES pledge(pledge_id) ON DELETE CASCADE,"
                            + " highest INTEGER NOT NULL CHECK (highest >= 0),"
                            + " bitmap INTEGER NOT NULL)",
                    "CREATE TABLE network_key ("
                            + " generation INTEGER NOT NULL CHECK (generation >= 0),"
                            + " key_id INTEGER NOT NULL CHECK (key_id BETWEEN 0 AND 254),"
                            + " key_usage INTEGER NOT NULL CHECK (key_usage >= 0),"
                            + " key_value BLOB NOT NULL CHECK (length(key_value) = 16),"
                            + " state TEXT NOT NULL CHECK (state IN ('ACTIVE', 'PENDING', 'RETIRED')),"
                            + " created_at INTEGER NOT NULL,"
                            + " PRIMARY KEY (generation, key_id))",
                    "CREATE TABLE setting ("
                            + " name TEXT PRIMARY KEY,"
                            + " value TEXT NOT NULL)"),
            // v1 -> v2
            List.of(
                    // Where the node's Join Request came from ("[address]:port"), so the JRC can send it
                    // Parameter Updates; null for nodes that joined before this column existed.
                    "ALTER TABLE joined_node ADD COLUMN last_address TEXT",
                    // The CLI's way to ask the running JRC for work: it shares only the store with the JRC.
                    // AUTOINCREMENT so an id a waiting CLI holds is never reused for another request.
                    "CREATE TABLE admin_request ("
                            + " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                            + " kind TEXT NOT NULL,"
                            + " argument TEXT,"
                            + " created_at INTEGER NOT NULL,"
                            + " state TEXT NOT NULL"
                            + " CHECK (state IN ('PENDING', 'RUNNING', 'DONE', 'FAILED', 'CANCELLED')),"
                            + " result TEXT)"));

    private Schema() {
    }

    /** Brings the schema to {@link #VERSION}; the caller runs this inside a write transaction. */
    static void migrate(Connection c, String where) throws SQLException {
        int current = userVersion(c);
        if (current > VERSION) {
            throw new StoreException(StoreException.Kind.CONFLICT, "store " + where + " has schema version "
                    + current + " but this sixjoin knows only up to " + VERSION + ": upgrade sixjoin");
        }
        try (Statement s = c.createStatement()) {
            for (int v = current; v < VERSION; v++) {
                for (String sql : MIGRATIONS.get(v)) {
                    s.execute(sql);
                }
            }
            if (current != VERSION) {
                s.execute("PRAGMA user_version = " + VERSION);
            }
        }
    }

    static int userVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA user_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }
}
