package io.sixjoin.jrc.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The one JDBC connection of a {@link JrcStore} and its transaction discipline. Every write runs in its
 * own committed transaction; on SQLite it starts with {@code BEGIN IMMEDIATE} so that two processes (the
 * CLI and a running JRC) queue on the busy timeout instead of failing when a read lock cannot be upgraded.
 * Methods are synchronized because a JDBC connection must not be used by two threads at once.
 */
final class Db implements AutoCloseable {

    /** A unit of SQL work; it may throw {@link StoreException} to abort the transaction with a message. */
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private final Connection connection;
    private final boolean sqlite;
    private final String where;
    /** Nesting of {@link #write} calls on the thread holding this monitor; only that thread touches it. */
    private int depth;

    private final StatementCache statements;

    Db(Connection connection, boolean sqlite, String where) {
        this.statements = new StatementCache(connection);
        this.connection = statements.connection();
        this.sqlite = sqlite;
        this.where = where;
    }

    /** Runs a read on its own implicit transaction, so it sees everything other processes committed. */
    synchronized <T> T read(String what, Work<T> work) {
        try {
            return work.run(connection);
        } catch (SQLException e) {
            throw unavailable(what, e);
        }
    }

    /** Whether this is a SQLite database (whose connections have no generated-key support, see JrcStore). */
    boolean isSqlite() {
        return sqlite;
    }

    /**
     * Runs {@code work} in one transaction that is committed (durably) before this returns. Called while another
     * {@code write} of the same thread is running, it joins that transaction instead (the monitor is reentrant),
     * so a caller can make several stores' writes one commit — the JRC does that for each join.
     */
    synchronized <T> T write(String what, Work<T> work) {
        if (depth > 0) {
            try {
                return work.run(connection);
            } catch (SQLException e) {
                throw unavailable(what, e);
            }
        }
        boolean committed = false;
        depth++;
        try {
            begin();
            T result = work.run(connection);
            commit();
            committed = true;
            return result;
        } catch (SQLException e) {
            throw unavailable(what, e);
        } finally {
            depth--;
            if (!committed) {
                rollbackQuietly();
            }
        }
    }

    private void begin() throws SQLException {
        if (sqlite) {
            try (Statement s = connection.createStatement()) {
                s.execute("BEGIN IMMEDIATE");
            }
        } else {
            connection.setAutoCommit(false);
        }
    }

    private void commit() throws SQLException {
        if (sqlite) {
            try (Statement s = connection.createStatement()) {
                s.execute("COMMIT");
            }
        } else {
            connection.commit();
            connection.setAutoCommit(true);
        }
    }

    private void rollbackQuietly() {
        try {
            if (sqlite) {
                try (Statement s = connection.createStatement()) {
                    s.execute("ROLLBACK");
                }
            } else {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        } catch (SQLException ignored) {
            // No transaction was open (BEGIN itself failed): nothing to undo.
        }
    }

    /** Wraps a driver error; SQLite's messages name tables and constraints, never bound values. */
    StoreException unavailable(String what, SQLException e) {
        return new StoreException(StoreException.Kind.UNAVAILABLE,
                "store " + where + ": cannot " + what + ": " + e.getMessage()
                        + " (check the file is writable and not corrupt)", e);
    }

    @Override
    public synchronized void close() {
        try {
            statements.closeAll();
            connection.close();
        } catch (SQLException e) {
            throw unavailable("close", e);
        }
    }
}
