package io.sixjoin.jrc.store;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.sixjoin.stack.cojp.PledgeId;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Seeded fuzzing of {@link PledgeCsv}: random bytes and mutations of a valid seed corpus must only ever
 * yield a typed result (pledges xor errors), never an exception. The seed is printed on failure so a case
 * can be replayed.
 */
class PledgeCsvFuzzTest {
    private static final long SEED = 0x5eed_cafeL;
    private static final String PSK = "00112233445566778899aabbccddeeff";
    private static final List<String> CORPUS = List.of(
            "eui64,psk,role\n00124b0014b5d2a1," + PSK + ",node\n00124b0014b5d2a2," + PSK + ",6lbr\n",
            "eui64,psk\r\n00:12:4b:00:14:b5:d2:a1," + PSK + "\r\n# c\r\n\r\n",
            "\uFEFFeui64 , psk , role\n \"00124b0014b5d2a1\" , " + PSK + " , \n",
            "eui64,psk,role\nzz,abc,router\n,,\n,,,,\n");
    private static final byte[] ALPHABET =
            ",\n\r# \"\t:-0123456789abcdefABCDEFxyz\u00ff".getBytes(StandardCharsets.ISO_8859_1);

    @Test
    void onlyTypedResultsComeOut() {
        int cases = Integer.getInteger("sixjoin.fuzz.cases", 100_000);
        SplittableRandom rnd = new SplittableRandom(SEED);
        PledgeId provisioned = PledgeId.parse("00124b0014b5d2a2");
        Predicate<PledgeId> known = provisioned::equals;
        int accepted = 0;
        for (int i = 0; i < cases; i++) {
            byte[] input = rnd.nextInt(4) == 0 ? randomBytes(rnd)
                    : mutate(rnd, CORPUS.get(rnd.nextInt(CORPUS.size())));
            try {
                PledgeCsv.Result r = PledgeCsv.parse(input, known);
                assertTrue(r.pledges().isEmpty() || r.errors().isEmpty(), "pledges and errors at once");
                accepted += r.isValid() ? 1 : 0;
                for (CsvError e : r.errors()) {
                    assertTrue(e.line() >= 0);
                    assertTrue(e.message().chars().noneMatch(c -> c < 0x20), "control character in message");
                }
            } catch (RuntimeException | Error e) {
                fail("case " + i + " (seed " + SEED + ") threw on input " + HexFormat.of().formatHex(input), e);
            }
        }
        // Mutations must still reach the accepting path, or the fuzzer only exercises the header check.
        assertTrue(cases < 1000 || accepted > cases / 100, "only " + accepted + " inputs were accepted");
    }

    private static byte[] randomBytes(SplittableRandom rnd) {
        byte[] b = new byte[rnd.nextInt(200)];
        for (int i = 0; i < b.length; i++) {
            b[i] = rnd.nextBoolean() ? ALPHABET[rnd.nextInt(ALPHABET.length)] : (byte) rnd.nextInt(256);
        }
        return b;
    }

    private static byte[] mutate(SplittableRandom rnd, String seed) {
        byte[] b = seed.getBytes(StandardCharsets.UTF_8);
        int edits = 1 + rnd.nextInt(6);
        for (int e = 0; e < edits && b.length > 0; e++) {
            int at = rnd.nextInt(b.length);
            switch (rnd.nextInt(4)) {
                case 0 -> b[at] = ALPHABET[rnd.nextInt(ALPHABET.length)];
                case 1 -> b[at] = (byte) rnd.nextInt(256);
                case 2 -> b = splice(b, at, new byte[] {ALPHABET[rnd.nextInt(ALPHABET.length)]}, 0);
                default -> b = splice(b, at, new byte[0], Math.min(1 + rnd.nextInt(8), b.length - at));
            }
        }
        return b;
    }

    private static byte[] splice(byte[] b, int at, byte[] insert, int remove) {
        byte[] out = new byte[b.length - remove + insert.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(b, at + remove, out, at + insert.length, b.length - at - remove);
        return out;
    }
}
