package io.sixjoin.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One sixjoin deployment made of real processes, started the way an operator starts them: a JRC
 * ({@code sixjoin jrc --tunnel}), an emulated network whose border-router mote offers its serial line over loopback
 * TCP or a socat pty ({@code sixjoin emulate --serial-server|--serial-pty}), and {@code sixjoin bridge} on that
 * line. Everything a run leaves lives in one directory — the JRC store in {@code jrc/}, the bridge's sequence
 * files in {@code bridge/}, the emulator's report and the three captures (radio, IPv6 at the bridge, 6LoWPAN at the
 * bridge) — and the ports are picked free per deployment, so runs never meet. Every process is kept, dead or
 * alive, with its output: {@link Watch} prints all of it when a test fails and stops whatever still runs, whether
 * the test passed or not.
 */
final class Deployment implements AutoCloseable {
    /** Long enough for a JVM to start on a loaded 2-core machine; short enough that a hang fails quickly. */
    static final Duration START = Duration.ofSeconds(30);
    static final String JRC_DATA = "jrc";
    static final String PLEDGES = "pledges.csv";
    static final String REPORT = "report.json";
    static final String RADIO_PCAP = "radio.pcap";
    static final String IPV6_PCAP = "ipv6.pcap";
    static final String LOWPAN_PCAP = "lowpan.pcap";
    private static final Pattern SERIAL_LINE = Pattern.compile("serial line of border-router mote \\S+ at (\\S+);");

    /** How the bridge reaches the emulated border-router mote's serial line. */
    enum Link {
        /** Loopback TCP, as FIT IoT-LAB offers its motes' serial lines. */
        TCP,
        /**
         * A pty made by socat ({@code emulate --serial-pty}), which the bridge opens through jSerialComm as it
         * opens a USB mote: termios, a real tty driver between the two, and a device path instead of a socket.
         */
        PTY
    }

    /**
     * The emulated network, as {@code sixjoin emulate}'s options: the same values give the same motes, EUI-64s and
     * PSKs, so the pledges exported with them are the ones that later join. Slotframe 11 keeps a small network's
     * formation short in emulated time.
     */
    record Network(int motes, long seed, String topology, String profile) {
        List<String> args() {
            return List.of("--motes", Integer.toString(motes), "--seed", Long.toString(seed), "--topology", topology,
                    "--slotframe", "11", "--pledge-profile", profile);
        }

        /** Pledges other than the border router. */
        int pledges() {
            return motes - 1;
        }
    }

    /** One row of a pledges CSV as {@code emulate --export-pledges} writes it. */
    record Pledge(String eui64, String psk, String role) {
        boolean borderRouter() {
            return role.equals("6lbr");
        }
    }

    /** A process of this deployment, named for the logs. */
    record Proc(String name, Cli.Running running) {
    }

    final Path dir;
    final int tunnelPort;
    private final List<Proc> processes = new ArrayList<>();
    private Cli.Running jrc;
    private Cli.Running emulation;
    private Cli.Running bridge;
    private String serial;

