package io.sixjoin.stack.ieee802154.security;

import static io.sixjoin.stack.ieee802154.security.FrameSecurityVectorsTest.EUI_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.HexFormat;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.sixjoin.stack.ieee802154.FrameFormatException;
import io.sixjoin.stack.ieee802154.FrameGenerator;
import io.sixjoin.stack.ieee802154.Ieee802154Frame;

/**
 * Seeded fuzzing of {@link FrameSecurity#unsecure} (and {@link FrameSecurity#unverified}) on genuine
 * secured frames, their mutations and random secured-shaped frames. The only acceptable outcomes are a
 * result or a typed exception; an unmodified frame must come back as the frame that was secured, and a
 * modified one must never verify. Case count from {@code sixjoin.fuzz.cases} (default 100000).
 */
class FrameSecurityFuzzTest {
    private static final long SEED = 0xCC_5EC_2015L;
    private static final SecurityLevel[] LEVELS = {SecurityLevel.MIC_32, SecurityLevel.MIC_64, SecurityLevel.MIC_128,
        SecurityLevel.ENC_MIC_32, SecurityLevel.ENC_MIC_64, SecurityLevel.ENC_MIC_128};

    @Test
    @Timeout(60)
    void unsecureOnlyYieldsResultsOrTypedFailures() {
        int cases = Integer.getInteger("sixjoin.fuzz.cases", 100000);
        Random random = new Random(SEED);
        int verified = 0;
        for (int i = 0; i < cases; i++) {
            Ieee802154Frame plain = FrameGenerator.plain(random, false);
            long asn = random.nextLong() & 0xFF_FFFF_FFFFL;
            byte[] genuine = FrameSecurity.secure(plain, FrameSecurityTest.KEY, 1,
                    LEVELS[random.nextInt(LEVELS.length)], EUI_1, asn).encode();
            int kind = random.nextInt(4);
            byte[] input = switch (kind) {
                case 0 -> genuine;
                case 1 -> FrameGenerator.securedShape(random).encode();
                default -> FrameGenerator.mutate(random, genuine);
            };
            boolean unchanged = java.util.Arrays.equals(input, genuine);
            try {
                Ieee802154Frame received = Ieee802154Frame.parse(input);
                if (received.security() == null) {
                    continue;
                }
                try {
                    FrameSecurity.unverified(received);
                } catch (FrameSecurityException expected) {
                    // encrypted levels cannot be read unverified, or the body is malformed
                }
                FrameSecurity.Unsecured result = FrameSecurity.unsecure(received, FrameSecurityTest.KEY, EUI_1, asn);
                verified++;
                assertTrue(unchanged, "a modified frame verified");
                assertEquals(plain, result.frame());
            } catch (FrameFormatException | FrameSecurityException expected) {
                assertTrue(!unchanged, "the genuine frame was refused: " + expected.getMessage());
            } catch (RuntimeException | Error e) {
                fail("seed " + SEED + " case " + i + " input " + HexFormat.of().formatHex(input), e);
            }
        }
        assertTrue(verified > cases / 5, "verified " + verified + " of " + cases);
    }
}
