package io.sixjoin.jrc.store;

import static io.sixjoin.jrc.store.StoreFixtures.id;
import static io.sixjoin.jrc.store.StoreFixtures.open;
import static io.sixjoin.jrc.store.StoreFixtures.pledge;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JrcStoreTest {
    @TempDir
    Path tmp;

    @Test
    void createsOwnerOnlyDirectoryDatabaseAndWalFiles() throws Exception {
        Path dir = tmp.resolve("data/nested");
        try (JrcStore store = open(dir)) {
            store.pledges().add(pledge(1));
            assertEquals("rwx------", mode(dir));
            assertEquals("rw-------", mode(dir.resolve("jrc.db")));
            assertEquals("rw-------", mode(dir.resolve("jrc.db-wal")));
            assertEquals("rw-------", mode(dir.resolve("jrc.db-shm")));
        }
    }

    @Test
    void jdbcUrlToAPlainFileIsAlsoCreatedOwnerOnly() throws Exception {
        Path file = tmp.resolve("custom.db");
        try (JrcStore store = JrcStore.open(StoreLocation.jdbc("jdbc:sqlite:" + file), StoreFixtures.CLOCK,
                new SplittableRandom(1))) {
            store.pledges().add(pledge(1));
            assertEquals("rw-------", mode(file));
            assertEquals(1, store.pledges().count());
        }
    }

    @Test
    void usesWalForeignKeysAndBusyTimeoutAndRecordsTheSchemaVersion() {
        try (JrcStore store = open(tmp)) {
            assertEquals("wal", pragma(store, "journal_mode"));
            assertEquals("1", pragma(store, "foreign_keys"));
            assertEquals("1", pragma(store, "synchronous")); // NORMAL
            assertEquals(String.valueOf(JrcStore.BUSY_TIMEOUT_MILLIS), pragma(store, "busy_timeout"));
            assertEquals(Schema.VERSION, store.schemaVersion());
        }
        try (JrcStore reopened = open(tmp)) {
            assertEquals(Schema.VERSION, reopened.schemaVersion());
        }
    }

    @Test
    void refusesAStoreFromANewerSchema() throws Exception {
        try (JrcStore store = open(tmp)) {
            store.query("bump", c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("PRAGMA user_version = 99");
                }
                return null;
            });
        }
        StoreException e = assertThrows(StoreException.class, () -> open(tmp));
        assertTrue(e.getMessage().contains("upgrade sixjoin"), e.getMessage());
    }

    @Test
    void unusableLocationIsReportedAsUnavailable() throws Exception {
        Path file = Files.writeString(tmp.resolve("not-a-dir"), "x");
        StoreException e = assertThrows(StoreException.class, () -> open(file.resolve("sub")));
        assertEquals(StoreException.Kind.UNAVAILABLE, e.kind());
    }

    @Test
    void aPasswordInAJdbcUrlNeverReachesTheMessage() {
        StoreException e = assertThrows(StoreException.class, () -> JrcStore.open(
                StoreLocation.jdbc("jdbc:nosuchdb://host/db?user=jrc&password=hunter2"), StoreFixtures.CLOCK,
                new SplittableRandom(1)));
        assertEquals(StoreException.Kind.UNAVAILABLE, e.kind());
        assertTrue(e.getMessage().contains("jdbc:nosuchdb://host/db?..."), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    }

    @Test
    void twoInstancesOnOneFileSeeEachOthersWrites() {
        try (JrcStore jrc = open(tmp); JrcStore cli = open(tmp)) {
            assertTrue(jrc.pledges().find(id(5)).isEmpty());
            cli.pledges().add(pledge(5));
            assertEquals(pledge(5), jrc.pledges().find(id(5)).orElseThrow());
            jrc.oscore().reserveSenderSequence(id(5), 100);
            assertEquals(100, cli.oscore().senderSequenceCeiling(id(5)).getAsLong());
            cli.pledges().remove(id(5));
            assertTrue(jrc.pledges().find(id(5)).isEmpty());
        }
    }

    @Test
    void concurrentWritersFromTwoInstancesWaitInsteadOfFailing() throws Exception {
        try (JrcStore a = open(tmp); JrcStore b = open(tmp)) {
            Thread t = new Thread(() -> {
                for (int i = 0; i < 200; i++) {
                    a.pledges().add(pledge(i));
                }
            });
            t.start();
            for (int i = 1000; i < 1200; i++) {
                b.pledges().add(pledge(i));
            }
            t.join();
            assertEquals(400, a.pledges().count());
        }
    }

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    private static String pragma(JrcStore store, String name) {
        return store.query("read " + name, c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA " + name)) {
                rs.next();
                return rs.getString(1);
            }
        });
    }
}
