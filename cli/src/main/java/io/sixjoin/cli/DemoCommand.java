package io.sixjoin.cli;

import io.sixjoin.emulator.mote.Mote;
import io.sixjoin.emulator.mote.MoteRecord;
import io.sixjoin.emulator.run.Emulation;
import io.sixjoin.emulator.run.EmulationConfig;
import io.sixjoin.emulator.run.EmulationReport;
import io.sixjoin.jrc.coap.JoinLog;
import io.sixjoin.jrc.join.JrcProfile;
import io.sixjoin.stack.ieee802154.MacAddress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code sixjoin demo}: the whole chain in one process and one command. A JRC with a fresh SQLite store, an
 * emulated multi-hop network whose border-router mote serves its serial line on loopback TCP, and a bridge that
 * attaches to that line through the TCP serial path and reaches the JRC through the IPv6-in-UDP tunnel — the paths
 * real hardware uses. Shows progress, then a table of every mote, and exits 0 when all joined. With
 * {@code --hardware PORT} the emulated network is replaced by a real OpenWSN border-router mote.
 */
@Command(name = "demo", sortOptions = false,
        description = {"See a 6TiSCH network form: a JRC, an emulated mesh of motes and a bridge, all in this",
            "process and wired the way hardware is (serial line over TCP, IPv6-in-UDP tunnel). Every mote",
            "joins with real CoJP/OSCORE; prints a summary and exits 0 when all have joined."},
        footer = {"", "Defaults are chosen to finish in well under two minutes on a 2-core machine: 25 motes,",
            "random multi-hop topology, slotframe 11 (RFC 8180's 101 works too but a cell comes only every 1.01 s).",
            "", "Examples:",
            "  sixjoin demo",
            "  sixjoin demo --motes 60 --topology grid --seed 4",
            "  sixjoin demo --hardware /dev/ttyUSB0 --pledges motes.csv      (real OpenMote border router)",
            "", "Writes data, a JSON report and pcaps under --data (default sixjoin-data/demo); see docs/quickstart.md.",
            "Exit codes: 0 every mote joined, 1 not all joined or a run-time failure, 2 bad option."})
