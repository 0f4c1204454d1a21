package io.sixjoin.emulator.serial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sixjoin.emulator.serial.BorderRouterMote.Counter;
import io.sixjoin.stack.hdlc.HdlcDecoder;
import io.sixjoin.stack.hdlc.HdlcEncoder;
import io.sixjoin.stack.hdlc.XonXoffFilter;
import io.sixjoin.stack.openwsn.HostFrame;
import io.sixjoin.stack.openwsn.MoteFrame;
import io.sixjoin.stack.openwsn.MoteFrameCodec;
import java.io.ByteArrayOutputStream;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Seeded fuzzing of the host-to-mote direction: random bytes, damaged frames and intact frames of every type
 * and length, fed in random chunk sizes with the status timer running. The mote must never throw, every byte it
 * sends must parse cleanly on the host side, data must only reach the mesh while it is root, every intact frame
 * must be accounted for by exactly one counter, and afterwards it must still answer an echo.
 */
class BorderRouterMoteFuzzTest {
    private static final int[] TYPES = {'R', 'D', 'S', 'Q', 'C', 'B', 0x7E, 0x7D, 0x11, 0x13, 0};
    private static final int[] ACTIONS = {'Y', 'N', 'T', 'X'};

    private final ByteArrayOutputStream wire = new ByteArrayOutputStream();
    private final XonXoffFilter filter = new XonXoffFilter();
    private final HdlcDecoder hostDecoder = new HdlcDecoder();
    private BorderRouterMote mote;
    private long repliesSeen;

    @Test
    @Timeout(30)
    void survivesAnythingTheHostSends() throws Exception {
        int cases = Integer.getInteger("sixjoin.fuzz.cases", 100_000);
        SplittableRandom random = new SplittableRandom(0x5e71a1L);
        long[] now = {0};
        mote = BorderRouterMote.builder(0x141592cc00000001L).asn(() -> now[0] / 10_000).output(wire::writeBytes)
                .listener(new BorderRouterMote.Listener() {
                    @Override
                    public void dataDown(long nextHop, byte[] lowpan) {
                        assertTrue(mote.isRoot(), "data reaches the mesh only through a root");
                        assertTrue(lowpan.length <= HostFrame.DataDown.MAX_LOWPAN_LENGTH);
                    }
                }).build();
        for (int i = 0; i < cases; i++) {
            byte[] input = switch (random.nextInt(4)) {
                case 0 -> noise(random);
                case 1 -> damaged(random);
                default -> HdlcEncoder.encode(payload(random));
            };
            for (int off = 0; off < input.length; ) {
                int n = Math.min(input.length - off, 1 + random.nextInt(32));
                mote.onBytesFromHost(input, off, n);
                off += n;
            }
            now[0] += random.nextInt(30_000);
            mote.poll(now[0]);
            if (i % 1024 == 0) {
                drain();
            }
        }
        drain();
        long handled = mote.count(Counter.ECHOES) + mote.count(Counter.SET_ROOTS) + mote.count(Counter.RESETS)
                + mote.count(Counter.DATA_DOWN) + mote.count(Counter.DATA_DOWN_REFUSED)
                + mote.count(Counter.UNKNOWN_TYPE) + mote.count(Counter.REJECTED_LENGTH);
        assertEquals(mote.count(Counter.FRAMES_FROM_HOST), handled, "every intact frame has one outcome");
        assertTrue(handled >= cases / 3, handled + " intact frames of " + cases + " cases");
        assertTrue(mote.count(Counter.BAD_FRAMES) > 0 && mote.count(Counter.DATA_DOWN) > 0
                && mote.count(Counter.DATA_DOWN_REFUSED) > 0 && mote.count(Counter.REJECTED_LENGTH) > 0,
                "the generator reaches every path");
        assertEquals(mote.count(Counter.ECHOES), repliesSeen, "one reply per echo");

        byte[] probe = HdlcEncoder.encode(new byte[] {'S', 1, 2, 3});
        mote.onBytesFromHost(new byte[] {0x7E}, 0, 1);
        mote.onBytesFromHost(probe, 0, probe.length);
        long before = repliesSeen;
        drain();
        assertEquals(before + 1, repliesSeen, "still answers after the storm");
    }

    /** Parses everything the mote sent since the last call, demanding clean frames. */
    private void drain() throws Exception {
        byte[] sent = wire.toByteArray();
        wire.reset();
        byte[] hdlc = filter.feed(sent, signal -> {
            throw new AssertionError("raw flow-control byte in the output");
        });
        for (HdlcDecoder.Event e : hostDecoder.feed(hdlc)) {
            MoteFrame f = MoteFrameCodec.parse(assertInstanceOf(HdlcDecoder.Frame.class, e).payload());
            if (f.type() == MoteFrame.DATA) {
                repliesSeen++;
            } else {
                assertInstanceOf(MoteFrame.Status.class, f);
            }
        }
        assertFalse(filter.escapePending(), "frames end on a whole byte");
    }

    private static byte[] noise(SplittableRandom r) {
        byte[] b = new byte[r.nextInt(48)];
        r.nextBytes(b);
        if (b.length > 0 && r.nextBoolean()) {
            b[r.nextInt(b.length)] = 0x7E;
        }
        return b;
    }

    private static byte[] damaged(SplittableRandom r) {
        byte[] b = HdlcEncoder.encode(payload(r));
        int cuts = 1 + r.nextInt(3);
        for (int i = 0; i < cuts; i++) {
            b[r.nextInt(b.length)] ^= (byte) (1 + r.nextInt(255));
        }
        return r.nextInt(4) == 0 ? java.util.Arrays.copyOf(b, r.nextInt(b.length + 1)) : b;
    }

    /** A frame body with a plausible type and a length around the firmware's limits. */
    private static byte[] payload(SplittableRandom r) {
        int type = TYPES[r.nextInt(TYPES.length)];
        int length = switch (type) {
            case 'R' -> r.nextInt(4) == 0 ? r.nextInt(40) : 27;
            case 'D' -> r.nextInt(140);
            case 'Q' -> r.nextInt(4) == 0 ? 2 : 1;
            default -> 1 + r.nextInt(40);
        };
        byte[] p = new byte[Math.max(1, length)];
        r.nextBytes(p);
        p[0] = (byte) type;
        if (type == 'R' && p.length > 1) {
            p[1] = (byte) ACTIONS[r.nextInt(ACTIONS.length)];
        }
        return p;
    }
}
