package io.sixjoin.bridge.serial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** jSerialComm over a real socat pty pair: bytes both ways, a vanished port, and its return. */
@Timeout(60)
class PtyLinkTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void needSocat() {
        assumeTrue(SocatPty.available(), "socat not installed: skipping pty tests (CI installs it)");
    }

    static byte[] readExactly(SerialLink link, int n) throws Exception {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buf = new byte[256];
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (got.size() < n && System.nanoTime() < deadline) {
            int r = link.read(buf, 0, Math.min(buf.length, n - got.size()), 100);
            got.write(buf, 0, r);
        }
        return got.toByteArray();
    }

    @Test
    void bytesCrossThePtyBothWaysThroughASymlink() throws Exception {
        try (SocatPty pty = new SocatPty(dir).start();
                JSerialCommLink bridge = JSerialCommLink.open(pty.a.toString(), 115200);
                JSerialCommLink mote = JSerialCommLink.open(pty.b.toString(), 115200)) {
            byte[] all = new byte[256];
            for (int i = 0; i < all.length; i++) {
                all[i] = (byte) i;
            }
            mote.write(all);
            assertArrayEquals(all, readExactly(bridge, all.length), "every byte value, XON/XOFF included");
            bridge.write(new byte[] {0x7E, 0x11, 0x13, 0x7E});
            assertArrayEquals(new byte[] {0x7E, 0x11, 0x13, 0x7E}, readExactly(mote, 4));
            assertEquals(0, bridge.read(new byte[4], 0, 4, 50), "a quiet line times out with 0");
        }
    }

    @Test
    void aVanishedPtyFailsTheLinkAndAReconnectingLinkComesBack() throws Exception {
        SocatPty pty = new SocatPty(dir).start();
        AtomicInteger ups = new AtomicInteger();
        AtomicInteger downs = new AtomicInteger();
        try (ReconnectingLink bridge = ReconnectingLink.onWallClock(
                SerialLinks.opener(pty.a.toString(), 115200), new ReconnectingLink.Listener() {
                    @Override
                    public void linkUp(int generation) {
                        ups.incrementAndGet();
                    }

                    @Override
                    public void linkDown(String reason) {
                        downs.incrementAndGet();
                    }
                })) {
            JSerialCommLink mote = JSerialCommLink.open(pty.b.toString(), 115200);
            mote.write(new byte[] {1, 2});
            assertArrayEquals(new byte[] {1, 2}, readExactly(bridge, 2));
            mote.close();
            pty.stop();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (bridge.isUp() && System.nanoTime() < deadline) {
                bridge.read(new byte[16], 0, 16, 100);
            }
            assertEquals(1, downs.get(), "the loss was noticed");
            pty.start();
            deadline = System.nanoTime() + 10_000_000_000L;
            while (!bridge.isUp() && System.nanoTime() < deadline) {
                bridge.read(new byte[16], 0, 16, 100);
            }
            assertTrue(bridge.isUp(), "reopened after socat came back");
            assertEquals(2, ups.get());
            try (JSerialCommLink mote2 = JSerialCommLink.open(pty.b.toString(), 115200)) {
                mote2.write(new byte[] {3, 4, 5});
                assertArrayEquals(new byte[] {3, 4, 5}, readExactly(bridge, 3));
            }
        } finally {
            pty.stop();
        }
    }

    @Test
    void aMissingPtyIsReportedNotThrownAsABug() {
        assertThrows(LinkFailedException.class, () -> JSerialCommLink.open(dir.resolve("nope").toString(), 115200));
    }
}