public final class DemoCommand implements Callable<Integer> {
    static final int OK = 0;
    static final int FAILURE = 1;
    static final int USAGE = 2;
    private static final String FLASH_FILE = "mote-flash.csv";
    /** A line per mote of at most 36 bytes: generous for 100,000 motes. */
    static final long MAX_FLASH_FILE_BYTES = 4L << 20;

    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--motes", paramLabel = "N", defaultValue = "25",
            description = "Motes including the border router (default: ${DEFAULT-VALUE}).")
    int motes;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Run seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--topology", paramLabel = "SHAPE|FILE", defaultValue = "random",
            description = "star, linear, grid, random or a JSON topology file (default: ${DEFAULT-VALUE}).")
    String topology;

    @Option(names = "--slotframe", paramLabel = "SLOTS", defaultValue = "11",
            description = "Slotframe length (default: ${DEFAULT-VALUE}; RFC 8180's is 101).")
    int slotframe;

    @Option(names = "--max-time", paramLabel = "DURATION", defaultValue = "6h",
            description = "Give up after this much emulated time (default: ${DEFAULT-VALUE}).")
    String maxTime;

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "sixjoin-data/demo",
            description = "Where the JRC store, bridge state, report and pcaps go (default: ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--keep", description = "Keep the JRC store and the motes' flash from the last run instead of "
            + "starting fresh (the motes join again without reusing a sequence number).")
    boolean keep;

    @Option(names = "--hardware", paramLabel = "PORT",
            description = "Use a real OpenWSN border-router mote on this serial port (or tcp://HOST:PORT) instead "
                    + "of the emulated network; needs --pledges; runs until Ctrl-C.")
    String hardware;

    @Option(names = "--pledges", paramLabel = "FILE.csv",
            description = "With --hardware: the motes' eui64,psk,role file (the border router's role is 6lbr).")
    Path pledges;

    @Option(names = "--pledge-profile", paramLabel = "PROFILE", defaultValue = "rfc9031",
            description = "rfc9031 or openwsn (what the motes run; default: ${DEFAULT-VALUE}).")
    String profile;

    /** Released by the shutdown hook in --hardware mode. */
    final CountDownLatch stop = new CountDownLatch(1);

    @Override
    public Integer call() {
        QuietLogs.apply();
        try {
            return hardware != null ? runHardware() : runEmulated();
        } catch (BadInputException e) {
            return fail(USAGE, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail(FAILURE, "interrupted");
        } catch (IOException e) {
            return fail(FAILURE, e.getMessage());
        }
    }

    private int runEmulated() throws IOException, InterruptedException {
        EmulateCommand shape = new EmulateCommand();
        shape.motes = motes;
        shape.seed = seed;
        shape.topology = topology;
        shape.reach = 30;
        shape.slotframe = slotframe;
        shape.profile = profile;
        shape.networkId = "cafe";
        EmulationConfig config = shape.config(false);
        Duration max = EmulateCommand.duration(maxTime);
        if (!keep) {
            DirectoryTree.delete(data);
        }
        Files.createDirectories(data);
        Path report = data.resolve("report.json");
        Path radioPcap = data.resolve("radio.pcap");
        Path bridgePcap = data.resolve("bridge-ipv6.pcap");
        PrintStream out = System.out;
        out.println("sixjoin demo: JRC, bridge and " + config.topology().size() + " emulated motes (" + topology
                + ", seed " + seed + ", slotframe " + slotframe + ") in " + data);
        long wallStart = System.nanoTime();
        try (LocalDeployment d = LocalDeployment.start(config, new LocalDeployment.Options(data,
                LocalDeployment.Tunnel.UDP, Optional.of(bridgePcap), line -> { }))) {
            Emulation e = d.emulation();
            if (keep) {
                restoreFlash(e);
            }
            out.println("bridge attached over " + "tcp://127.0.0.1:" + d.serial().address().getPort()
                    + " and joined the JRC as 6LBR; the border-router mote is DAG root");
            NetworkSummary summary = new NetworkSummary(out, System.console() != null);
            EmulationRun.Outcome o = EmulationRun.run(e, max, Duration.ZERO, Optional.of(radioPcap),
                    Optional.of(report), summary, p -> summary.progress(p, meanJoinLatency(e)), out);
            saveFlash(e);
            EmulationReport r = o.report();
            out.println(String.format(Locale.ROOT, "JRC: %d joins; %s", d.jrc().stats().get(
                    io.sixjoin.jrc.JrcStats.Event.JOINED), d.bridge().statusLine()));
            out.println("report: " + report + "; radio capture (802.15.4): " + radioPcap
                    + "; bridge capture (IPv6): " + bridgePcap);
            out.println(String.format(Locale.ROOT, "done in %.1f s", (System.nanoTime() - wallStart) / 1e9));
            if (!o.formed()) {
                return fail(FAILURE, r.joined() + " of " + r.pledges() + " motes joined within " + maxTime
                        + " of emulated time");
            }
            return OK;
        }
    }

    /** Mean time from first Join Request to joined, over the motes joined so far, in seconds. */
    private static double meanJoinLatency(Emulation e) {
        double sum = 0;
        int n = 0;
        for (MoteRecord r : e.records()) {
            if (r.joinedAt().isPresent() && r.requestedAt().isPresent()) {
                sum += (r.joinedAt().getAsLong() - r.requestedAt().getAsLong()) / 1e6;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    private int runHardware() throws IOException, InterruptedException {
        if (pledges == null) {
            throw new BadInputException("--hardware needs --pledges FILE.csv: the motes' EUI-64s and PSKs, the border "
                    + "router with role 6lbr");
        }
        EmulateCommand reader = new EmulateCommand();
        reader.pledgesFile = pledges;
        List<io.sixjoin.emulator.run.MoteCredentials> credentials = reader.readPledgesForHardware();
        JrcProfile jrcProfile = "openwsn".equalsIgnoreCase(profile) ? JrcProfile.OPENWSN : JrcProfile.RFC9031;
        if (!keep) {
            DirectoryTree.delete(data);
        }
        Files.createDirectories(data);
        PrintStream out = System.out;
        JoinLog log = new ConsoleJoinLog(new java.io.PrintWriter(out, true));
        try (LocalDeployment.Hardware h = LocalDeployment.startHardware(hardware, credentials, jrcProfile,
                EmulationConfig.DEFAULT_NETWORK_ID, false, new LocalDeployment.Options(data,
                        LocalDeployment.Tunnel.UDP, Optional.of(data.resolve("bridge-ipv6.pcap")), out::println),
                log)) {
            out.println("sixjoin demo: JRC and bridge on " + hardware + " with " + credentials.size()
                    + " provisioned motes; joins are printed as they happen; Ctrl-C to stop");
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
            stop.await();
            return OK;
        }
    }

    private void restoreFlash(Emulation e) throws IOException {
        Path f = data.resolve(FLASH_FILE);
        if (!Files.exists(f)) {
            return;
        }
        if (Files.size(f) > MAX_FLASH_FILE_BYTES) {
            throw new BadInputException(f + " is larger than any flash file the demo writes; delete it or run "
                    + "without --keep");
        }
        Map<String, Long> stored = parseFlash(Files.readAllBytes(f), f.toString());
        for (int i = 0; i < e.config().topology().size(); i++) {
            Mote m = e.mote(i);
            if (m != null) {
                Long v = stored.get(hexOf(m.mac().address()));
                if (v != null) {
                    m.restoreFlash(v);
                }
            }
        }
    }

    /**
     * Reads the {@code eui64,stored-value} lines {@link #saveFlash} wrote. The file sits in a user-writable
     * directory, so it is read as untrusted: a damaged line is an error naming it (a mote restarted below its
     * stored value would reuse sequence numbers the kept JRC has already seen), never an exception from deeper down.
     */
    static Map<String, Long> parseFlash(byte[] bytes, String name) {
        Map<String, Long> stored = new HashMap<>();
        String text = new String(bytes, StandardCharsets.UTF_8);
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            if (!line.matches("[0-9a-f]{16},\\d{1,18}")) {
                throw new BadInputException(name + " line " + (i + 1) + ": expected eui64,number as the demo writes "
                        + "it; delete the file or run without --keep");
            }
            int comma = line.indexOf(',');
            stored.put(line.substring(0, comma), Long.parseLong(line.substring(comma + 1)));
        }
        return stored;
    }

    private void saveFlash(Emulation e) throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < e.config().topology().size(); i++) {
            Mote m = e.mote(i);
            if (m != null && m.flash().load().isPresent()) {
                lines.add(hexOf(m.mac().address()) + "," + m.flash().load().getAsLong());
            }
        }
        Files.write(data.resolve(FLASH_FILE), lines, StandardCharsets.UTF_8);
    }

    private static String hexOf(MacAddress a) {
        return HexFormat.of().formatHex(a.bytes());
    }

    private int fail(int code, String message) {
        spec.commandLine().getErr().println("sixjoin demo: " + message);
        spec.commandLine().getErr().flush();
        return code;
    }
}
