package io.sixjoin.cli;

import io.sixjoin.jrc.store.JrcStore;
import io.sixjoin.jrc.store.StoreLocation;
import java.nio.file.Path;
import java.time.Clock;
import java.util.random.RandomGenerator;
import picocli.CommandLine.Option;

/**
 * The options that say where the JRC's store is, shared (as a picocli mixin) by every command that reads
 * or writes it: {@code --data DIR} for a data directory holding {@code jrc.db} (the default,
 * {@code ./sixjoin-data}), or {@code --db JDBC_URL} for a database placed elsewhere. Giving both is a
 * usage error rather than a silent precedence rule, because either choice could surprise.
 */
public final class StoreOptions {
    @Option(names = "--data", paramLabel = "DIR",
            description = "Data directory holding jrc.db, created owner-only (0700) if missing"
                    + " (default: ./sixjoin-data).")
    Path dataDirectory;

    @Option(names = "--db", paramLabel = "JDBC_URL",
            description = "Use this database instead of a data directory, e.g. jdbc:sqlite:/var/lib/sixjoin/jrc.db.")
    String jdbcUrl;

    /**
     * The chosen location.
     *
     * @throws BadInputException if both options are given or the URL is not a JDBC URL
     */
    public StoreLocation location() {
        if (dataDirectory != null && jdbcUrl != null) {
            throw new BadInputException("--data and --db are mutually exclusive: give only one of them");
        }
        if (jdbcUrl != null) {
            try {
                return StoreLocation.jdbc(jdbcUrl);
            } catch (IllegalArgumentException e) {
                throw new BadInputException("--db: " + e.getMessage());
            }
        }
        return StoreLocation.dataDirectory(dataDirectory != null ? dataDirectory : StoreLocation.DEFAULT_DATA_DIR);
    }

    /** Opens the store at {@link #location()}, creating it if needed. */
    public JrcStore open(Clock clock, RandomGenerator random) {
        return JrcStore.open(location(), clock, random);
    }
}
