package io.sixjoin.stack.hdlc;

import static io.sixjoin.stack.hdlc.HdlcVectorsTest.ECHO_FRAME;
import static io.sixjoin.stack.hdlc.HdlcVectorsTest.ECHO_PAYLOAD;
import static io.sixjoin.stack.hdlc.HdlcVectorsTest.HEX;
import static io.sixjoin.stack.hdlc.HdlcVectorsTest.SETROOT_FRAME;
import static io.sixjoin.stack.hdlc.HdlcVectorsTest.SETROOT_PAYLOAD;
import static io.sixjoin.stack.hdlc.HdlcVectorsTest.STUFFED_FRAME;
import static io.sixjoin.stack.hdlc.HdlcVectorsTest.STUFFED_PAYLOAD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.sixjoin.stack.hdlc.HdlcDecoder.Corruption;
import io.sixjoin.stack.hdlc.HdlcDecoder.Event;
import io.sixjoin.stack.hdlc.HdlcDecoder.Frame;
import io.sixjoin.stack.hdlc.HdlcDecoder.Reason;

/** {@link HdlcDecoder} fed the way a serial port delivers bytes: in arbitrary pieces, with noise. */
class HdlcDecoderStreamingTest {
    private static final Frame ECHO = new Frame(HEX.parseHex(ECHO_PAYLOAD));
    private static final Frame SETROOT = new Frame(HEX.parseHex(SETROOT_PAYLOAD));
    private static final Frame STUFFED = new Frame(HEX.parseHex(STUFFED_PAYLOAD));

    @Test
    void aFrameSplitAtEveryByteBoundaryComesOutOnce() {
        String[] vectors = {ECHO_FRAME, SETROOT_FRAME, STUFFED_FRAME};
        Frame[] expected = {ECHO, SETROOT, STUFFED};
        for (int v = 0; v < vectors.length; v++) {
            String vector = vectors[v];
            byte[] wire = HEX.parseHex(vector);
            for (int cut = 0; cut <= wire.length; cut++) {
                for (int cut2 = cut; cut2 <= wire.length; cut2++) {
                    HdlcDecoder decoder = new HdlcDecoder();
                    List<Event> events = new ArrayList<>();
                    decoder.feed(wire, 0, cut, events::add);
                    decoder.feed(wire, cut, cut2 - cut, events::add);
                    decoder.feed(wire, cut2, wire.length - cut2, events::add);
                    assertEquals(List.of(expected[v]), events, vector + " cut at " + cut + "," + cut2);
                }
            }
        }
    }

    @Test
    void byteAtATime() {
        HdlcDecoder decoder = new HdlcDecoder();
        List<Event> events = new ArrayList<>();
        for (byte b : HEX.parseHex(STUFFED_FRAME + SETROOT_FRAME)) {
            decoder.feed(new byte[] {b}, 0, 1, events::add);
        }
        assertEquals(List.of(STUFFED, SETROOT), events);
    }

    @Test
    void severalFramesInOneChunkWithSharedAndBackToBackFlags() {
        // OpenWSN closes one frame and opens the next with separate flags; a shared flag must work too.
        String shared = ECHO_FRAME + SETROOT_FRAME.substring(2);
        assertEquals(List.of(ECHO, SETROOT), new HdlcDecoder().feed(HEX.parseHex(shared)));
        String idle = "7e7e7e" + ECHO_FRAME + "7e7e" + STUFFED_FRAME + "7e";
        assertEquals(List.of(ECHO, STUFFED), new HdlcDecoder().feed(HEX.parseHex(idle)));
    }

    @Test
    void lineNoiseBetweenFramesIsReportedAndSkipped() {
        String wire = "0102" + ECHO_FRAME + "99" + "7e" + "deadbeef" + ECHO_FRAME + STUFFED_FRAME;
        List<Event> events = new HdlcDecoder().feed(HEX.parseHex(wire));
        assertEquals(List.of(new Corruption(Reason.UNSYNCHRONISED, 2), ECHO, new Corruption(Reason.TOO_SHORT, 1),
                new Corruption(Reason.BAD_FCS, 4), ECHO, STUFFED), events);
    }

    @Test
    void aFlippedBitIsReportedAndTheNextGoodFrameStillComesOut() {
        byte[] wire = HEX.parseHex(ECHO_FRAME + SETROOT_FRAME);
        for (int i = 1; i < HEX.parseHex(ECHO_FRAME).length - 1; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] damaged = wire.clone();
                damaged[i] ^= (byte) (1 << bit);
                List<Event> events = new HdlcDecoder().feed(damaged);
                assertEquals(SETROOT, events.get(events.size() - 1), "byte " + i + " bit " + bit);
                assertEquals(false, events.contains(ECHO), "byte " + i + " bit " + bit);
                assertEquals(true, events.stream().anyMatch(e -> e instanceof Corruption), "byte " + i + " bit " + bit);
            }
        }
    }

    @Test
    void escapeBeforeFlagStartsTheNextFrame() {
        String wire = "7e" + "5301" + "7d" + ECHO_FRAME;
        assertEquals(List.of(new Corruption(Reason.ESCAPE_BEFORE_FLAG, 3), ECHO),
                new HdlcDecoder().feed(HEX.parseHex(wire)));
    }

    @Test
    void overLongFrameIsCutOffWithBoundedMemoryAndTheLineRecovers() {
        HdlcDecoder decoder = new HdlcDecoder(16);
        byte[] body = new byte[5000];
        Arrays.fill(body, (byte) 0x41);
        List<Event> events = new ArrayList<>();
        decoder.feed(HEX.parseHex("7e"), 0, 1, events::add);
        decoder.feed(body, 0, body.length, events::add);
        decoder.feed(HEX.parseHex(ECHO_FRAME), 0, HEX.parseHex(ECHO_FRAME).length, events::add);
        assertEquals(List.of(new Corruption(Reason.TOO_LONG, 19), ECHO), events);

        // exactly the bound is still accepted
        byte[] max = new byte[16];
        Arrays.fill(max, (byte) 0x42);
        assertEquals(List.of(new Frame(max)), new HdlcDecoder(16).feed(HdlcEncoder.encode(max)));
        byte[] over = Arrays.copyOf(max, 17);
        assertEquals(List.of(new Corruption(Reason.TOO_LONG, 19)), new HdlcDecoder(16).feed(HdlcEncoder.encode(over)));
    }

    @Test
    void resetDropsAPartialFrame() {
        HdlcDecoder decoder = new HdlcDecoder();
        assertEquals(List.of(), decoder.feed(HEX.parseHex("7e5301")));
        decoder.reset();
        assertEquals(List.of(ECHO), decoder.feed(HEX.parseHex("0203f257" + ECHO_FRAME)).subList(1, 2));
    }

    @Test
    void rejectsSillyBounds() {
        assertThrows(IllegalArgumentException.class, () -> new HdlcDecoder(0));
        assertThrows(IndexOutOfBoundsException.class, () -> new HdlcDecoder().feed(new byte[2], 1, 2, e -> { }));
    }
}
