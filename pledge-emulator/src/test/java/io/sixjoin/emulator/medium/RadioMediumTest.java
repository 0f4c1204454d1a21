package io.sixjoin.emulator.medium;

import io.sixjoin.emulator.kernel.EventKernel;
import io.sixjoin.emulator.kernel.EventKind;
import io.sixjoin.emulator.kernel.SeededRandom;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RadioMediumTest {

    private static final byte[] FRAME = {0x41, (byte) 0xd8, 0x01, (byte) 0xcd, (byte) 0xab};

    private static RadioMedium medium(LinkModel model, long seed) {
        return new RadioMedium(model, HoppingSequence.openWsn(), new SeededRandom(seed));
    }

    /** Motes at the given x positions on a line, 10 m unit disk. */
    private static RadioMedium line(double... xs) {
        RadioMedium m = medium(LinkModel.unitDisk(10), 1);
        for (double x : xs) {
            m.addMote(x, 0);
        }
        return m;
    }

    @Test
    void frameReachesListenersInRangeOnTheSameChannelOnly() {
        RadioMedium m = line(0, 5, 9.9, 10, 30);
        Recorder r = new Recorder();
        for (int i = 1; i < 5; i++) {
            m.listen(i, 0, 7);
        }
        m.transmit(0, 0, FRAME, 7);
        m.endSlot(7, r);
        assertEquals(List.of(1, 2), r.receivers(), "10 m is the exclusive edge; 30 m is far away");
        Recorder.Rx rx = r.received.get(0);
        assertEquals(0, rx.sender());
        assertEquals(HoppingSequence.openWsn().channel(7, 0), rx.channel());
        assertArrayEquals(FRAME, rx.frame());
        assertEquals(new MediumStats(1, 2, 0, 0, 1), m.stats());
    }

    @Test
    void receiversGetTheirOwnCopyOfTheFrame() {
        RadioMedium m = line(0, 1, 2);
        Recorder r = new Recorder();
        byte[] frame = FRAME.clone();
        m.listen(1, 0, 0);
        m.listen(2, 0, 0);
        m.transmit(0, 0, frame, 0);
        frame[0] = 0;
        m.endSlot(0, r);
        r.received.get(0).frame()[1] = 0;
        assertArrayEquals(FRAME, r.received.get(1).frame());
    }

    @Test
    void twoTransmittersInRangeCollideAtTheReceiver() {
        RadioMedium m = line(0, 5, 8);
        Recorder r = new Recorder();
        m.listen(1, 0, 3);
        m.transmit(0, 0, FRAME, 3);
        m.transmit(2, 0, FRAME, 3);
        m.endSlot(3, r);
        assertTrue(r.received.isEmpty());
        assertEquals(List.of(1), r.collided);
        assertEquals(1, m.stats().collisions());
    }

    @Test
    void hiddenTerminalsCollideAtTheMiddleMoteOnly() {
        // A(0) and C(16) cannot hear each other; B(8) hears both; D(-5) hears only A
        RadioMedium m = line(0, 8, 16, -5);
        Recorder r = new Recorder();
        m.listen(1, 2, 40);
        m.listen(3, 2, 40);
        m.transmit(0, 2, FRAME, 40);
        m.transmit(2, 2, new byte[]{1, 2, 3}, 40);
        m.endSlot(40, r);
        assertEquals(List.of(1), r.collided);
        assertEquals(List.of(3), r.receivers());
    }

    @Test
    void differentChannelOffsetsDoNotInterfere() {
        RadioMedium m = line(0, 5, 8, 3);
        Recorder r = new Recorder();
        m.listen(1, 0, 9);
        m.listen(3, 1, 9);
        m.transmit(0, 0, FRAME, 9);
        m.transmit(2, 1, new byte[]{7}, 9);
        m.endSlot(9, r);
        assertEquals(List.of(1, 3), r.receivers());
        assertEquals(0, r.received.get(0).sender());
        assertEquals(2, r.received.get(1).sender());
        assertNotEquals(r.received.get(0).channel(), r.received.get(1).channel());
        assertTrue(r.collided.isEmpty());
    }

    @Test
    void radiosAreHalfDuplexAndSendOneFramePerSlot() {
        RadioMedium m = line(0, 5);
        Recorder r = new Recorder();
        m.listen(0, 0, 1);
        m.listen(1, 0, 1);
        m.transmit(0, 0, FRAME, 1);
        m.transmit(1, 0, FRAME, 1);
        assertThrows(IllegalStateException.class, () -> m.transmit(1, 0, FRAME, 1));
        m.endSlot(1, r);
        assertTrue(r.received.isEmpty() && r.collided.isEmpty(), "both were talking, nobody listened");
    }

    @Test
    void airtimeIsBoundedByTheMaximumFrame() {
        assertEquals(4_256, RadioMedium.airtimeMicros(127));
        assertEquals(352, RadioMedium.airtimeMicros(5));
        RadioMedium m = line(0, 5);
        m.transmit(0, 0, new byte[127], 0);
        assertThrows(IllegalArgumentException.class, () -> m.transmit(1, 0, new byte[128], 0));
        assertThrows(IllegalArgumentException.class, () -> m.transmit(1, 0, new byte[0], 0));
        assertEquals(1, m.stats().framesSent());
    }

    @Test
    void prrStatisticsMatchTheModelWithinTolerance() {
        // receivers at 25 m and 35 m in a 20..40 m grey zone: PRR 0.75 and 0.25
        RadioMedium m = medium(LinkModel.greyZone(20, 40), 99);
        m.addMote(0, 0);
        m.addMote(25, 0);
        m.addMote(0, 35);
        int[] got = new int[3];
        int trials = 20_000;
        for (long asn = 0; asn < trials; asn++) {
            m.listen(1, 0, asn);
            m.listen(2, 0, asn);
            m.transmit(0, 0, FRAME, asn);
            m.endSlot(asn, (rcv, snd, ch, f, a) -> got[rcv]++);
        }
        // 5 standard deviations of a binomial(20000, 0.25) is about 0.015
        assertEquals(0.75, got[1] / (double) trials, 0.015);
        assertEquals(0.25, got[2] / (double) trials, 0.015);
        assertEquals(2L * trials, m.stats().deliveries() + m.stats().losses());
    }

    @Test
    void lossesAreReproducibleFromTheSeedAndIndependentOfOtherMotes() {
        assertEquals(lossPattern(5, 3), lossPattern(5, 3));
        assertNotEquals(lossPattern(5, 3), lossPattern(6, 3));
        assertEquals(lossPattern(5, 3), lossPattern(5, 40), "far-away extra motes change nothing");
    }

    private static String lossPattern(long seed, int motes) {
        RadioMedium m = medium(LinkModel.greyZone(10, 30), seed);
        m.addMote(0, 0);
        m.addMote(20, 0);
        for (int i = 2; i < motes; i++) {
            m.addMote(1_000 + 100 * i, 0);
        }
        StringBuilder b = new StringBuilder();
        for (long asn = 0; asn < 200; asn++) {
            m.listen(1, 0, asn);
            m.transmit(0, 0, FRAME, asn);
            int before = b.length();
            m.endSlot(asn, (rcv, snd, ch, f, a) -> b.append('1'));
            if (b.length() == before) {
                b.append('0');
            }
        }
        return b.toString();
    }

    @Test
    void pinnedLinksOverrideDistanceInBothDirections() {
        RadioMedium m = line(0, 5, 100);
        m.setLinkPrr(0, 2, 1.0);
        m.setLinkPrr(0, 1, 0.0);
        assertEquals(1.0, m.linkPrr(2, 0));
        Recorder r = new Recorder();
        m.listen(1, 0, 0);
        m.listen(2, 0, 0);
        m.transmit(0, 0, FRAME, 0);
        m.endSlot(0, r);
        assertEquals(List.of(2), r.receivers());

        // a silenced link does not interfere either; restoring it brings the collision back
        r.clear();
        m.listen(1, 0, 1);
        m.transmit(0, 0, FRAME, 1);
        m.transmit(2, 0, FRAME, 1);
        m.endSlot(1, r);
        assertTrue(r.collided.isEmpty());
        m.clearLinkPrr(0, 1);
        m.clearLinkPrr(0, 2);
        assertEquals(1.0, m.linkPrr(0, 1));
        assertEquals(0.0, m.linkPrr(0, 2));
        assertThrows(IllegalArgumentException.class, () -> m.setLinkPrr(0, 1, 1.5));
        assertThrows(IllegalArgumentException.class, () -> m.setLinkPrr(1, 1, 0.5));
        assertThrows(IndexOutOfBoundsException.class, () -> m.setLinkPrr(0, 3, 0.5));
    }

    @Test
    void slotsMustBeClosedInOrder() {
        RadioMedium m = line(0, 5);
        m.listen(1, 0, 4);
        assertThrows(IllegalStateException.class, () -> m.listen(1, 0, 5));
        assertThrows(IllegalStateException.class, () -> m.endSlot(3, new Recorder()));
        m.endSlot(4, new Recorder());
        m.endSlot(4, new Recorder());
        assertEquals(1, m.stats().slots());
    }

    @Test
    void attachedMediumClosesSlotsThroughTheKernelAndTracesOutcomes() {
        EventKind tick = EventKind.named("tx");
        String[] hashes = new String[2];
        for (int run = 0; run < 2; run++) {
            EventKernel k = new EventKernel();
            RadioMedium m = line(0, 5, 9);
            Recorder r = new Recorder();
            m.attach(k, r);
            k.scheduleAtAsn(3, 2_120, tick, 0, 0, e -> {
                m.listen(1, 0, 3);
                m.listen(2, 0, 3);
                m.transmit(0, 0, FRAME, 3);
            });
            k.runUntilAsn(4);
            assertEquals(List.of(1, 2), r.receivers());
            assertEquals(2 + 2, k.trace().count(), "tx, slot end and two receptions");
            hashes[run] = k.trace().hexHash();
        }
        assertEquals(hashes[0], hashes[1]);
    }
}
