package io.sixjoin.bridge.serial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The TCP serial path, with a ServerSocket as the mote (as IoT-LAB's port 20000 behaves). */
@Timeout(30)
class TcpSerialLinkTest {
    @Test
    void bytesBothWaysThenPeerCloseFailsTheLink() throws Exception {
        try (ServerSocket server = new ServerSocket(0)) {
            SerialLink link = SerialLinks.opener("tcp://127.0.0.1:" + server.getLocalPort(), 115200).open();
            try (Socket mote = server.accept()) {
                OutputStream toBridge = mote.getOutputStream();
                InputStream fromBridge = mote.getInputStream();
                toBridge.write(new byte[] {0x7E, 0x53, 0x7E});
                assertArrayEquals(new byte[] {0x7E, 0x53, 0x7E}, PtyLinkTest.readExactly(link, 3));
                link.write(new byte[] {1, 2, 3});
                assertArrayEquals(new byte[] {1, 2, 3}, fromBridge.readNBytes(3));
                assertEquals(0, link.read(new byte[4], 0, 4, 30), "quiet line: timeout, not failure");
            }
            assertThrows(LinkFailedException.class, () -> link.read(new byte[4], 0, 4, 1000));
            link.close();
        }
    }

    @Test
    void reconnectsWhenTheNodeAcceptsAgain() throws Exception {
        try (ServerSocket server = new ServerSocket(0)) {
            ReconnectingLink link = ReconnectingLink.onWallClock(
                    SerialLinks.opener("tcp://127.0.0.1:" + server.getLocalPort(), 115200), null);
            link.read(new byte[1], 0, 1, 10);
            server.accept().close();
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (link.isUp() && System.nanoTime() < deadline) {
                link.read(new byte[4], 0, 4, 50);
            }
            Thread reader = new Thread(() -> {
                long end = System.nanoTime() + 5_000_000_000L;
                while (link.generation() < 2 && System.nanoTime() < end) {
                    try {
                        link.read(new byte[4], 0, 4, 50);
                    } catch (Exception e) {
                        return;
                    }
                }
            });
            reader.start();
            try (Socket again = server.accept()) {
                reader.join(5000);
                assertTrue(link.isUp());
                assertEquals(2, link.generation());
                again.getOutputStream().write(9);
                assertArrayEquals(new byte[] {9}, PtyLinkTest.readExactly(link, 1));
            }
            link.close();
        }
    }
}
