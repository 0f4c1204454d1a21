package io.sixjoin.cbor.cojp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Seeded fuzzing of every decoder: random bytes and mutations of valid encodings. Only a successful decode
 * or a CojpDecodeException may come out, and anything that decodes must survive encode/decode unchanged.
 */
class CojpFuzzTest {
    private static final int CASES = Integer.getInteger("sixjoin.fuzz.cases", 100_000);
    /** Bytes with structural meaning in CBOR, so mutations hit headers more often than chance would. */
    private static final byte[] INTERESTING = Fixtures.hex("00 01 17 18 19 1a 1b 1f 20 38 40 41 42 50 5f 60 "
            + "7f 80 81 82 83 9f a0 a1 a2 bf c0 c1 c2 d8 f4 f6 f7 f8 f9 fa fb ff");

    interface Decoder<T> {
        T decode(byte[] in) throws CojpDecodeException;
    }

    private static <T> void fuzz(long seed, List<byte[]> corpus, Decoder<T> decoder, Function<T, byte[]> encoder) {
        for (byte[] valid : corpus) {
            try {
                decoder.decode(valid);
            } catch (CojpDecodeException e) {
                fail("seed " + Fixtures.hex(valid) + " does not decode: " + e);
            }
        }
        Random r = new Random(seed);
        long start = System.nanoTime();
        int decoded = 0;
        for (int i = 0; i < CASES; i++) {
            byte[] in = r.nextInt(8) == 0 ? Generators.bytes(r, 0, 48)
                    : mutate(r, corpus.get(r.nextInt(corpus.size())));
            T value;
            try {
                value = decoder.decode(in);
            } catch (CojpDecodeException e) {
                assertNotNull(e.reason());
                e.toUnsupportedParameter().ifPresent(p -> assertNotNull(p.addinfo()));
                continue;
            } catch (Throwable t) {
                throw new AssertionError("unexpected " + t + " for input " + Fixtures.hex(in), t);
            }
            decoded++;
            byte[] enc = encoder.apply(value);
            try {
                T again = decoder.decode(enc);
                assertEquals(value, again, () -> "round trip of " + Fixtures.hex(in));
                assertArrayEquals(enc, encoder.apply(again));
            } catch (CojpDecodeException e) {
                fail("re-encoding of " + Fixtures.hex(in) + " = " + Fixtures.hex(enc) + " does not decode: " + e);
            }
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("fuzz seed %d: %d cases, %d decoded, %d ms%n", seed, CASES, decoded, ms);
    }

    static byte[] mutate(Random r, byte[] seed) {
        byte[] b = seed.clone();
        for (int n = 1 + r.nextInt(3); n > 0; n--) {
            switch (r.nextInt(6)) {
                case 0 -> { // bit flip
                    if (b.length > 0) {
                        b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
                    }
                }
                case 1 -> b = Arrays.copyOf(b, b.length == 0 ? 0 : r.nextInt(b.length)); // truncate
                case 2 -> b = insert(b, r.nextInt(b.length + 1), new byte[] {pick(r)});  // insert
                case 3 -> { // duplicate a run of bytes in place
                    if (b.length > 0) {
                        int at = r.nextInt(b.length);
                        int len = 1 + r.nextInt(Math.min(8, b.length - at));
                        b = insert(b, at, Arrays.copyOfRange(b, at, at + len));
                    }
                }
                case 4 -> { // overwrite with a structural byte
                    if (b.length > 0) {
                        b[r.nextInt(b.length)] = pick(r);
                    }
                }
                default -> b = insert(b, b.length, new byte[] {pick(r)}); // append
            }
        }
        return b;
    }

    private static byte pick(Random r) {
        return r.nextBoolean() ? INTERESTING[r.nextInt(INTERESTING.length)] : (byte) r.nextInt(256);
    }

    private static byte[] insert(byte[] b, int at, byte[] what) {
        byte[] out = new byte[b.length + what.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(what, 0, out, at, what.length);
        System.arraycopy(b, at, out, at + what.length, b.length - at);
        return out;
    }

    /** The hand-written seeds plus encodings of random valid records, so mutations start from variety. */
    private static List<byte[]> corpus(Function<Random, byte[]> generated, String... hex) {
        List<byte[]> out = new ArrayList<>();
        for (String h : hex) {
            out.add(Fixtures.hex(h));
        }
        Random r = new Random(hex.length);
        for (int i = 0; i < 64; i++) {
            out.add(generated.apply(r));
        }
        return out;
    }

    @Test
    void joinRequestDecoder() {
        fuzz(1, corpus(r -> JoinRequestCodec.encode(Generators.joinRequest(r)),
                "a10542cafe", "a201010542cafe", "a201000542cafe", "a20542cafe08830003f6",
                "a20542cafe08830102f6", "a20542cafe0883000282015000000000000000000000000000000000",
                "a3011a000100000548001122334455667708860007f6012042beef"),
                JoinRequestCodec::decode, JoinRequestCodec::encode);
    }

    @Test
    void configurationDecoder() {
        fuzz(2, corpus(r -> ConfigurationCodec.encode(Generators.configuration(r)),
                "a202820150e6bf4287c2d7618d6a9687445ffd33e6038142af93",
                "a1028405015000112233445566778899aabbccddeeff4401020304",
                "a1028601065011111111111111111111111111111111020c5022222222222222222222222222222222",
                "a1038242af931818", "a1045020010db8000000000000000000000001", "a10680",
                "a106814800124b0014b5d2a1", "a10700", "a10719012c", "a0",
                "a5028300500011223344556677889900112233445542af93038242000118180450"
                        + "20010db8000000000000000000000001068240410107190100"),
                ConfigurationCodec::decode, ConfigurationCodec::encode);
    }

    @Test
    void unsupportedConfigurationDecoder() {
        fuzz(3, corpus(r -> UnsupportedConfigurationCodec.encode(Generators.unsupportedConfiguration(r)),
                "830007f6", "830105f6", "860007f60105f6", "83203903e7420102", "8300038401204081f6",
                "830002820150e6bf4287c2d7618d6a9687445ffd33e6"),
                UnsupportedConfigurationCodec::decode, UnsupportedConfigurationCodec::encode);
    }
}
