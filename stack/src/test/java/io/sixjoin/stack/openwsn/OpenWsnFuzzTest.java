package io.sixjoin.stack.openwsn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Seeded fuzzing of {@link MoteFrameCodec#parse}, {@link HostFrameCodec#parse} and {@link StatusElement}
 * decoding with random bytes, generated frames and mutations of them. The only acceptable outcomes are a
 * frame or an {@link OpenWsnFormatException}; every accepted input re-encodes to exactly the same bytes, and
 * every generated frame satisfies {@code parse(encode(x)).equals(x)}. Case count from the system property
 * {@code sixjoin.fuzz.cases} (default 100000); a failure names the seed, the case and the input.
 */
class OpenWsnFuzzTest {
    private static final long SEED = 0x0E5A_2026L;
    private static final byte[] MOTE_TYPES = {'D', 'S', 'V', 'I', 'W', 'U', 'E', 'C', 'P', 'F', 'Z', 0};
    private static final byte[] HOST_TYPES = {'R', 'D', 'S', 'Q', 'C', 'B'};

    @Test
    @Timeout(30)
    void moteFrameParserOnlyYieldsFramesOrFormatErrors() {
        int cases = Integer.getInteger("sixjoin.fuzz.cases", 100000);
        Random random = new Random(SEED);
        int parsed = 0;
        for (int i = 0; i < cases; i++) {
            byte[] input = switch (random.nextInt(4)) {
                case 0 -> typed(random, MOTE_TYPES);
                case 1 -> MoteFrameCodec.encode(randomMoteFrame(random));
                default -> mutate(random, MoteFrameCodec.encode(randomMoteFrame(random)));
            };
            try {
                MoteFrame frame = MoteFrameCodec.parse(input);
                parsed++;
                assertArrayEquals(input, MoteFrameCodec.encode(frame), "re-encodes to the same bytes");
                if (frame instanceof MoteFrame.Status s) {
                    checkStatus(s);
                }
            } catch (OpenWsnFormatException expected) {
                // the one permitted failure
            } catch (RuntimeException | Error e) {
                fail("seed " + SEED + " case " + i + " input " + HexFormat.of().formatHex(input), e);
            }
        }
        assertTrue(parsed > cases / 2, "parsed " + parsed + " of " + cases);
    }

    @Test
    @Timeout(30)
    void hostFrameParserOnlyYieldsFramesOrFormatErrors() {
        int cases = Integer.getInteger("sixjoin.fuzz.cases", 100000);
        Random random = new Random(SEED + 1);
        int parsed = 0;
        for (int i = 0; i < cases; i++) {
            byte[] input = switch (random.nextInt(4)) {
                case 0 -> typed(random, HOST_TYPES);
                case 1 -> HostFrameCodec.encode(randomHostFrame(random));
                default -> mutate(random, HostFrameCodec.encode(randomHostFrame(random)));
            };
            try {
                HostFrame frame = HostFrameCodec.parse(input);
                parsed++;
                assertArrayEquals(input, HostFrameCodec.encode(frame), "re-encodes to the same bytes");
            } catch (OpenWsnFormatException expected) {
                // the one permitted failure
            } catch (RuntimeException | Error e) {
                fail("seed " + SEED + " case " + i + " input " + HexFormat.of().formatHex(input), e);
            }
        }
        assertTrue(parsed > cases / 3, "parsed " + parsed + " of " + cases);
    }

    @Test
    void generatedFramesRoundTrip() throws OpenWsnFormatException {
        Random random = new Random(SEED + 2);
        for (int i = 0; i < 20000; i++) {
            MoteFrame m = randomMoteFrame(random);
            assertEquals(m, MoteFrameCodec.parse(MoteFrameCodec.encode(m)), "case " + i);
            HostFrame h = randomHostFrame(random);
            assertEquals(h, HostFrameCodec.parse(HostFrameCodec.encode(h)), "case " + i);
        }
    }

    private static void checkStatus(MoteFrame.Status s) {
        for (FirmwareDialect d : FirmwareDialect.values()) {
            try {
                StatusElement e = s.decode(d);
                assertEquals(s, MoteFrame.Status.of(s.moteId(), e, d), "status round trip in " + d);
            } catch (OpenWsnFormatException expected) {
                // a known element with the wrong length
            }
        }
        try {
            assertArrayEquals(s.raw(), s.decode().toBytes(), "auto-decoded status re-encodes");
        } catch (OpenWsnFormatException expected) {
            // neither version's layout fits
        }
    }

    static MoteFrame randomMoteFrame(Random r) {
        int mote = r.nextInt(65536);
        long asn = r.nextLong() >>> 24;
        return switch (r.nextInt(8)) {
            case 0 -> new MoteFrame.Data(mote, asn, r.nextLong(), r.nextLong(), bytes(r, r.nextInt(120)));
            case 1 -> new MoteFrame.EchoReply(mote, asn, bytes(r, r.nextInt(16)));
            case 2 -> {
                int id = r.nextInt(14);
                int length = r.nextInt(3) == 0 ? r.nextInt(42) : FirmwareDialect.DEVELOP.kind(id)
                        .or(() -> FirmwareDialect.CMAKE_2021.kind(id)).map(StatusElement.Kind::length).orElse(3);
                yield new MoteFrame.Status(mote, id, bytes(r, length));
            }
            case 3 -> new Log(Log.Level.values()[r.nextInt(6)], mote, r.nextInt(256), r.nextInt(256),
                    r.nextInt(65536), r.nextInt(65536));
            case 4 -> new Sniffed(mote, bytes(r, r.nextInt(128)), r.nextInt(256));
            case 5 -> new Printf(mote, asn, new String(bytes(r, r.nextInt(40)), StandardCharsets.ISO_8859_1));
            case 6 -> new MoteFrame.Unknown('X' + r.nextInt(3), bytes(r, r.nextInt(20)));
            default -> MoteFrame.Status.of(mote, new StatusElement.IdManager(r.nextInt(2), r.nextInt(65536),
                    r.nextInt(65536), r.nextLong(), r.nextLong()), FirmwareDialect.DEVELOP);
        };
    }

    static HostFrame randomHostFrame(Random r) {
        return switch (r.nextInt(5)) {
            case 0 -> new HostFrame.SetRoot("YNT".charAt(r.nextInt(3)), r.nextLong(), r.nextInt(256), bytes(r, 16));
            case 1 -> new HostFrame.DataDown(r.nextLong(),
                    bytes(r, r.nextInt(HostFrame.DataDown.MAX_LOWPAN_LENGTH + 1)));
            case 2 -> new HostFrame.Echo(bytes(r, r.nextInt(30)));
            case 3 -> new HostFrame.Reset();
            default -> new HostFrame.Unknown('B' + r.nextInt(2), bytes(r, r.nextInt(10)));
        };
    }

    private static byte[] typed(Random r, byte[] types) {
        byte[] b = bytes(r, r.nextInt(40));
        if (b.length > 0 && r.nextBoolean()) {
            b[0] = types[r.nextInt(types.length)];
        }
        return b;
    }

    private static byte[] mutate(Random r, byte[] input) {
        byte[] out = switch (r.nextInt(3)) {
            case 0 -> Arrays.copyOf(input, r.nextInt(input.length + 1));
            case 1 -> Arrays.copyOf(input, input.length + 1 + r.nextInt(4));
            default -> input.clone();
        };
        if (out.length > 0) {
            out[r.nextInt(out.length)] ^= (byte) (1 << r.nextInt(8));
        }
        return out;
    }

    static byte[] bytes(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }
}
