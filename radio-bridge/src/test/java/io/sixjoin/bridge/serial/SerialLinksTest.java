package io.sixjoin.bridge.serial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SerialLinksTest {
    @Test
    void describesWhatItParsed() {
        assertEquals("/dev/ttyUSB0 @ 115200", SerialLinks.opener("/dev/ttyUSB0", 115200).describe());
        assertEquals("tcp://localhost:20000", SerialLinks.opener("tcp://localhost:20000", 115200).describe());
        assertEquals("tcp://[::1]:20000", SerialLinks.opener("tcp://[::1]:20000", 500000).describe());
    }

    @Test
    void badSpecsNameTheInputAndTheExpectedForm() {
        for (String bad : List.of("", "tcp://host", "tcp://host:x", "tcp://host:70000", "tcp://::1:20000",
                "tcp://:20000", "udp://host:1")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> SerialLinks.opener(bad, 115200), bad);
            assertTrue(e.getMessage().startsWith("--serial"), e.getMessage());
            assertTrue(e.getMessage().contains("tcp://"), e.getMessage());
        }
        IllegalArgumentException baud = assertThrows(IllegalArgumentException.class,
                () -> SerialLinks.opener("/dev/ttyUSB0", 0));
        assertTrue(baud.getMessage().contains("--baud 0"));
    }

    @Test
    void aMissingDeviceIsAClearLinkFailure() {
        LinkFailedException e = assertThrows(LinkFailedException.class,
                () -> SerialLinks.opener("/dev/does-not-exist-sixjoin", 115200).open());
        assertTrue(e.getMessage().contains("/dev/does-not-exist-sixjoin: no such device"), e.getMessage());
        assertTrue(e.getMessage().contains("--list-ports"), e.getMessage());
    }

    @Test
    void anUnreachableTcpLineIsALinkFailure() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        int p = port;
        LinkFailedException e = assertThrows(LinkFailedException.class,
                () -> SerialLinks.opener("tcp://127.0.0.1:" + p, 115200).open());
        assertTrue(e.getMessage().contains("cannot connect"), e.getMessage());
    }

    @Test
    void portListingMentionsPtys() {
        PortLister lister = new PortLister(() -> List.of(
                new PortLister.PortInfo("/dev/ttyUSB0", "CP2104 USB to UART", "OpenMote-B"),
                new PortLister.PortInfo("/dev/ttyACM0", "nRF52840", "nRF52840")));
        List<String> lines = lister.lines();
        assertEquals("/dev/ttyACM0  nRF52840", lines.get(0));
        assertEquals("/dev/ttyUSB0  CP2104 USB to UART (OpenMote-B)", lines.get(1));
        assertTrue(lines.get(2).contains("ptys"));
        assertTrue(new PortLister(List::of).lines().get(0).startsWith("no serial ports found"));
    }
}
