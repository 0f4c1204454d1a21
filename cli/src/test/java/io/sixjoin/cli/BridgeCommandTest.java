package io.sixjoin.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sixjoin.bridge.BridgeConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

@Timeout(60)
class BridgeCommandTest {
    private static final String PSK = "00112233445566778899aabbccddeeff";

    @TempDir
    Path tmp;

    record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = SixjoinCommand.newCommandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int code = cmd.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void listPortsExitsZeroAndMentionsPtys() {
        Run r = run("bridge", "--list-ports");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("ptys"), r.out());
    }

    @Test
    void badInputIsOneLineAndExitCode2() {
        Run noSerial = run("bridge", "--jrc-tunnel", "[::1]:5684", "--psk", PSK);
        assertEquals(2, noSerial.code());
        assertTrue(noSerial.err().startsWith("sixjoin bridge: --serial is required"), noSerial.err());
        assertEquals(1, noSerial.err().lines().count());

        Run badSerial = run("bridge", "--serial", "tcp://host", "--jrc-tunnel", "[::1]:5684", "--psk", PSK);
        assertEquals(2, badSerial.code());
        assertTrue(badSerial.err().contains("--serial 'tcp://host'"), badSerial.err());

        Run noPsk = run("bridge", "--serial", "/dev/ttyUSB0", "--jrc-tunnel", "[::1]:5684");
        assertEquals(2, noPsk.code());
        assertTrue(noPsk.err().contains("--psk is required"), noPsk.err());

        Run badPsk = run("bridge", "--serial", "/dev/ttyUSB0", "--jrc-tunnel", "[::1]:5684", "--psk", "abcd");
        assertEquals(2, badPsk.code());
        assertFalse(badPsk.err().contains("abcd"), "a PSK is never echoed: " + badPsk.err());

        Run badPrefix = run("bridge", "--serial", "/dev/ttyUSB0", "--jrc-tunnel", "[::1]:5684", "--psk", PSK,
                "--prefix", "bbbb::/48");
        assertEquals(2, badPrefix.code());
        assertTrue(badPrefix.err().contains("--prefix 'bbbb::/48'"), badPrefix.err());

        Run noTunnel = run("bridge", "--serial", "/dev/ttyUSB0", "--psk", PSK);
        assertEquals(2, noTunnel.code());
        assertTrue(noTunnel.err().contains("--jrc-tunnel is required"), noTunnel.err());
    }

    @Test
    void configFileSuppliesSettingsAndRejectsUnknownKeys() throws Exception {
        Path good = tmp.resolve("bridge.properties");
        Files.writeString(good, "serial = tcp://localhost:20000\npsk = " + PSK + "\nprefix = 2001:db8:0:1::/64\n"
                + "network-id = beef\neui64 = 00-12-4b-00-14-b5-d2-a1\nlog-mote-output = yes\n");
        BridgeCommand c = new BridgeCommand();
        BridgeConfig config = c.config(SettingsFile.read(good, SettingsFile.BRIDGE_KEYS));
        assertEquals("tcp://localhost:20000", config.serial());
        assertEquals("2001:db8:0:1::/64", config.prefixText());
        assertArrayEquals(HexFormat.of().parseHex("beef"), config.networkId());
        assertEquals("00124b0014b5d2a1", config.pledgeId().orElseThrow().hex());
        assertTrue(config.logMoteOutput());
        assertFalse(config.toString().contains(PSK), "the config never prints its PSK");

        Path bad = tmp.resolve("bad.properties");
        Files.writeString(bad, "seriall = /dev/ttyUSB0\n");
        Run r = run("bridge", "--config", bad.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("unknown setting(s) [seriall]"), r.err());
    }

    @Test
    void runsUntilStoppedAndPrintsStatusLines() throws Exception {
        try (ServerSocket mote = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                DatagramSocket jrc = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CommandLine cmd = SixjoinCommand.newCommandLine();
            cmd.setOut(new PrintWriter(out, true));
            cmd.setErr(new PrintWriter(err, true));
            AtomicInteger code = new AtomicInteger(-1);
            Thread t = new Thread(() -> code.set(cmd.execute("bridge", "--serial", "tcp://127.0.0.1:"
                    + mote.getLocalPort(), "--jrc-tunnel", "127.0.0.1:" + jrc.getLocalPort(), "--psk", PSK,
                    "--status-interval", "1", "--pcap", tmp.resolve("b.pcap").toString())));
            t.start();
            try (Socket line = mote.accept()) {
                long end = System.nanoTime() + 10_000_000_000L;
                while (!out.toString().contains("bridge: state probing") && System.nanoTime() < end) {
                    Thread.sleep(50);
                }
                assertTrue(out.toString().contains("sixjoin bridge: mote on tcp://127.0.0.1:"), out.toString());
                assertTrue(out.toString().contains("bridge: state probing"), out.toString());
                assertTrue(line.getInputStream().read() == 0x7E, "the bridge probes with an HDLC echo frame");
            }
            BridgeCommand running = cmd.getSubcommands().get("bridge").getCommand();
            running.stop.countDown();
            t.join(10_000);
            assertEquals(0, code.get(), err.toString());
            assertFalse(out.toString().contains(PSK));
            assertTrue(Files.size(tmp.resolve("b.pcap")) >= 24, "pcap header written at start");
        }
    }
}
