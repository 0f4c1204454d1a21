package io.sixjoin.stack.lowpan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Seeded fuzzing of {@link LowpanCodec#decompress}, {@link LowpanCodec#headerGrowth} and
 * {@link Reassembler#accept} with random bytes, valid compressed packets (page 0/1, every option set) and
 * mutations of them. Only a value or a {@link LowpanFormatException} may come out; every value must
 * round-trip through compression; the reassembler never holds more than its bound. Case count from
 * {@code sixjoin.fuzz.cases} (default 100000); a failure names the seed, case and input.
 */
class LowpanFuzzTest {
    private static final long SEED = 0x4944_6282L;

    @Test
    @Timeout(60)
    void decompressYieldsValuesOrFormatErrors() {
        int cases = Integer.getInteger("sixjoin.fuzz.cases", 100000);
        Random r = new Random(SEED);
        int decoded = 0;
        for (int i = 0; i < cases; i++) {
            LowpanContext ctx = RandomPackets.context(r);
            byte[] input = switch (r.nextInt(5)) {
                case 0 -> RandomPackets.bytes(r, r.nextInt(60));
                case 1 -> valid(r, ctx);
                default -> mutate(r, valid(r, ctx));
            };
            try {
                MeshPacket p = LowpanCodec.decompress(input, ctx);
                decoded++;
                assertEquals(p, LowpanCodec.decompress(LowpanCodec.compress(p, ctx).bytes(), ctx), "round trip");
            } catch (LowpanFormatException expected) {
                // the one permitted failure
            } catch (RuntimeException | Error e) {
                fail("seed " + SEED + " case " + i + " input " + HexFormat.of().formatHex(input), e);
            }
            try {
                LowpanCodec.headerGrowth(input);
            } catch (LowpanFormatException expected) {
                // the one permitted failure
            } catch (RuntimeException | Error e) {
                fail("seed " + SEED + " case " + i + " input " + HexFormat.of().formatHex(input), e);
            }
        }
        assertTrue(decoded > cases / 3, "decoded " + decoded + " of " + cases);
    }

    @Test
    @Timeout(60)
    void reassemblerStaysBoundedOnHostileFragments() {
        int cases = Integer.getInteger("sixjoin.fuzz.cases", 100000);
        Random r = new Random(SEED + 1);
        Reassembler reassembler = new Reassembler(4, Fragmenter.MAX_DATAGRAM_SIZE, 10_000);
        Ieee802154Address[] senders = {LowpanVectorsTest.mote(2), LowpanVectorsTest.mote(3)};
        int complete = 0;
        List<byte[]> frames = List.of();
        int next = 0;
        for (int i = 0; i < cases; i++) {
            if (next >= frames.size()) {
                LowpanContext ctx = RandomPackets.context(r);
                MeshPacket p = RandomPackets.mesh(r, ctx);
                LowpanCodec.Compressed c = LowpanCodec.compress(p, ctx);
                try {
                    frames = new Fragmenter(24 + r.nextInt(100)).fragment(c, r.nextInt(4));
                } catch (IllegalArgumentException headersTooLong) {
                    frames = List.of(c.bytes());
                }
                next = 0;
            }
            byte[] frame = frames.get(next++);
            if (r.nextInt(4) == 0) {
                frame = mutate(r, frame);
            }
            try {
                if (reassembler.accept(senders[r.nextInt(2)], frame, i) instanceof Reassembler.Complete) {
                    complete++;
                }
            } catch (RuntimeException | Error e) {
                fail("seed " + SEED + " case " + i + " frame " + HexFormat.of().formatHex(frame), e);
            }
            assertTrue(reassembler.inProgress() <= 4);
        }
        assertTrue(complete > 0);
    }

    static byte[] valid(Random r, LowpanContext ctx) {
        MeshPacket p = RandomPackets.mesh(r, ctx);
        return LowpanCodec.compress(p, ctx, LowpanRoundTripTest.OPTIONS[r.nextInt(3)]).bytes();
    }

    static byte[] mutate(Random r, byte[] in) {
        byte[] out = in.clone();
        switch (r.nextInt(4)) {
            case 0 -> {
                if (out.length > 0) {
                    out[r.nextInt(out.length)] ^= (byte) (1 << r.nextInt(8));
                }
            }
            case 1 -> {
                if (out.length > 0) {
                    out[r.nextInt(out.length)] = (byte) r.nextInt(256);
                }
            }
            case 2 -> out = Arrays.copyOf(out, r.nextInt(out.length + 1));
            default -> {
                out = Arrays.copyOf(out, out.length + 1 + r.nextInt(8));
                for (int i = in.length; i < out.length; i++) {
                    out[i] = (byte) r.nextInt(256);
                }
            }
        }
        return out;
    }
}
