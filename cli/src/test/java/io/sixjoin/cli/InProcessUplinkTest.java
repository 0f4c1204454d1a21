package io.sixjoin.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sixjoin.jrc.tunnel.InMemoryTunnelTransport;
import io.sixjoin.jrc.tunnel.TunnelConfig;
import io.sixjoin.jrc.tunnel.TunnelConnector;
import io.sixjoin.stack.ipv6.UdpDatagram;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.californium.elements.RawData;
import org.eclipse.californium.elements.UdpEndpointContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The adapter alone, against a tunnel connector with no CoAP stack: packets reach the connector as coming from
 * this bridge's id, answers come down to this uplink's handler, and refusals surface as the {@code IOException}
 * the bridge counts.
 */
@Timeout(30)
class InProcessUplinkTest {
    private static final Inet6Address MOTE = v6("bbbb::2:2");
    private static final Inet6Address JRC = v6("bbbb::1");

    private final InMemoryTunnelTransport transport = new InMemoryTunnelTransport(4);
    private final TunnelConnector connector = new TunnelConnector(
            TunnelConfig.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)), transport);
    private final BlockingQueue<RawData> atJrc = new LinkedBlockingQueue<>();

    @AfterEach
    void stop() {
        connector.destroy();
    }

    private static Inet6Address v6(String literal) {
        try {
            return (Inet6Address) InetAddress.getByName(literal);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void packetsGoUpAndAnswersComeDownToTheRightBridge() throws Exception {
        connector.setRawDataReceiver(atJrc::add);
        connector.start();
        BlockingQueue<byte[]> downA = new LinkedBlockingQueue<>();
        BlockingQueue<byte[]> downB = new LinkedBlockingQueue<>();
        try (InProcessUplink a = new InProcessUplink(transport, "a");
                InProcessUplink b = new InProcessUplink(transport, "b")) {
            a.start(downA::add);
            b.start(downB::add);
            assertEquals("in-process JRC as bridge 'a'", a.describe());
            a.send(new UdpDatagram(5683, 5683, new byte[] {0x50, 0x01, 0, 1}).toIpv6(MOTE, JRC, 64).encode());
            RawData up = atJrc.poll(5, TimeUnit.SECONDS);
            assertNotNull(up);
            assertEquals(new InetSocketAddress(MOTE, 5683), up.getInetSocketAddress());

            connector.send(RawData.outbound(new byte[] {0x60, 0x45, 0, 1}, new UdpEndpointContext(
                    new InetSocketAddress(MOTE, 5683)), null, false));
            byte[] down = downA.poll(5, TimeUnit.SECONDS);
            assertNotNull(down, "the answer reached bridge a");
            assertArrayEquals(new byte[] {0x60, 0x45, 0, 1}, UdpDatagram.parse(
                    io.sixjoin.stack.ipv6.Ipv6Packet.parse(down)).payload());
            assertTrue(downB.isEmpty(), "and only bridge a");
            assertEquals(1, a.sent());
            assertEquals(1, a.received());
            assertEquals(0, b.received());
        }
    }

    @Test
    void refusalsAreIoExceptionsAndIdsAreReusableAfterClose() throws Exception {
        InProcessUplink uplink = new InProcessUplink(transport, "a");
        uplink.start(p -> { });
        assertThrows(IllegalStateException.class, () -> uplink.start(p -> { }), "started once");
        IOException notRunning = assertThrows(IOException.class, () -> uplink.send(new byte[40]));
        assertTrue(notRunning.getMessage().contains("bridge 'a'"), notRunning.getMessage());
        assertEquals(1, uplink.refused());

        InProcessUplink twin = new InProcessUplink(transport, "a");
        assertThrows(IllegalStateException.class, () -> twin.start(p -> { }), "one id, one bridge");
        uplink.close();
        uplink.close();
        assertThrows(IllegalStateException.class, () -> uplink.start(p -> { }), "closed for good");
        twin.start(p -> { });
        twin.close();
    }
}
