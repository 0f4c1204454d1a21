package io.sixjoin.jrc.store;

import static io.sixjoin.jrc.store.StoreFixtures.id;
import static io.sixjoin.jrc.store.StoreFixtures.open;
import static io.sixjoin.jrc.store.StoreFixtures.pledge;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PledgeRegistryTest {
    @TempDir
    Path tmp;

    @Test
    void addFindListRemove() {
        try (JrcStore store = open(tmp)) {
            PledgeRegistry pledges = store.pledges();
            pledges.add(pledge(3));
            pledges.add(pledge(1));
            pledges.add(pledge(10));
            assertEquals(3, pledges.count());
            assertEquals(pledge(10), pledges.find(id(10)).orElseThrow());
            assertEquals(PledgeRole.SIX_LBR, pledges.find(id(10)).orElseThrow().role());
            List<PledgeEntry> listed = pledges.list();
            assertEquals(List.of(pledge(1), pledge(3), pledge(10)), listed.stream().map(PledgeEntry::pledge).toList());
            assertEquals(StoreFixtures.CLOCK.instant(), listed.get(0).addedAt());
            pledges.remove(id(3));
            assertTrue(pledges.find(id(3)).isEmpty());
            assertEquals(2, pledges.count());
        }
    }

    @Test
    void roleValuesFollowRfc9031Table3() {
        assertEquals(0, PledgeRole.NODE.value());
        assertEquals(1, PledgeRole.SIX_LBR.value());
        assertEquals(PledgeRole.SIX_LBR, PledgeRole.fromCliName(" 6LBR ").orElseThrow());
        assertEquals(PledgeRole.NODE, PledgeRole.fromValue(0).orElseThrow());
        assertTrue(PledgeRole.fromValue(2).isEmpty());
    }

    @Test
    void addingAnExistingPledgeNamesIt() {
        try (JrcStore store = open(tmp)) {
            store.pledges().add(pledge(7));
            StoreException e = assertThrows(StoreException.class, () -> store.pledges().add(pledge(7)));
            assertEquals(StoreException.Kind.ALREADY_EXISTS, e.kind());
            assertTrue(e.getMessage().contains(id(7).hex()), e.getMessage());
        }
    }

    @Test
    void removingAnUnknownPledgeIsNotFound() {
        try (JrcStore store = open(tmp)) {
            StoreException e = assertThrows(StoreException.class, () -> store.pledges().remove(id(9)));
            assertEquals(StoreException.Kind.NOT_FOUND, e.kind());
            assertTrue(e.getMessage().contains(id(9).hex()));
        }
    }

    @Test
    void importIsAllOrNothing() {
        try (JrcStore store = open(tmp)) {
            store.pledges().add(pledge(50));
            List<ProvisionedPledge> batch = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                batch.add(pledge(i)); // 50 is already there
            }
            assertThrows(StoreException.class, () -> store.pledges().importAll(batch));
            assertEquals(1, store.pledges().count());
            batch.remove(50);
            assertEquals(99, store.pledges().importAll(batch));
            assertEquals(100, store.pledges().count());
        }
    }

    @Test
    void importRefusesTheSamePledgeTwiceInOneBatch() {
        try (JrcStore store = open(tmp)) {
            assertThrows(StoreException.class, () -> store.pledges().importAll(List.of(pledge(1), pledge(1))));
            assertEquals(0, store.pledges().count());
        }
    }

    @Test
    void tenThousandPledgesFromCsvImportAndAreEachFound() {
        int n = 10_000;
        StringBuilder csv = new StringBuilder("eui64,psk,role\n");
        for (int i = 0; i < n; i++) {
            csv.append(id(i).hex()).append(',').append(StoreFixtures.pskHex(i)).append(',')
                    .append(pledge(i).role().cliName()).append('\n');
        }
        try (JrcStore store = open(tmp)) {
            PledgeCsv.Result parsed = PledgeCsv.parse(csv.toString().getBytes(StandardCharsets.UTF_8),
                    id -> store.pledges().find(id).isPresent());
            assertTrue(parsed.isValid(), () -> parsed.errors().toString());
            assertEquals(n, store.pledges().importAll(parsed.pledges()));
        }
        try (JrcStore store = open(tmp)) {
            assertEquals(n, store.pledges().count());
            for (int i = 0; i < n; i++) {
                assertEquals(pledge(i), store.pledges().find(id(i)).orElseThrow());
            }
            assertEquals(n, store.pledges().list().size());
            assertTrue(store.pledges().find(id(n)).isEmpty());
        }
    }

    @Test
    void removingAPledgeKeepsItsSequenceCeilingButDropsItsReplayWindow() {
        try (JrcStore store = open(tmp)) {
            store.pledges().add(pledge(1));
            store.oscore().reserveSenderSequence(id(1), 500);
            store.oscore().saveReplayWindow(id(1), 40, 0xffL);
            store.pledges().remove(id(1));
            store.pledges().add(pledge(1));
            assertEquals(500, store.oscore().senderSequenceCeiling(id(1)).getAsLong());
            assertTrue(store.oscore().loadReplayWindow(id(1)).isEmpty());
        }
    }
}
