package io.sixjoin.jrc.store;

import static io.sixjoin.jrc.store.StoreFixtures.id;
import static io.sixjoin.jrc.store.StoreFixtures.open;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JoinedNodesTest {
    private static final String NET = "cafe";

    @TempDir
    Path tmp;

    @Test
    void recordsAJoinDurably() {
        JoinedNode joined;
        try (JrcStore store = open(tmp)) {
            joined = store.nodes().recordJoin(id(1), PledgeRole.NODE, NET, 3);
            assertEquals(StoreFixtures.CLOCK.instant(), joined.joinedAt());
        }
        try (JrcStore store = open(tmp)) {
            assertEquals(joined, store.nodes().find(id(1)).orElseThrow());
            assertEquals(joined, store.nodes().findByAddress(NET, joined.shortAddress()).orElseThrow());
        }
    }

    @Test
    void fiveThousandJoinsGetDistinctValidAddresses() {
        Set<Integer> seen = new HashSet<>();
        try (JrcStore store = open(tmp, new SplittableRandom(42))) {
            for (int i = 0; i < 5000; i++) {
                int a = store.nodes().recordJoin(id(i), PledgeRole.NODE, NET, 0).shortAddress().value();
                assertTrue(a >= 0 && a <= 0xfffd, "address " + a);
                assertTrue(seen.add(a), "address reused: " + a);
            }
            assertEquals(5000, store.nodes().list().size());
        }
    }

    @Test
    void aGeneratorStuckOnTakenAddressesFallsBackToAScan() {
        RandomGenerator stuck = new RandomGenerator() {
            @Override
            public long nextLong() {
                return 0;
            }

            @Override
            public int nextInt(int bound) {
                return 7; // always the same candidate: only the first join gets it
            }
        };
        try (JrcStore store = open(tmp, stuck)) {
            assertEquals(7, store.nodes().recordJoin(id(1), PledgeRole.NODE, NET, 0).shortAddress().value());
            assertEquals(8, store.nodes().recordJoin(id(2), PledgeRole.NODE, NET, 0).shortAddress().value());
            assertEquals(7, store.nodes().recordJoin(id(3), PledgeRole.NODE, "beef", 0).shortAddress().value());
        }
    }

    @Test
    void theLastFreeAddressIsFoundAndAFullNetworkIsAConflict() {
        try (JrcStore store = open(tmp)) {
            fill(store, 0xfffd); // every assignable address except 0xfffd
            JoinedNode last = store.nodes().recordJoin(id(1), PledgeRole.NODE, NET, 0);
            assertEquals(0xfffd, last.shortAddress().value());
            StoreException e = assertThrows(StoreException.class,
                    () -> store.nodes().recordJoin(id(2), PledgeRole.NODE, NET, 0));
            assertEquals(StoreException.Kind.CONFLICT, e.kind());
        }
    }

    @Test
    void theDatabaseItselfRejectsDuplicateAndReservedAddresses() {
        try (JrcStore store = open(tmp)) {
            int a = store.nodes().recordJoin(id(1), PledgeRole.NODE, NET, 0).shortAddress().value();
            assertThrows(StoreException.class, () -> insertRaw(store, id(2).bytes(), a));
            assertThrows(StoreException.class, () -> insertRaw(store, id(3).bytes(), 0xfffe));
            assertThrows(StoreException.class, () -> insertRaw(store, id(4).bytes(), 0xffff));
        }
    }

    @Test
    void reservedValuesAreNotShortAddresses() {
        assertThrows(IllegalArgumentException.class, () -> new ShortAddress(0xfffe));
        assertThrows(IllegalArgumentException.class, () -> new ShortAddress(0xffff));
        assertThrows(IllegalArgumentException.class, () -> new ShortAddress(-1));
        assertArrayEquals(new byte[] {(byte) 0xab, 0x01}, new ShortAddress(0xab01).bytes());
        assertEquals("0x00ff", new ShortAddress(0xff).toString());
    }

    @Test
    void rejoiningKeepsTheAddressAndEvictionFreesIt() {
        try (JrcStore store = open(tmp)) {
            JoinedNode first = store.nodes().recordJoin(id(1), PledgeRole.NODE, NET, 0);
            JoinedNode again = store.nodes().recordJoin(id(1), PledgeRole.SIX_LBR, NET, 1);
            assertEquals(first.shortAddress(), again.shortAddress());
            assertEquals(1, store.nodes().find(id(1)).orElseThrow().keyGeneration());
            JoinedNode moved = store.nodes().recordJoin(id(1), PledgeRole.NODE, "beef", 1);
            assertEquals("beef", moved.networkId());
            store.nodes().evict(id(1));
            assertTrue(store.nodes().find(id(1)).isEmpty());
            assertThrows(StoreException.class, () -> store.nodes().evict(id(1)));
        }
    }

    private static void fill(JrcStore store, int count) {
        store.query("fill", c -> {
            try (Statement tx = c.createStatement();
                    PreparedStatement s = c.prepareStatement("INSERT INTO joined_node"
                            + " (pledge_id, network_id, short_address, role, joined_at, key_generation)"
                            + " VALUES (?, ?, ?, 0, 0, 0)")) {
                tx.execute("BEGIN");
                for (int i = 0; i < count; i++) {
                    s.setBytes(1, id(1_000_000 + i).bytes());
                    s.setString(2, NET);
                    s.setInt(3, i);
                    s.addBatch();
                }
                s.executeBatch();
                tx.execute("COMMIT");
            }
            return null;
        });
    }

    private static void insertRaw(JrcStore store, byte[] pledge, int address) {
        store.query("insert raw", c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO joined_node"
                    + " (pledge_id, network_id, short_address, role, joined_at, key_generation)"
                    + " VALUES (?, ?, ?, 0, 0, 0)")) {
                s.setBytes(1, pledge);
                s.setString(2, NET);
                s.setInt(3, address);
                s.executeUpdate();
            }
            return null;
        });
    }
}
