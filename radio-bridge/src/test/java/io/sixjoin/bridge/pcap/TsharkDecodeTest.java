package io.sixjoin.bridge.pcap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sixjoin.stack.ipv6.UdpDatagram;
import java.io.File;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Both captures as tshark sees them: decoded down to CoAP, nothing malformed. */
@Timeout(60)
class TsharkDecodeTest {
    private static final HexFormat HEX = HexFormat.of();
    static final byte[] PLEDGE = HEX.parseHex("141592cc00000002");
    static final byte[] ROOT = HEX.parseHex("141592cc00000001");
    /** CoAP NON POST, MID 1, token 0x42, Uri-Path "j", payload a1 05 42 fe ca (openwsn-serial.md §3.4). */
    static final byte[] COAP = HEX.parseHex("5102000142" + "b16a" + "ff" + "a10542feca");

    /** Wireshark's PI_ERROR expert severity. */
    static final int ERROR_SEVERITY = 0x00800000;

    @TempDir
    Path dir;

    @BeforeAll
    static void needTshark() {
        assumeTrue(tsharkPath() != null, "tshark not installed: skipping capture decoding tests");
    }

    static String tsharkPath() {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, "tshark"))) {
                return Path.of(d, "tshark").toString();
            }
        }
        return null;
    }

    /** Runs tshark over a file; returns one line per frame: its protocol stack and any malformed marker. */
    static List<String> tshark(Path file) throws Exception {
        Process p = new ProcessBuilder(tsharkPath(), "-n", "-r", file.toString(), "-T", "fields",
                "-e", "frame.protocols", "-e", "_ws.malformed", "-e", "_ws.expert.severity")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out.lines().filter(l -> !l.isBlank()).toList();
    }

    static Inet6Address addr(String text) throws Exception {
        return (Inet6Address) InetAddress.getByName(text);
    }

    @Test
    void ipv6CaptureDecodesToCoap() throws Exception {
        Path file = dir.resolve("bridge.pcap");
        try (PacketCapture c = PacketCapture.open(file, null, 0xCAFE, Clock.systemUTC())) {
            UdpDatagram up = new UdpDatagram(5683, 5683, COAP);
            c.ipv6(up.toIpv6(addr("bbbb::1415:92cc:0:2"), addr("bbbb::1415:92cc:0:1"), 64).encode());
            c.ipv6(up.toIpv6(addr("bbbb::1415:92cc:0:1"), addr("bbbb::1415:92cc:0:2"), 64).encode());
        }
        List<String> frames = tshark(file);
        assertEquals(2, frames.size(), frames.toString());
        for (String f : frames) {
            assertTrue(f.startsWith("ipv6:udp:coap"), f);
            assertFalse(f.contains("malformed"), f);
            assertFalse(f.contains(String.valueOf(ERROR_SEVERITY)), "no expert error: " + f);
        }
    }

    @Test
    void lowpanCaptureDecodesIphcAndRfc8138() throws Exception {
        Path file = dir.resolve("lowpan.pcap");
        Inet6Address src = addr("fe80::1415:92cc:0:2");
        Inet6Address dst = addr("fe80::1415:92cc:0:1");
        byte[] udp = new UdpDatagram(5683, 5683, COAP).encode(src, dst);
        // RFC 6282 IPHC: TF elided, NH inline, HLIM 64, link-local 64-bit IIDs inline.
        byte[] iphc = concat(HEX.parseHex("7a11" + "11"), PLEDGE, ROOT, udp);
        // RFC 8138 page 1 + RPI-6LoRH (I=1, 2-byte rank 0xffff) in front: the firmware's join request (§7.6).
        byte[] page1 = concat(HEX.parseHex("f1" + "8205ffff"), iphc);
        try (PacketCapture c = PacketCapture.open(null, file, 0xCAFE, Clock.systemUTC())) {
            c.lowpan(PLEDGE, ROOT, iphc);
            c.lowpan(PLEDGE, ROOT, page1);
            c.lowpan(ROOT, PLEDGE, iphc);
        }
        List<String> frames = tshark(file);
        assertEquals(3, frames.size(), frames.toString());
        for (String f : frames) {
            assertTrue(f.startsWith("wpan:6lowpan:ipv6:udp:coap"), f);
            assertFalse(f.contains("malformed"), f);
            assertFalse(f.contains(String.valueOf(ERROR_SEVERITY)), "no expert error: " + f);
        }
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
