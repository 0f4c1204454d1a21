package io.sixjoin.jrc.store;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.sqlite.SQLiteConfig;

/**
 * The JRC's durable state behind one JDBC connection: provisioned pledges ({@link #pledges()}), joined
 * nodes and their short addresses ({@link #nodes()}), per-pledge OSCORE mutable state ({@link #oscore()})
 * and network keys and settings ({@link #network()}). By default it is a SQLite file in WAL mode with
 * {@code synchronous=NORMAL}: every write method commits before it returns, and a committed transaction
 * survives the process being killed at any moment ({@code kill -9}); only an operating-system crash or
 * power loss can roll back the last commits. Several instances may open the same file at once (the
 * {@code sixjoin pledges} command while the JRC runs); writers wait up to the busy timeout for each other
 * and every read sees what the others committed. A new data directory is created 0700 and the database
 * file 0600 before SQLite touches it, and SQLite gives its -wal and -shm files the same mode.
 */
public final class JrcStore implements AutoCloseable {
    /** How long a writer waits for another process's transaction before giving up. */
    public static final int BUSY_TIMEOUT_MILLIS = 10_000;

    private static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");

    private final StoreLocation location;
    private final Db db;
    private final PledgeRegistry pledges;
    private final JoinedNodes nodes;
    private final OscoreStateStore oscore;
    private final NetworkKeys network;
    private final NetworkStatus status;
    private final AdminChannel admin;

    private JrcStore(StoreLocation location, Db db, Clock clock, RandomGenerator random) {
        this.location = location;
        this.db = db;
        this.pledges = new PledgeRegistry(db, clock);
        this.nodes = new JoinedNodes(db, clock, random);
        this.oscore = new OscoreStateStore(db);
        this.network = new NetworkKeys(db, clock);
        this.status = new NetworkStatus(db);
        this.admin = new AdminChannel(db, clock);
    }

    /**
     * Opens (creating if needed) the store at {@code location} and migrates its schema.
     *
     * @param clock stamps provisioning and join times
     * @param random draws short addresses; pass a seeded generator in tests
     * @throws StoreException if the directory, the file or the database cannot be used
     */
    public static JrcStore open(StoreLocation location, Clock clock, RandomGenerator random) {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(random, "random");
        location.directory().ifPresent(dir -> createOwnerOnlyDirectory(dir, location));
        location.sqliteFile().ifPresent(file -> createOwnerOnlyFile(file, location));
        Connection connection;
        try {
            connection = DriverManager.getConnection(location.jdbcUrl(), connectionProperties(location));
        } catch (SQLException e) {
            // Drivers quote the URL, which may carry a password: show only the redacted form.
            String reason = String.valueOf(e.getMessage()).replace(location.jdbcUrl(), location.describe());
            throw new StoreException(StoreException.Kind.UNAVAILABLE, "cannot open store " + location.describe()
                    + ": " + reason + " (check the path or JDBC URL and its permissions)");
        }
        Db db = new Db(connection, location.isSqlite(), location.describe());
        try {
            db.write("create the schema", c -> {
                Schema.migrate(c, location.describe());
                return null;
            });
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
        return new JrcStore(location, db, clock, random);
    }

    private static Properties connectionProperties(StoreLocation location) {
        if (!location.isSqlite()) {
            return new Properties();
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        config.enforceForeignKeys(true);
        // Otherwise the driver runs an extra query after every INSERT (a quarter of the group committer's time);
        // the one caller that needs a new row id asks for it itself (AdminChannel#submit).
        config.setGetGeneratedKeys(false);
        return config.toProperties();
    }

    private static void createOwnerOnlyDirectory(Path dir, StoreLocation location) {
        if (Files.isDirectory(dir)) {
            return; // an existing directory is the operator's choice; we do not re-mode it
        }
        try {
            if (supportsPosix(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIR_MODE));
                Files.setPosixFilePermissions(dir, DIR_MODE); // exact mode whatever the umask
            } else {
                Files.createDirectories(dir);
            }
        } catch (IOException e) {
            throw new StoreException(StoreException.Kind.UNAVAILABLE, "cannot create data directory " + dir
                    + " for store " + location.describe() + ": " + e.getMessage()
                    + " (choose a writable --data directory)", e);
        }
    }

    private static void createOwnerOnlyFile(Path file, StoreLocation location) {
        if (Files.exists(file)) {
            return;
        }
        try {
            if (supportsPosix(file)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE_MODE));
                Files.setPosixFilePermissions(file, FILE_MODE);
            } else {
                Files.createFile(file);
            }
        } catch (FileAlreadyExistsException raced) {
            // Another process created it between our check and our create; it used the same mode.
        } catch (IOException e) {
            throw new StoreException(StoreException.Kind.UNAVAILABLE, "cannot create database file " + file
                    + ": " + e.getMessage() + " (check that its directory exists and is writable)", e);
        }
    }

    private static boolean supportsPosix(Path p) {
        return p.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /** Where this store lives. */
    public StoreLocation location() {
        return location;
    }

    /** Provisioned pledges and their PSKs. */
    public PledgeRegistry pledges() {
        return pledges;
    }

    /** Joined nodes and their short addresses. */
    public JoinedNodes nodes() {
        return nodes;
    }

    /** Per-pledge OSCORE sequence-number ceilings and replay windows. */
    public OscoreStateStore oscore() {
        return oscore;
    }

    /** Network link-layer keys and network settings. */
    public NetworkKeys network() {
        return network;
    }

    /** Node addresses, acknowledged key generations and a value-free key listing, for administration. */
    public NetworkStatus status() {
        return status;
    }

    /** Requests from the CLI to the running JRC, and the JRC's heartbeat and counters. */
    public AdminChannel admin() {
        return admin;
    }

    /**
     * Runs {@code work} as one transaction: every store write it makes commits together, or none does (a
     * {@link RuntimeException} from {@code work} rolls all of it back and is rethrown). One commit instead of
     * several is what keeps the JRC's per-join cost low.
     */
    public <T> T inTransaction(String what, java.util.function.Supplier<T> work) {
        return db.write(what, c -> work.get());
    }

    /** The schema version of the open database (for diagnostics). */
    public int schemaVersion() {
        return db.read("read the schema version", Schema::userVersion);
    }

    /** Runs a read-only query against the database; for tests and diagnostics inside this package. */
    <T> T query(String what, Db.Work<T> work) {
        return db.read(what, work);
    }

    @Override
    public void close() {
        db.close();
    }

    @Override
    public String toString() {
        return "JrcStore[" + location.describe() + "]";
    }
}
