package io.sixjoin.jrc.store;

import static io.sixjoin.jrc.store.StoreFixtures.open;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NetworkKeysTest {
    private static final byte[] K0 = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f");
    private static final byte[] K1 = HexFormat.of().parseHex("f0e1d2c3b4a5968778695a4b3c2d1e0f");

    @TempDir
    Path tmp;

    @Test
    void keysAndTheirGenerationsSurviveReopening() {
        NetworkKey g0 = new NetworkKey(0, 1, 0, K0, KeyState.ACTIVE);
        NetworkKey g1 = new NetworkKey(1, 2, 0, K1, KeyState.PENDING);
        try (JrcStore store = open(tmp)) {
            store.network().add(g0);
            store.network().add(g1);
            store.network().setNetworkId("CA:FE");
        }
        try (JrcStore store = open(tmp)) {
            assertEquals(List.of(g0, g1), store.network().list());
            assertEquals(1, store.network().latestGeneration().getAsInt());
            store.network().setState(0, KeyState.RETIRED);
            store.network().setState(1, KeyState.ACTIVE);
            assertEquals(List.of(g1.withState(KeyState.ACTIVE)), store.network().inState(KeyState.ACTIVE));
            assertEquals("cafe", store.network().networkId().orElseThrow());
            assertThrows(StoreException.class, () -> store.network().add(g1));
            assertThrows(StoreException.class, () -> store.network().setState(7, KeyState.ACTIVE));
        }
    }

    @Test
    void anEmptyStoreHasNoGenerationAndNoNetworkId() {
        try (JrcStore store = open(tmp)) {
            assertTrue(store.network().latestGeneration().isEmpty());
            assertTrue(store.network().networkId().isEmpty());
            assertThrows(IllegalArgumentException.class, () -> store.network().setNetworkId("xyz"));
        }
    }

    @Test
    void keyValuesNeverShowInToStringOrErrors() {
        NetworkKey k = new NetworkKey(3, 1, 0, K1, KeyState.ACTIVE);
        assertFalse(k.toString().toLowerCase().contains("f0e1d2c3"), k.toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new NetworkKey(0, 1, 0, HexFormat.of().parseHex("f0e1d2c3b4a5"), KeyState.ACTIVE));
        assertFalse(e.getMessage().contains("f0e1d2c3"));
        assertThrows(IllegalArgumentException.class, () -> new NetworkKey(0, 255, 0, K0, KeyState.ACTIVE));
    }

    @Test
    void keyBytesAreCopiedInAndOut() {
        byte[] raw = K0.clone();
        NetworkKey k = new NetworkKey(0, 1, 0, raw, KeyState.ACTIVE);
        raw[0] = 9;
        k.value()[1] = 9;
        assertEquals(new NetworkKey(0, 1, 0, K0, KeyState.ACTIVE), k);
    }
}
