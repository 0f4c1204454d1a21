package io.sixjoin.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sixjoin.cli.SixjoinCommand;
import io.sixjoin.emulator.serial.BorderRouterMote;
import io.sixjoin.emulator.serial.SerialServer;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The CLI as a user meets it when something is wrong (issue 6): every command's {@code --help}, a bad serial path, a
 * port in use, a bad EUI-64, a bad CSV, an unreachable JRC. Each runs the built jar as its own process and checks
 * what a user or a script sees: the exit code, one line naming the bad input (never a stack trace), and that
 * nothing was left behind — no data directory from a command that failed, no pledge from a refused import. Two
 * cases are, by design documented in docs/bridge.md, not errors at all: the bridge waits for a missing serial
 * device and keeps retrying an unanswering JRC; for those the test checks the one line that says so.
 */
@Timeout(90)
class CliUserErrorsTest {
    static final Duration SHORT = Duration.ofSeconds(30);
    static final String EUI = "00124b0014b5d2a1";
    static final String PSK = "00112233445566778899aabbccddeeff";

    @TempDir
    Path cwd;

    static Cli.Run sixjoin(Path cwd, String... args) throws IOException, InterruptedException {
        return Cli.run(cwd, SHORT, Cli.jar(args));
    }

    /** Every command path in the picocli model, so a command added later is covered without editing this test. */
    static List<List<String>> commandPaths() {
        List<List<String>> paths = new ArrayList<>();
        collect(SixjoinCommand.newCommandLine(), new ArrayList<>(), paths);
        return paths;
    }

    private static void collect(CommandLine c, List<String> path, List<List<String>> into) {
        into.add(List.copyOf(path));
        for (CommandLine sub : c.getSubcommands().values().stream().distinct().toList()) { // aliases share one
            List<String> p = new ArrayList<>(path);
            p.add(sub.getCommandName());
            collect(sub, p, into);
        }
    }

