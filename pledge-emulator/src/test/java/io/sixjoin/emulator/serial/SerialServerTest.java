package io.sixjoin.emulator.serial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sixjoin.stack.hdlc.HdlcDecoder;
import io.sixjoin.stack.hdlc.HdlcEncoder;
import io.sixjoin.stack.hdlc.XonXoffFilter;
import io.sixjoin.stack.openwsn.HostFrame;
import io.sixjoin.stack.openwsn.HostFrameCodec;
import io.sixjoin.stack.openwsn.MoteFrame;
import io.sixjoin.stack.openwsn.MoteFrameCodec;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The TCP server around an emulated DAGroot, on loopback and the wall clock: a client gets echo replies and
 * status frames, clients are served one at a time and re-accepted after a disconnect, a client spraying garbage
 * and vanishing leaves the server serving, and work handed in with {@code execute} reaches the line.
 */
@Timeout(30)
class SerialServerTest {
    static final long EUI = 0x141592cc00000001L;

    /** A host end that reads frames the way the bridge does. */
    static final class Client implements AutoCloseable {
        final Socket socket;
        final InputStream in;
        final XonXoffFilter filter = new XonXoffFilter();
        final HdlcDecoder decoder = new HdlcDecoder();
        final List<MoteFrame> frames = new ArrayList<>();

        Client(InetSocketAddress address) throws IOException {
            socket = new Socket(address.getAddress(), address.getPort());
            socket.setSoTimeout(50);
            in = socket.getInputStream();
        }

        void send(HostFrame frame) throws IOException {
            socket.getOutputStream().write(HdlcEncoder.encode(HostFrameCodec.encode(frame)));
        }

        /** Reads until a frame matches, for at most {@code millis}; null if none did. */
        MoteFrame await(Predicate<MoteFrame> wanted, long millis) throws Exception {
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
            byte[] buf = new byte[1024];
            while (System.nanoTime() < end) {
                for (MoteFrame f : frames) {
                    if (wanted.test(f)) {
                        frames.remove(f);
                        return f;
                    }
                }
                int n;
                try {
                    n = in.read(buf);
                } catch (SocketTimeoutException e) {
                    continue;
                }
                if (n < 0) {
                    return null;
                }
                byte[] hdlc = filter.feed(java.util.Arrays.copyOf(buf, n), s -> { });
                for (HdlcDecoder.Event e : decoder.feed(hdlc)) {
                    frames.add(MoteFrameCodec.parse(((HdlcDecoder.Frame) e).payload()));
                }
            }
            return null;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private static SerialServer serve(BorderRouterMote.Listener listener, BorderRouterMote[] out) throws IOException {
        LongSupplier clock = SerialServer.wallClockMicros();
        BorderRouterMote mote = BorderRouterMote.builder(EUI).asn(() -> clock.getAsLong() / 10_000)
                .listener(listener).build();
        out[0] = mote;
        return SerialServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), mote, clock);
    }

    @Test
    void servesEchoStatusAndDataToOneClientAtATime() throws Exception {
        BorderRouterMote[] mote = new BorderRouterMote[1];
        CountDownLatch rooted = new CountDownLatch(1);
        try (SerialServer server = serve(new BorderRouterMote.Listener() {
            @Override
            public void rootCommand(RootCommand command) {
                rooted.countDown();
            }
        }, mote)) {
            try (Client first = new Client(server.address())) {
                first.send(new HostFrame.Echo(new byte[] {1, 2, 3}));
                MoteFrame echo = first.await(f -> f instanceof MoteFrame.EchoReply, 2000);
                assertArrayEquals(new byte[] {1, 2, 3}, ((MoteFrame.EchoReply) echo).echoed());
                long start = System.nanoTime();
                assertTrue(first.await(f -> f instanceof MoteFrame.Status s && s.elementId() == 1, 3000) != null,
                        "IdManager within a round of 13 elements");
                assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(3));

                try (Client second = new Client(server.address())) {
                    second.send(new HostFrame.Echo(new byte[] {9}));
                    assertEquals(null, second.await(f -> f instanceof MoteFrame.EchoReply, 400),
                            "the line is busy: the second client waits");
                    first.close();
                    assertTrue(second.await(f -> f instanceof MoteFrame.Status, 2000) != null,
                            "taken on once the first left");
                    second.send(new HostFrame.SetRoot('Y', 0xbbbb000000000000L, 1, new byte[16]));
                    assertTrue(rooted.await(2, TimeUnit.SECONDS));
                    server.execute(() -> mote[0].dataUp(0x141592cc00000002L, new byte[] {(byte) 0xf1}));
                    MoteFrame data = second.await(f -> f instanceof MoteFrame.Data, 2000);
                    assertEquals(0x141592cc00000002L, ((MoteFrame.Data) data).previousHop());
                }
            }
            assertEquals(2, server.clientsAccepted());
        }
    }

    @Test
    void garbageAndAbruptDisconnectsDoNotStopTheServer() throws Exception {
        BorderRouterMote[] mote = new BorderRouterMote[1];
        try (SerialServer server = serve(BorderRouterMote.Listener.NONE, mote)) {
            Random random = new Random(7);
            for (int i = 0; i < 5; i++) {
                try (Socket s = new Socket(server.address().getAddress(), server.address().getPort())) {
                    byte[] junk = new byte[1 + random.nextInt(20_000)];
                    random.nextBytes(junk);
                    s.getOutputStream().write(junk);
                    s.setSoLinger(true, 0); // a reset rather than an orderly close
                }
            }
            try (Client good = new Client(server.address())) {
                good.send(new HostFrame.Echo(new byte[] {4, 2}));
                MoteFrame echo = good.await(f -> f instanceof MoteFrame.EchoReply, 3000);
                assertArrayEquals(new byte[] {4, 2}, ((MoteFrame.EchoReply) echo).echoed());
                assertTrue(server.isClientConnected());
            }
        }
        // Read once the server thread has stopped: the mote belongs to that thread while it runs.
        assertTrue(mote[0].count(BorderRouterMote.Counter.BAD_FRAMES) > 0);
        assertFalse(mote[0].isRoot());
    }
}