    Deployment(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir);
        this.tunnelPort = freeUdpPort();
    }

    // --- provisioning -------------------------------------------------------------------------------------------

    /** {@code sixjoin emulate --export-pledges}: the motes' credentials, the border router as 6lbr. */
    List<Pledge> exportPledges(Network network) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("emulate"));
        args.addAll(network.args());
        args.addAll(List.of("--export-pledges", PLEDGES));
        Cli.Run r = sixjoin(args.toArray(String[]::new));
        assertEquals(0, r.exit(), r.both());
        return readPledges(dir.resolve(PLEDGES));
    }

    /** {@code sixjoin pledges import FILE} into the JRC's store. */
    void importPledges(Path csv) throws IOException, InterruptedException {
        Cli.Run r = sixjoin("pledges", "import", "--data", JRC_DATA, csv.toString());
        assertEquals(0, r.exit(), r.both());
    }

    static List<Pledge> readPledges(Path csv) throws IOException {
        List<Pledge> out = new ArrayList<>();
        for (String line : Files.readAllLines(csv, StandardCharsets.UTF_8)) {
            String[] f = line.split(",");
            if (f.length == 3 && !f[0].equals("eui64")) {
                out.add(new Pledge(f[0], f[1], f[2]));
            }
        }
        return out;
    }

    static void writePledges(Path csv, List<Pledge> pledges) throws IOException {
        StringBuilder b = new StringBuilder("eui64,psk,role\n");
        for (Pledge p : pledges) {
            b.append(p.eui64()).append(',').append(p.psk()).append(',').append(p.role()).append('\n');
        }
        Files.writeString(csv, b, StandardCharsets.UTF_8);
    }

    static Pledge borderRouter(List<Pledge> pledges) {
        return pledges.stream().filter(Pledge::borderRouter).findFirst().orElseThrow();
    }

    // --- processes ----------------------------------------------------------------------------------------------

    /**
     * Starts {@code sixjoin jrc} on this deployment's store and tunnel port and waits until it listens. CoAP itself
     * goes to a free port: everything here reaches the JRC through the tunnel, as a mesh does.
     */
    Cli.Running startJrc(String... extra) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("jrc", "--data", JRC_DATA, "--listen", "127.0.0.1:0",
                "--tunnel", "127.0.0.1:" + tunnelPort));
        args.addAll(List.of(extra));
        jrc = start("jrc#" + (count("jrc") + 1), args);
        jrc.awaitOutLine(l -> l.contains("listening on"), START);
        return jrc;
    }

    /** SIGKILL, as {@link JrcProcess#kill}: no shutdown hook, no store close, just gone. */
    void killJrc() throws InterruptedException {
        jrc.process.destroyForcibly();
        if (!jrc.process.waitFor(10, TimeUnit.SECONDS)) {
            throw new AssertionError("the JRC survived SIGKILL for 10 s");
        }
    }

    /**
     * Starts {@code sixjoin emulate} in virtual time with its serial line offered over {@code link}, writing the
     * report and the radio capture, and waits until it names where the bridge must attach.
     */
    Cli.Running startEmulation(Network network, Link link, String... extra) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("emulate"));
        args.addAll(network.args());
        if (link == Link.TCP) {
            args.addAll(List.of("--serial-server", "tcp://127.0.0.1:0")); // the emulator picks, and prints, a port
        } else {
            args.addAll(List.of("--serial-pty", dir.resolve("mote").toString()));
        }
        args.addAll(List.of("--time", "virtual", "--quiet", "--data", "emulate", "--report", REPORT,
                "--pcap", RADIO_PCAP));
        args.addAll(List.of(extra));
        emulation = start("emulate", args);
        String line = emulation.awaitOutLine(l -> SERIAL_LINE.matcher(l).find(), START);
        Matcher m = SERIAL_LINE.matcher(line);
        m.find();
        serial = m.group(1);
        return emulation;
    }

    /** Starts {@code sixjoin bridge} on the emulator's serial line, joining as 6LBR with {@code psk}. */
    Cli.Running startBridge(String psk) throws IOException {
        return startBridge(psk, serial);
    }

    /** Starts {@code sixjoin bridge} on {@code serialLine}, joining as 6LBR with {@code psk}. */
    Cli.Running startBridge(String psk, String serialLine) throws IOException {
        bridge = start("bridge", List.of("bridge", "--serial", serialLine, "--jrc-tunnel", "127.0.0.1:" + tunnelPort,
                "--psk", psk, "--pcap", IPV6_PCAP, "--pcap-lowpan", LOWPAN_PCAP, "--state-dir", "bridge",
                "--status-interval", "0"));
        return bridge;
    }

    /** Waits for the emulator to finish on its own and returns its exit code. */
    int awaitEmulation(Duration timeout) throws InterruptedException {
        if (!emulation.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("sixjoin emulate did not finish in " + timeout.toSeconds() + " s");
        }
        return emulation.process.exitValue();
    }

    Cli.Running jrc() {
        return jrc;
    }

    Cli.Running emulation() {
        return emulation;
    }

    Cli.Running bridge() {
        return bridge;
    }

    /** Runs a short {@code sixjoin} command here to the end, e.g. {@code network show}. */
    Cli.Run sixjoin(String... args) throws IOException, InterruptedException {
        return Cli.run(dir, Duration.ofSeconds(60), Cli.jar(args));
    }

    /** The emulator's {@code --report}. */
    JsonNode report() throws IOException {
        return new ObjectMapper().readTree(dir.resolve(REPORT).toFile());
    }

    /** The captures the processes wrote; complete once {@link #stop()} returned. */
    List<Path> captures() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".pcap")).sorted().toList();
        }
    }

    /**
     * Stops what still runs, the bridge first (SIGTERM: its captures are flushed per packet and closed on exit),
     * then the emulator, then the JRC (which closes its store).
     */
    void stop() throws InterruptedException {
        for (String kind : List.of("bridge", "emulate", "jrc")) {
            for (Proc p : processes) {
                if (p.name().startsWith(kind)) {
                    p.running().close();
                }
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    /** Everything every process printed, for a failure report. */
    String logs() {
        StringBuilder b = new StringBuilder();
        for (Proc p : processes) {
            Process process = p.running().process;
            b.append("----- ").append(p.name()).append(" (")
                    .append(process.isAlive() ? "running" : "exit " + process.exitValue()).append(")\n");
            tail(b, "stdout", p.running().out);
            tail(b, "stderr", p.running().err);
        }
        return b.toString();
    }

    private static void tail(StringBuilder b, String name, List<String> lines) {
        int limit = 400; // the bridge logs a line per mote; a JRC a line per join: enough for a 30-mote run
        int from = Math.max(0, lines.size() - limit);
        if (from > 0) {
            b.append("  [").append(name).append(": first ").append(from).append(" lines left out]\n");
        }
        for (String l : lines.subList(from, lines.size())) {
            b.append("  ").append(name).append(" | ").append(l).append('\n');
        }
    }

    private Cli.Running start(String name, List<String> args) throws IOException {
        Cli.Running r = Cli.start(dir, Cli.jar(args.toArray(String[]::new)));
        processes.add(new Proc(name, r));
        return r;
    }

    private long count(String prefix) {
        return processes.stream().filter(p -> p.name().startsWith(prefix)).count();
    }

    static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return s.getLocalPort();
        }
    }

    /**
     * A JUnit extension that hands out deployments and, after each test, stops every process they started and, if
     * the test failed, prints all their output: a CI failure then shows what the JRC, the bridge and the emulator
     * said, not just the assertion.
     */
    static final class Watch implements AfterTestExecutionCallback {
        private final List<Deployment> open = new ArrayList<>();

        Deployment open(Path dir) throws IOException {
            Deployment d = new Deployment(dir);
            open.add(d);
            return d;
        }

        @Override
        public void afterTestExecution(ExtensionContext context) throws Exception {
            try {
                for (Deployment d : open) {
                    d.stop();
                }
            } finally {
                if (context.getExecutionException().isPresent()) {
                    for (Deployment d : open) {
                        System.out.println("===== processes of " + context.getDisplayName() + " in " + d.dir + "\n"
                                + d.logs());
                    }
                }
                open.clear();
            }
        }
    }
}