    @Test
    void everyCommandAnswersHelpWithItsUsageAndLeavesNothingBehind() throws Exception {
        List<List<String>> paths = commandPaths();
        assertTrue(paths.size() > 10, "the model walk found the commands: " + paths);
        // One JVM per command; a few at a time keeps the whole walk to a few seconds.
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Cli.Run>> runs = new ArrayList<>();
            for (List<String> path : paths) {
                List<String> args = new ArrayList<>(path);
                args.add("--help");
                runs.add(pool.submit(() -> sixjoin(cwd, args.toArray(String[]::new))));
            }
            for (int i = 0; i < paths.size(); i++) {
                String name = String.join(" ", Stream.concat(Stream.of("sixjoin"), paths.get(i).stream()).toList());
                Cli.Run r = runs.get(i).get();
                assertEquals(0, r.exit(), name + " --help\n" + r.both());
                // A command's header line, if it has one, comes first (picocli's own help command has one).
                assertTrue(r.out().lines().anyMatch(l -> l.startsWith("Usage: " + name + " ") || l.equals("Usage: "
                        + name)), name + " --help\n" + r.both());
                assertEquals("", r.err(), name + " --help");
            }
        } finally {
            pool.shutdownNow();
        }
        try (Stream<Path> left = Files.list(cwd)) {
            assertEquals(List.of(), left.toList(), "--help creates no data directory or config file");
        }
    }

    @Test
    void aBadEui64IsOneLineExitTwoAndCreatesNoStore() throws Exception {
        Cli.Run r = sixjoin(cwd, "pledges", "add", "--eui64", "zz", "--psk", PSK, "--data", "data");
        assertEquals(2, r.exit(), r.both());
        assertOneLineNaming(r.err(), "'zz'");
        assertEquals("sixjoin pledges add: --eui64: bad EUI-64 'zz': expected 16 hex digits, e.g. 00124b0014b5d2a1",
                r.err().strip());
        assertEquals("", r.out());
        assertFalse(Files.exists(cwd.resolve("data")), "a rejected command creates no data directory");
    }

    @Test
    void aBadCsvNamesEachBadRowImportsNothingAndCreatesNoStore() throws Exception {
        Path csv = Files.writeString(cwd.resolve("pledges.csv"),
                "eui64,psk\n00124b0014b5d2a2," + PSK + "\nzz," + PSK + "\n", StandardCharsets.UTF_8);

        Cli.Run fresh = sixjoin(cwd, "pledges", "import", "pledges.csv", "--data", "data");
        assertEquals(2, fresh.exit(), fresh.both());
        assertNoStackTrace(fresh.err());
        // One line per bad row, as compilers print them, then the verdict: a file can have many bad rows.
        assertEquals(List.of("pledges.csv:3: bad EUI-64 'zz': expected 16 hex digits, e.g. 00124b0014b5d2a1",
                "sixjoin pledges import: nothing imported: fix the error above and run again"), fresh.err().lines().toList());
        assertFalse(Files.exists(cwd.resolve("data")), "a refused import creates no data directory");

        // Into an existing store: the good row of the bad file is not imported either.
        assertEquals(0, sixjoin(cwd, "pledges", "add", "--eui64", EUI, "--psk", PSK, "--data", "data").exit());
        Cli.Run again = sixjoin(cwd, "pledges", "import", csv.toString(), "--data", "data");
        assertEquals(2, again.exit(), again.both());
        assertTrue(again.err().lines().findFirst().orElseThrow().contains("'zz'"), again.err());
        List<String> listed = sixjoin(cwd, "pledges", "list", "--data", "data").out().lines().toList();
        assertEquals(2, listed.size(), "the header and the pledge added before: " + listed);
        assertTrue(listed.get(1).startsWith(EUI), listed.toString());
    }

    @Test
    void aPortInUseIsOneLineExitOneAndCreatesNoStore() throws Exception {
        // The JRC serves CoAP over UDP, so the port is held by a datagram socket.
        try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            String address = "127.0.0.1:" + taken.getLocalPort();
            Cli.Run listen = sixjoin(cwd, "jrc", "--listen", address, "--data", "data");
            assertEquals(1, listen.exit(), listen.both());
            assertOneLineNaming(listen.err(), address);
            assertEquals("sixjoin jrc: cannot listen on " + address + " (udp, --listen): address already in use (is"
                    + " another JRC running? choose another with --listen HOST:PORT)", listen.err().strip());
            assertEquals("", listen.out());

            Cli.Run tunnel = sixjoin(cwd, "jrc", "--listen", "127.0.0.1:0", "--tunnel", address, "--data", "data");
            assertEquals(1, tunnel.exit(), tunnel.both());
            assertOneLineNaming(tunnel.err(), address);
            assertTrue(tunnel.err().contains("--tunnel"), tunnel.err());
        }
        assertFalse(Files.exists(cwd.resolve("data")), "a JRC that could not start creates no data directory");
    }

    @Test
    void aMalformedSerialPortIsOneLineExitTwo() throws Exception {
        Cli.Run r = sixjoin(cwd, "bridge", "--serial", "tcp://localhost:moteport", "--jrc-tunnel", "127.0.0.1:5684",
                "--psk", PSK, "--state-dir", "state");
        assertEquals(2, r.exit(), r.both());
        assertOneLineNaming(r.err(), "tcp://localhost:moteport");
        assertFalse(Files.exists(cwd.resolve("state")));
    }

    /**
     * A device path that does not exist is not an error at start (docs/bridge.md: "the bridge logs it and waits for
     * the mote to appear", since a USB mote may be plugged in later). What the user gets is one warning that names
     * the path and says what to do, and no state written while nothing was done.
     */
    @Test
    void aMissingSerialDeviceIsNamedInOneLineWhileTheBridgeWaitsForIt() throws Exception {
        try (Cli.Running bridge = Cli.start(cwd, Cli.jar("bridge", "--serial", "/dev/does-not-exist", "--jrc-tunnel",
                "127.0.0.1:5684", "--psk", PSK, "--status-interval", "0", "--state-dir", "state"))) {
            String line = bridge.awaitErrLine(l -> l.contains("no such device"), Duration.ofSeconds(15));
            assertTrue(line.contains("/dev/does-not-exist") && line.contains("--list-ports"), line);
            assertTrue(bridge.process.isAlive(), "it keeps waiting for the device, as documented");
            assertEquals(1, bridge.err.stream().filter(l -> l.contains("no such device")).count(), bridge.err.toString());
            assertNoStackTrace(String.join("\n", bridge.err));
            assertFalse(Files.exists(cwd.resolve("state")), "nothing joined, so nothing to remember");
        }
    }

    /**
     * A bridge whose {@code --jrc-tunnel} has no JRC behind it keeps retrying its own join with backoff (2 s doubling
     * to 30 s; docs/bridge.md, "stuck in joining"), since a JRC started later must still be found. After the third
     * unanswered attempt, about 14 s in, it says so in one line naming the tunnel address and the likely causes.
     * The mote is the emulated border router on loopback TCP, so the bridge gets as far as joining.
     */
    @Test
    void anUnreachableJrcIsNamedInOneLineWhileTheBridgeKeepsTrying() throws Exception {
        int closedPort;
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            closedPort = s.getLocalPort(); // free, and nobody listens there once closed
        }
        LongSupplier clock = SerialServer.wallClockMicros();
        BorderRouterMote mote = BorderRouterMote.builder(0x141592cc00000001L).asn(() -> clock.getAsLong() / 10_000)
                .build();
        try (SerialServer serial = SerialServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                mote, clock);
                Cli.Running bridge = Cli.start(cwd, Cli.jar("bridge", "--serial", "tcp://127.0.0.1:"
                        + serial.address().getPort(), "--jrc-tunnel", "127.0.0.1:" + closedPort, "--psk", PSK,
                        "--status-interval", "0", "--state-dir", "state"))) {
            String line = bridge.awaitErrLine(l -> l.contains("no answer from the JRC"), Duration.ofSeconds(30));
            assertTrue(line.contains("127.0.0.1:" + closedPort), line);
            assertTrue(line.contains("sixjoin jrc --tunnel"), "it says what to check: " + line);
            assertTrue(bridge.process.isAlive(), "it keeps trying, as documented");
            assertNoStackTrace(String.join("\n", bridge.err));
        }
    }

    /** One line, naming the bad input, and no trace of Java underneath. */
    static void assertOneLineNaming(String output, String badInput) {
        assertEquals(1, output.lines().count(), "exactly one line: " + output);
        assertTrue(output.contains(badInput), "names '" + badInput + "': " + output);
        assertNoStackTrace(output);
    }

    static void assertNoStackTrace(String output) {
        assertFalse(output.contains("Exception") || output.contains("\tat "), "no stack trace: " + output);
    }
}
