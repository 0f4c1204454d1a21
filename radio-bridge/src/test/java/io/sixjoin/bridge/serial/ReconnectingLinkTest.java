package io.sixjoin.bridge.serial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedList;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReconnectingLinkTest {
    /** Virtual time: sleeping only moves the clock. */
    private long nowMillis;
    private final List<Long> attemptsAt = new ArrayList<>();
    private final List<String> events = new ArrayList<>();
    /** What the next open() calls do: a link, or null for "device absent". */
    private final LinkedList<MemoryLink> script = new LinkedList<>();

    private final LinkOpener opener = new LinkOpener() {
        @Override
        public SerialLink open() throws LinkFailedException {
            attemptsAt.add(nowMillis);
            MemoryLink next = script.isEmpty() ? null : script.poll();
            if (next == null) {
                throw new LinkFailedException("mote: no such device");
            }
            return next;
        }

        @Override
        public String describe() {
            return "mote";
        }
    };

    private ReconnectingLink link() {
        return new ReconnectingLink(opener, () -> nowMillis * 1_000_000L, ms -> nowMillis += ms,
                new ReconnectingLink.Listener() {
                    @Override
                    public void linkUp(int generation) {
                        events.add("up" + generation);
                    }

                    @Override
                    public void linkDown(String reason) {
                        events.add("down");
                    }
                });
    }

    @Test
    void opensLazilyAndPassesBytesBothWays() throws Exception {
        MemoryLink m = new MemoryLink("m1");
        script.add(m);
        ReconnectingLink r = link();
        m.offer(new byte[] {1, 2, 3});
        byte[] buf = new byte[8];
        assertEquals(3, r.read(buf, 0, 8, 10));
        assertArrayEquals(new byte[] {1, 2, 3}, java.util.Arrays.copyOf(buf, 3));
        r.write(new byte[] {9});
        assertArrayEquals(new byte[] {9}, m.written.poll());
        assertEquals(List.of("up1"), events);
        assertEquals(1, r.generation());
    }

    @Test
    void backoffDoublesFromHalfASecondToTenSecondsWhileTheDeviceIsAbsent() throws Exception {
        ReconnectingLink r = link();
        byte[] buf = new byte[8];
        while (nowMillis < 40_000) {
            assertEquals(0, r.read(buf, 0, 8, 100));
        }
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < attemptsAt.size(); i++) {
            gaps.add(attemptsAt.get(i) - attemptsAt.get(i - 1));
        }
        assertEquals(List.of(500L, 1000L, 2000L, 4000L, 8000L, 10_000L, 10_000L), gaps.subList(0, 7));
        assertFalse(r.isUp());
    }

    @Test
    void aLostLinkIsClosedReportedAndReopened() throws Exception {
        MemoryLink first = new MemoryLink("m1");
        MemoryLink second = new MemoryLink("m2");
        script.add(first);
        script.add(null);
        script.add(second);
        ReconnectingLink r = link();
        byte[] buf = new byte[8];
        assertEquals(0, r.read(buf, 0, 8, 1));
        first.fail();
        assertThrows(LinkFailedException.class, () -> r.write(new byte[] {1}));
        assertTrue(first.isClosed());
        assertThrows(LinkFailedException.class, () -> r.write(new byte[] {2}), "writes fail while down");
        for (int i = 0; i < 100 && !r.isUp(); i++) {
            r.read(buf, 0, 8, 100);
        }
        assertTrue(r.isUp());
        assertEquals(List.of("up1", "down", "up2"), events);
        second.offer(new byte[] {7});
        assertEquals(1, r.read(buf, 0, 8, 10));
        // the reopen came 0.5 s after the loss, then 1 s after the failed attempt
        assertEquals(List.of(0L, 500L, 1500L), attemptsAt);
    }

    @Test
    void closeEndsEverything() {
        script.add(new MemoryLink("m1"));
        ReconnectingLink r = link();
        r.close();
        assertThrows(LinkFailedException.class, () -> r.read(new byte[1], 0, 1, 1));
        assertThrows(LinkFailedException.class, () -> r.write(new byte[1]));
    }
}
