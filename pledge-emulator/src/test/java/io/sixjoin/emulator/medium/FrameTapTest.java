package io.sixjoin.emulator.medium;

import io.sixjoin.emulator.kernel.SeededRandom;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The medium's tap: every transmission once, heard or not, with its slot, sender and physical channel. */
class FrameTapTest {

    private record Seen(long asn, int sender, int channel, byte[] frame) {
    }

    private static RadioMedium line(double... xs) {
        RadioMedium m = new RadioMedium(LinkModel.unitDisk(10), HoppingSequence.openWsn(), new SeededRandom(1));
        for (double x : xs) {
            m.addMote(x, 0);
        }
        return m;
    }

    @Test
    void everyTransmissionIsReportedOnceCollidedUnheardOrDelivered() {
        RadioMedium m = line(0, 5, 10, 100);
        List<Seen> seen = new ArrayList<>();
        m.setTap((asn, sender, channel, frame) -> seen.add(new Seen(asn, sender, channel, frame.clone())));
        Recorder r = new Recorder();
        // slot 4: motes 0 and 2 collide at mote 1; mote 3, far away, is heard by nobody
        m.listen(1, 0, 4);
        m.transmit(0, 0, new byte[] {1}, 4);
        m.transmit(2, 0, new byte[] {2}, 4);
        m.transmit(3, 5, new byte[] {3, 3}, 4);
        m.endSlot(4, r);
        // slot 5: a clean delivery
        m.listen(1, 0, 5);
        m.transmit(0, 0, new byte[] {4}, 5);
        m.endSlot(5, r);
        assertEquals(List.of(1), r.collided);
        assertEquals(List.of(1), r.receivers());
        assertEquals(4, seen.size());
        assertEquals(m.stats().framesSent(), seen.size());
        int[] senders = seen.stream().mapToInt(Seen::sender).toArray();
        assertArrayEquals(new int[] {0, 2, 3, 0}, senders, "in transmission order");
        assertEquals(m.channelOf(4, 5), seen.get(2).channel(), "the physical channel, not the offset");
        assertEquals(m.channelOf(5, 0), seen.get(3).channel());
        assertEquals(4, seen.get(2).asn());
        assertEquals(5, seen.get(3).asn());
        assertArrayEquals(new byte[] {3, 3}, seen.get(2).frame());
    }

    @Test
    void refusedTransmissionsAreNotReportedAndNullRemovesTheTap() {
        RadioMedium m = line(0, 5);
        List<Seen> seen = new ArrayList<>();
        m.setTap((asn, sender, channel, frame) -> seen.add(new Seen(asn, sender, channel, frame)));
        assertThrows(IllegalArgumentException.class, () -> m.transmit(0, 0, new byte[128], 0));
        m.transmit(0, 0, new byte[] {1}, 0);
        assertThrows(IllegalStateException.class, () -> m.transmit(0, 0, new byte[] {1}, 0));
        assertEquals(1, seen.size());
        byte[] sent = {7};
        m.transmit(1, 0, sent, 0);
        sent[0] = 0;
        assertArrayEquals(new byte[] {7}, seen.get(1).frame(), "the tap sees the medium's copy");
        m.endSlot(0, new Recorder());
        m.setTap(null);
        m.transmit(0, 0, new byte[] {1}, 1);
        assertEquals(2, seen.size());
    }
}
