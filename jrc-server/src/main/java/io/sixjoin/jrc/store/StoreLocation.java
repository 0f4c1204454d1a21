package io.sixjoin.jrc.store;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a {@link JrcStore} lives: either a data directory, in which the store keeps the SQLite file
 * {@value #DB_FILE_NAME} and which it creates owner-only, or an explicit JDBC URL for deployments that
 * place the database themselves. For a {@code jdbc:sqlite:} URL naming a plain file path the file is
 * still pre-created owner-only; other URLs are handed to the driver untouched.
 */
public final class StoreLocation {
    /** Name of the SQLite file inside a data directory. */
    public static final String DB_FILE_NAME = "jrc.db";
    /** Data directory used when the user names none. */
    public static final Path DEFAULT_DATA_DIR = Path.of("sixjoin-data");

    private static final String SQLITE_PREFIX = "jdbc:sqlite:";

    private final Path dataDirectory;
    private final String jdbcUrl;

    private StoreLocation(Path dataDirectory, String jdbcUrl) {
        this.dataDirectory = dataDirectory;
        this.jdbcUrl = jdbcUrl;
    }

    /** A store in {@code dir/jrc.db}. */
    public static StoreLocation dataDirectory(Path dir) {
        return new StoreLocation(Objects.requireNonNull(dir, "dir"), null);
    }

    /** A store at an explicit JDBC URL, e.g. {@code jdbc:sqlite:/var/lib/sixjoin/jrc.db}. */
    public static StoreLocation jdbc(String url) {
        if (url == null || !url.startsWith("jdbc:") || url.length() <= "jdbc:".length()) {
            throw new IllegalArgumentException("bad JDBC URL: expected e.g. jdbc:sqlite:/var/lib/sixjoin/jrc.db");
        }
        return new StoreLocation(null, url);
    }

    /** The data directory, when the store was given one. */
    public Optional<Path> directory() {
        return Optional.ofNullable(dataDirectory);
    }

    /** The URL the JDBC driver is opened with. */
    public String jdbcUrl() {
        return jdbcUrl != null ? jdbcUrl : SQLITE_PREFIX + dataDirectory.resolve(DB_FILE_NAME);
    }

    /** True for SQLite, whose pragmas and locking rules the store relies on. */
    public boolean isSqlite() {
        return jdbcUrl().startsWith(SQLITE_PREFIX);
    }

    /**
     * The SQLite database file when it is a plain path we can create with safe permissions; empty for
     * in-memory databases, {@code file:} URIs, URLs with parameters and other databases.
     */
    public Optional<Path> sqliteFile() {
        if (dataDirectory != null) {
            return Optional.of(dataDirectory.resolve(DB_FILE_NAME));
        }
        if (!isSqlite()) {
            return Optional.empty();
        }
        String rest = jdbcUrl.substring(SQLITE_PREFIX.length());
        if (rest.isEmpty() || rest.startsWith(":") || rest.startsWith("file:") || rest.contains("?")) {
            return Optional.empty();
        }
        return Optional.of(Path.of(rest));
    }

    /** Where the store is, for messages; URLs lose anything after '?' since it may hold a password. */
    public String describe() {
        if (dataDirectory != null) {
            return dataDirectory.resolve(DB_FILE_NAME).toString();
        }
        int q = jdbcUrl.indexOf('?');
        return q < 0 ? jdbcUrl : jdbcUrl.substring(0, q) + "?...";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StoreLocation other && Objects.equals(dataDirectory, other.dataDirectory)
                && Objects.equals(jdbcUrl, other.jdbcUrl);
    }

    @Override
    public int hashCode() {
        return Objects.hash(dataDirectory, jdbcUrl);
    }

    @Override
    public String toString() {
        return describe();
    }
}
