package io.sixjoin.emulator.topology;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Mutates valid topology documents and checks the loader's contract on every result: a {@link
 * Topology} or a {@link TopologyFileException}, never anything else. Case count is a tenth of the
 * system property {@code sixjoin.fuzz.cases} (default 100000), because every case is a full JSON
 * parse; the seed and the failing input are printed on failure.
 */
class TopologyFileFuzzTest {

    private static final int CASES = Integer.getInteger("sixjoin.fuzz.cases", 100_000) / 10;
    private static final long SEED = Long.getLong("sixjoin.fuzz.seed", 0x6a50_11e5L);
    private static final String[] TOKENS = {"{", "}", "[", "]", ",", ":", "\"", "null", "true", "false", "-",
            "0", "1e999", "-0.0", "1.5", "99999999999", "\"s\"", "\"1s\"", "\"ms\"", "\"root\"", "\"id\"",
            "\"motes\"", "\"links\"", "\"faults\"", "\"kind\"", "\"reboot\"", "\"degrade\"", "\"jrc-outage\"",
            "\"for\"", "\"at\"", "\"prr\"", "\\u0000", "\uFFFF", " "};

    @Test
    void mutatedDocumentsAreLoadedOrRefusedWithATypedError() throws Exception {
        List<byte[]> corpus = List.of(TopologyFileTest.fixture("full.json"), TopologyFileTest.fixture("minimal.json"),
                ("{\"motes\":[{\"id\":0,\"x\":0,\"y\":0,\"root\":true},{\"id\":1,\"x\":5,\"y\":5}],"
                        + "\"links\":[{\"a\":0,\"b\":1,\"prr\":0.5}],"
                        + "\"faults\":[{\"at\":\"1s\",\"kind\":\"degrade\",\"a\":0,\"b\":1,\"prr\":0,\"for\":\"2s\"}]}")
                        .getBytes(StandardCharsets.UTF_8));
        SplittableRandom rnd = new SplittableRandom(SEED);
        int accepted = 0;
        for (int c = 0; c < CASES; c++) {
            byte[] input = corpus.get(rnd.nextInt(corpus.size()));
            int rounds = 1 + rnd.nextInt(4);
            for (int i = 0; i < rounds; i++) {
                input = mutate(input, rnd);
            }
            try {
                TopologyFile.parse(input);
                accepted++;
            } catch (TopologyFileException expected) {
                assertEquals(expected.getMessage(), expected.path() + ": " + expected.detail()
                        + (expected.hint().isEmpty() ? "" : " (hint: " + expected.hint() + ")"));
            } catch (RuntimeException | StackOverflowError e) {
                fail("seed " + SEED + " case " + c + " threw " + e + " on: "
                        + new String(input, StandardCharsets.UTF_8), e);
            }
        }
        System.out.printf("[fuzz] topology loader: %d cases, %d accepted, seed %d%n", CASES, accepted, SEED);
    }

    private static byte[] mutate(byte[] in, SplittableRandom rnd) {
        int len = in.length;
        int at = len == 0 ? 0 : rnd.nextInt(len);
        switch (rnd.nextInt(6)) {
            case 0: {
                byte[] out = in.clone();
                if (len > 0) {
                    out[at] = (byte) rnd.nextInt(256);
                }
                return out;
            }
            case 1: {
                if (len == 0) {
                    return in;
                }
                int n = 1 + rnd.nextInt(Math.min(8, len - at));
                byte[] out = new byte[len - n];
                System.arraycopy(in, 0, out, 0, at);
                System.arraycopy(in, at + n, out, at, len - at - n);
                return out;
            }
            case 2:
            case 3:
                return insert(in, at, TOKENS[rnd.nextInt(TOKENS.length)].getBytes(StandardCharsets.UTF_8));
            case 4: {
                if (len == 0) {
                    return in;
                }
                int from = rnd.nextInt(len);
                int n = 1 + rnd.nextInt(Math.min(40, len - from));
                return insert(in, at, Arrays.copyOfRange(in, from, from + n));
            }
            default:
                return Arrays.copyOf(in, at);
        }
    }

    private static byte[] insert(byte[] in, int at, byte[] piece) {
        byte[] out = new byte[in.length + piece.length];
        System.arraycopy(in, 0, out, 0, at);
        System.arraycopy(piece, 0, out, at, piece.length);
        System.arraycopy(in, at, out, at + piece.length, in.length - at);
        return out;
    }
}
