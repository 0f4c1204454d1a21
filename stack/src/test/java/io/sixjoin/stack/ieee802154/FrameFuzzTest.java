package io.sixjoin.stack.ieee802154;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.HexFormat;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Seeded fuzzing of {@link Ieee802154Frame#parse} with random bytes, random valid frames (plain and
 * secured-shaped, all frame versions) and their mutations. The only acceptable outcomes are a frame or a
 * {@link FrameFormatException}; every frame must re-encode to its input (join-IE reserved bits aside) and
 * survive a value round trip. Case count from {@code sixjoin.fuzz.cases} (default 100000); a failure names
 * the seed, the case and the input.
 */
class FrameFuzzTest {
    private static final long SEED = 0x802_15_4L;

    @Test
    @Timeout(60)
    void parserOnlyYieldsFramesOrFormatErrors() {
        int cases = Integer.getInteger("sixjoin.fuzz.cases", 100000);
        Random random = new Random(SEED);
        int parsed = 0;
        for (int i = 0; i < cases; i++) {
            byte[] input = switch (random.nextInt(6)) {
                case 0 -> FrameGenerator.bytes(random, random.nextInt(60));
                case 1, 2 -> FrameGenerator.plain(random, true).encode();
                case 3 -> FrameGenerator.securedShape(random).encode();
                default -> FrameGenerator.mutate(random, FrameGenerator.plain(random, true).encode());
            };
            try {
                Ieee802154Frame frame = Ieee802154Frame.parse(input);
                parsed++;
                byte[] again = frame.encode();
                if (frame.payloadIes().stream().noneMatch(ie -> ie instanceof PayloadIe.JoinInfo)) {
                    assertArrayEquals(input, again, "re-encodes to its input");
                }
                assertEquals(frame, Ieee802154Frame.parse(again), "round trip");
                assertEquals(frame, Ieee802154Frame.parseWithFcs(frame.encodeWithFcs()), "FCS round trip");
            } catch (FrameFormatException expected) {
                // the one permitted failure
            } catch (RuntimeException | Error e) {
                fail("seed " + SEED + " case " + i + " input " + HexFormat.of().formatHex(input), e);
            }
        }
        assertTrue(parsed > cases / 3, "parsed " + parsed + " of " + cases);
    }

    @Test
    void generatedFramesRoundTripByValue() throws FrameFormatException {
        Random random = new Random(SEED + 1);
        for (int i = 0; i < 20000; i++) {
            Ieee802154Frame frame = i % 3 == 0 ? FrameGenerator.securedShape(random)
                    : FrameGenerator.plain(random, true);
            byte[] bytes = FrameVectorsTest.emitWithSentinel(frame);
            assertEquals(frame, Ieee802154Frame.parse(bytes), "case " + i + ": " + frame);
        }
    }
}
