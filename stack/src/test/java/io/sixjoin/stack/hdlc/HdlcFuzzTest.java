package io.sixjoin.stack.hdlc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.sixjoin.stack.hdlc.XonXoffFilter.FlowControl;

/**
 * Seeded fuzzing of {@link HdlcDecoder} and {@link XonXoffFilter}: random bytes, valid framed streams and
 * mutations of them, fed in random chunks. The decoder may only yield frames whose FCS verified, within the
 * bound, or typed corruption events; the filter only data and flow-control signals, never more data than it
 * was fed. Valid streams (framed, escaped, interleaved with raw XON/XOFF) must come back exactly. Case count
 * from {@code sixjoin.fuzz.cases} (default 100000); a failure names the seed, the case and the input.
 */
class HdlcFuzzTest {
    private static final long SEED = 0x4D1C_2026L;
    private static final int MAX_PAYLOAD = 64;

    @Test
    @Timeout(30)
    void decoderAndFilterOnlyYieldFramesOrTypedEvents() {
        int cases = Integer.getInteger("sixjoin.fuzz.cases", 100000);
        Random random = new Random(SEED);
        HdlcDecoder decoder = new HdlcDecoder(MAX_PAYLOAD);
        XonXoffFilter filter = new XonXoffFilter();
        int frames = 0;
        for (int i = 0; i < cases; i++) {
            byte[] input = switch (random.nextInt(4)) {
                case 0 -> randomBytes(random, random.nextInt(100));
                case 1 -> line(random, payloads(random, 1 + random.nextInt(3)));
                default -> mutate(random, line(random, payloads(random, 1 + random.nextInt(3))));
            };
            try {
                int[] fedToDecoder = {0};
                List<HdlcDecoder.Event> events = new ArrayList<>();
                for (byte[] chunk : chunks(random, input)) {
                    byte[] data = filter.feed(chunk, signal -> { });
                    assertTrue(data.length <= chunk.length, "filter output grew");
                    fedToDecoder[0] += data.length;
                    decoder.feed(data, 0, data.length, events::add);
                }
                for (HdlcDecoder.Event e : events) {
                    if (e instanceof HdlcDecoder.Frame f) {
                        frames++;
                        assertTrue(f.payload().length >= 1 && f.payload().length <= MAX_PAYLOAD, "bound");
                    } else if (e instanceof HdlcDecoder.Corruption c) {
                        assertTrue(c.droppedBytes() >= 1, "a corruption event drops something");
                    }
                }
                assertTrue(events.size() <= fedToDecoder[0], "more events than bytes");
            } catch (RuntimeException | Error e) {
                fail("seed " + SEED + " case " + i + " input " + HexFormat.of().formatHex(input), e);
            }
        }
        assertTrue(frames > cases / 4, "only " + frames + " frames in " + cases + " cases");
    }

    @Test
    @Timeout(30)
    void validStreamsRoundTripThroughEscaperFilterAndDecoder() {
        int cases = Integer.getInteger("sixjoin.fuzz.cases", 100000) / 4;
        Random random = new Random(SEED + 1);
        HdlcDecoder decoder = new HdlcDecoder(MAX_PAYLOAD);
        XonXoffFilter filter = new XonXoffFilter();
        for (int i = 0; i < cases; i++) {
            List<byte[]> payloads = payloads(random, 1 + random.nextInt(4));
            byte[] input = line(random, payloads);
            List<HdlcDecoder.Event> events = new ArrayList<>();
            for (byte[] chunk : chunks(random, input)) {
                byte[] data = filter.feed(chunk, signal -> { });
                decoder.feed(data, 0, data.length, events::add);
            }
            List<HdlcDecoder.Event> expected = new ArrayList<>();
            payloads.forEach(p -> expected.add(new HdlcDecoder.Frame(p)));
            assertEquals(expected, events, "seed " + SEED + " case " + i + " " + HexFormat.of().formatHex(input));
        }
    }

    static List<byte[]> payloads(Random random, int n) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            // bias towards the bytes that need escaping on either layer
            byte[] p = new byte[1 + random.nextInt(MAX_PAYLOAD)];
            for (int j = 0; j < p.length; j++) {
                p[j] = random.nextInt(3) == 0 ? (byte) (0x11 + random.nextInt(3))
                        : random.nextInt(3) == 0 ? (byte) (0x7D + random.nextInt(2)) : (byte) random.nextInt(256);
            }
            out.add(p);
        }
        return out;
    }

    /** What a mote sends: framed, XON/XOFF-escaped, raw flow-control bytes between escaped units. */
    static byte[] line(Random random, List<byte[]> payloads) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : payloads) {
            for (byte b : XonXoffEscaper.escape(HdlcEncoder.encode(p))) {
                if (random.nextInt(40) == 0) {
                    out.write(XonXoffEscaper.signal(random.nextBoolean() ? FlowControl.XON : FlowControl.XOFF));
                }
                out.write(b);
            }
        }
        return out.toByteArray();
    }

    static List<byte[]> chunks(Random random, byte[] input) {
        List<byte[]> out = new ArrayList<>();
        int i = 0;
        while (i < input.length) {
            int n = Math.min(input.length - i, 1 + random.nextInt(24));
            byte[] c = new byte[n];
            System.arraycopy(input, i, c, 0, n);
            out.add(c);
            i += n;
        }
        return out;
    }

    static byte[] mutate(Random random, byte[] input) {
        byte[] out = input.clone();
        int flips = 1 + random.nextInt(3);
        for (int k = 0; k < flips && out.length > 0; k++) {
            out[random.nextInt(out.length)] ^= (byte) (1 << random.nextInt(8));
        }
        return out;
    }

    static byte[] randomBytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
