package io.sixjoin.cli;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The motes' flash file of {@code demo --keep}: read back exactly, and damaged ones refused with a named line. */
class DemoFlashFileTest {
    @Test
    void whatTheDemoWritesReadsBack() {
        Map<String, Long> m = DemoCommand.parseFlash(
                "141592cc00000001,17\n141592cc00000002,0\n\n".getBytes(StandardCharsets.UTF_8), "f");
        assertEquals(Map.of("141592cc00000001", 17L, "141592cc00000002", 0L), m);
    }

    @Test
    void aDamagedLineIsNamed() {
        BadInputException e = assertThrows(BadInputException.class, () -> DemoCommand.parseFlash(
                "141592cc00000001,17\n141592cc0000000,x\n".getBytes(StandardCharsets.UTF_8), "f"));
        assertTrue(e.getMessage().startsWith("f line 2: "), e.getMessage());
    }

    /** Property: any bytes give a map or a {@link BadInputException}, nothing else. */
    @Test
    void hostileBytesGiveAMapOrATypedRefusal() {
        int cases = Integer.getInteger("sixjoin.fuzz.cases", 100_000) / 10;
        SplittableRandom rand = new SplittableRandom(8);
        byte[] seed = "141592cc00000001,17\n141592cc00000002,123456789012345678\n".getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < cases; i++) {
            byte[] b = rand.nextBoolean() ? seed.clone() : new byte[rand.nextInt(80)];
            if (b.length != seed.length) {
                rand.nextBytes(b);
            } else {
                b[rand.nextInt(b.length)] = (byte) rand.nextInt(256);
            }
            try {
                Map<String, Long> m = DemoCommand.parseFlash(b, "f");
                m.values().forEach(v -> assertTrue(v >= 0));
            } catch (BadInputException expected) {
                // the typed refusal
            }
        }
    }
}
