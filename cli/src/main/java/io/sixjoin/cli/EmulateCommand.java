package io.sixjoin.cli;

import io.sixjoin.emulator.kernel.SeededRandom;
import io.sixjoin.emulator.medium.LinkModel;
import io.sixjoin.emulator.run.Emulation;
import io.sixjoin.emulator.run.EmulationConfig;
import io.sixjoin.emulator.run.MoteCredentials;
import io.sixjoin.emulator.serial.SerialServer;
import io.sixjoin.emulator.topology.Topologies;
import io.sixjoin.emulator.topology.Topology;
import io.sixjoin.emulator.topology.TopologyFileException;
import io.sixjoin.jrc.store.CsvError;
import io.sixjoin.jrc.store.PledgeCsv;
import io.sixjoin.jrc.store.PledgeRole;
import io.sixjoin.jrc.store.ProvisionedPledge;
import io.sixjoin.stack.cojp.PledgeJoin;
import io.sixjoin.stack.ieee802154.MacAddress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code sixjoin emulate}: an emulated 6TiSCH network of {@code --motes} motes. By default everything runs in this
 * process on virtual time: a JRC (fresh SQLite store), the emulated border-router mote's serial line on loopback
 * TCP and a bridge on it, so every mote really joins. With {@code --serial-server} or {@code --serial-pty} the
 * border-router mote waits for an outside {@code sixjoin bridge} instead and the run paces to the wall clock.
 */
@Command(name = "emulate", sortOptions = false,
        description = {"Emulate a 6TiSCH network: motes with real CoJP, OSCORE, 6LoWPAN, RPL and TSCH link-layer",
            "security on an emulated radio, joined through the real bridge and JRC. Runs until every mote has",
            "joined (or --max-time of emulated time), then prints a summary."},
        footer = {"", "Examples:",
            "  sixjoin emulate --motes 200 --seed 1",
            "  sixjoin emulate --topology star --motes 100 --slotframe 7 --report run.json --pcap radio.pcap",
            "  sixjoin emulate --motes 20 --export-pledges pledges.csv      (then: sixjoin pledges import pledges.csv)",
            "  sixjoin emulate --motes 20 --serial-server tcp://127.0.0.1:20000   (then: sixjoin bridge --serial ...)",
            "", "See docs/emulator.md for the model, its limits and the topology file format.",
            "Exit codes: 0 every mote joined, 1 not all joined in --max-time or a run-time failure, 2 bad option."})
public final class EmulateCommand implements Callable<Integer> {
    static final int OK = 0;
    static final int FAILURE = 1;
    static final int USAGE = 2;

    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--motes", paramLabel = "N", defaultValue = "50",
            description = "Motes including the border router (default: ${DEFAULT-VALUE}); a topology file sets its own.")
    int motes;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
            description = "Seed of every random choice; the same seed gives the same run (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--topology", paramLabel = "SHAPE|FILE", defaultValue = "random",
            description = "star, linear, grid, random (multi-hop) or a JSON topology file (default: ${DEFAULT-VALUE}).")
    String topology;

    @Option(names = "--reach", paramLabel = "METRES", defaultValue = "30",
            description = "Radio range: PRR 1 up to 5/6 of it, falling to 0 at it (default: ${DEFAULT-VALUE}).")
    double reach;

    @Option(names = "--slotframe", paramLabel = "SLOTS", defaultValue = "101",
            description = "Slotframe length of the RFC 8180 minimal schedule (default: ${DEFAULT-VALUE}).")
    int slotframe;

    @Option(names = "--pledge-profile", paramLabel = "PROFILE", defaultValue = "rfc9031",
            description = "rfc9031, or openwsn to behave like OpenWSN firmware (default: ${DEFAULT-VALUE}).")
    String profile;

    @Option(names = "--network-id", paramLabel = "HEX", defaultValue = "cafe",
            description = "Network identifier the root advertises (default: ${DEFAULT-VALUE}).")
    String networkId;

    @Option(names = "--time", paramLabel = "virtual|real",
            description = "virtual: as fast as the CPU allows; real: paced to the wall clock (default: virtual, "
                    + "real with --serial-server or --serial-pty).")
    String time;

    @Option(names = "--max-time", paramLabel = "DURATION", defaultValue = "24h",
            description = "Stop after this much emulated time, e.g. 90m, 2h (default: ${DEFAULT-VALUE}).")
    String maxTime;

    @Option(names = "--after-formed", paramLabel = "DURATION",
            description = "Keep the formed network running this much longer (emulated time), e.g. 10m; default 0.")
    String afterFormed;

    @Option(names = "--serial-server", paramLabel = "tcp://HOST:PORT",
            description = "Serve the border-router mote's serial line here for an outside 'sixjoin bridge'.")
    String serialServer;

    @Option(names = "--serial-pty", paramLabel = "PATH",
            description = "Also offer the serial line as a pty at PATH (a symlink made with socat).")
    Path serialPty;

    @Option(names = "--pledges", paramLabel = "FILE.csv",
            description = "Take EUI-64s and PSKs from this eui64,psk[,role] file instead of deriving them from --seed.")
    Path pledgesFile;

    @Option(names = "--export-pledges", paramLabel = "FILE.csv",
            description = "Write the motes' EUI-64s and PSKs for 'sixjoin pledges import', then exit.")
    Path exportPledges;

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "sixjoin-data/emulate",
            description = "Where the in-process JRC and bridge keep state; emptied first (default: ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--report", paramLabel = "FILE.json", description = "Write the per-mote timeline and totals.")
    Path report;

    @Option(names = "--pcap", paramLabel = "FILE.pcap",
            description = "Capture every radio frame as IEEE 802.15.4 with FCS (Wireshark, tshark).")
    Path pcap;

    @Option(names = "--quiet", description = "No progress line, only the summary.")
    boolean quiet;

    @Override
    public Integer call() {
        try {
            return execute();
        } catch (BadInputException e) {
            return fail(USAGE, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail(FAILURE, "interrupted");
        } catch (IOException e) {
            return fail(FAILURE, e.getMessage());
        }
    }

    private int execute() throws IOException, InterruptedException {
        boolean outside = serialServer != null || serialPty != null;
        EmulationConfig config = config(outside);
        if (exportPledges != null) {
            writePledges(config.credentials(), exportPledges);
            out().println("wrote " + config.credentials().size() + " pledges (the border router as 6lbr) to "
                    + exportPledges + "; import them with: sixjoin pledges import " + exportPledges);
            return OK;
        }
        Duration max = duration(maxTime);
        if (afterFormed != null) {
            duration("--after-formed", afterFormed); // refused before anything runs, not after formation
        }
        out().println("emulating " + config.topology().size() + " motes (" + topologyName() + ", seed " + seed
                + ", slotframe " + slotframe + ", " + profile.toLowerCase(Locale.ROOT) + ", "
                + (config.realTime() ? "real" : "virtual") + " time)");
        return outside ? runOutside(config, max) : runInProcess(config, max);
    }

    private int runInProcess(EmulationConfig config, Duration max) throws IOException, InterruptedException {
        QuietLogs.apply();
        DirectoryTree.delete(data); // every in-process run starts from a fresh JRC
        try (LocalDeployment d = LocalDeployment.start(config, new LocalDeployment.Options(data,
                LocalDeployment.Tunnel.IN_MEMORY, Optional.empty(), line -> { }))) {
            return runAndReport(d.emulation(), max);
        }
    }

    private int runOutside(EmulationConfig config, Duration max) throws IOException, InterruptedException {
        InetSocketAddress bind = serialServer == null ? new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)
                : HostPort.parse("--serial-server", serialServer.replaceFirst("^tcp://", ""));
        try (Emulation e = Emulation.create(config)) {
            SerialServer server;
            try {
                server = e.serveSerial(bind);
            } catch (IOException ex) {
                throw new IOException("--serial-server " + serialServer + ": cannot listen (" + ex.getMessage()
                        + "); is another emulator or program using the port?");
            }
            String spec = "tcp://" + server.address().getHostString() + ":" + server.address().getPort();
            Process socat = serialPty == null ? null : PtyLink.start(serialPty, server.address());
            try {
                String where = serialPty != null ? serialPty.toString() : spec;
                out().println("serial line of border-router mote " + config.credentials().get(config.rootIndex())
                        .euiHex() + " at " + where + "; waiting for a bridge to make it root:");
                out().println("  sixjoin bridge --serial " + where + " --jrc-tunnel HOST:PORT --psk <its PSK from "
                        + "--export-pledges>");
                if (!e.awaitRoot(Duration.ofDays(365))) {
                    return fail(FAILURE, "no bridge made the border router root");
                }
                out().println("root set by the bridge; motes start");
                return runAndReport(e, max);
            } finally {
                if (socat != null) {
                    socat.destroy();
                }
            }
        }
    }

    private int runAndReport(Emulation e, Duration max) throws IOException, InterruptedException {
        NetworkSummary summary = new NetworkSummary(out(), System.console() != null);
        Duration after = afterFormed == null ? Duration.ZERO : duration("--after-formed", afterFormed);
        EmulationRun.Outcome o = EmulationRun.run(e, max, after, Optional.ofNullable(pcap), Optional.ofNullable(report),
                summary, quiet ? p -> { } : summary::progress, out());
        if (report != null) {
            out().println("report: " + report);
        }
        if (pcap != null) {
            out().println("radio capture: " + pcap + " (" + o.capturedFrames() + " frames)"
                    + o.captureError().map(x -> "; writing stopped: " + x.getMessage()).orElse(""));
        }
        if (!o.formed()) {
            return fail(FAILURE, o.report().joined() + " of " + o.report().pledges() + " motes joined within "
                    + maxTime + " of emulated time; see the report or raise --max-time");
        }
        return OK;
    }

    EmulationConfig config(boolean outside) {
        if (slotframe < 2 || slotframe > 65_535) {
            throw new BadInputException("--slotframe " + slotframe + ": expected 2..65535 slots (RFC 8180: 101)");
        }
        if (!(reach > 0) || reach > 100_000) {
            throw new BadInputException("--reach " + reach + ": expected metres > 0, e.g. 30");
        }
        PledgeJoin.Profile p = switch (profile.toLowerCase(Locale.ROOT)) {
            case "rfc9031" -> PledgeJoin.Profile.RFC9031;
            case "openwsn" -> PledgeJoin.Profile.OPENWSN;
            default -> throw new BadInputException("--pledge-profile '" + profile + "': expected rfc9031 or openwsn");
        };
        boolean real = time == null ? outside : switch (time.toLowerCase(Locale.ROOT)) {
            case "virtual" -> false;
            case "real" -> true;
            default -> throw new BadInputException("--time '" + time + "': expected virtual or real");
        };
        byte[] network = BridgeCommand.parseNetworkId(networkId);
        List<MoteCredentials> given = pledgesFile == null ? null : readPledges(pledgesFile);
        int n = given == null ? motes : given.size();
        if (n < 2 || n > 100_000) {
            throw new BadInputException("--motes " + n + ": expected 2..100000 (a border router and at least one pledge)");
        }
        Topology t;
        try {
            t = Topologies.resolve(topology, n, reach, new SeededRandom(seed));
        } catch (TopologyFileException e) {
            throw new BadInputException("--topology " + topology + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--topology " + topology + ": " + e.getMessage());
        }
        if (given != null && t.size() != given.size()) {
            throw new BadInputException("--pledges " + pledgesFile + " has " + given.size() + " motes but --topology "
                    + topology + " has " + t.size());
        }
        int rootIndex = t.motes().indexOf(t.root());
        List<MoteCredentials> credentials = given == null ? MoteCredentials.derive(seed, t.size(), rootIndex)
                : withRootAt(given, rootIndex);
        LinkModel model = LinkModel.greyZone(reach * 5 / 6, reach);
        return new EmulationConfig(t, seed, credentials, model, slotframe, p, network, real);
    }

    private String topologyName() {
        return topology.toLowerCase(Locale.ROOT).matches("star|linear|grid|random") ? topology : "file " + topology;
    }

    private static List<MoteCredentials> withRootAt(List<MoteCredentials> given, int rootIndex) {
        List<MoteCredentials> list = new ArrayList<>(given);
        int br = 0;
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).borderRouter()) {
                br = i;
                break;
            }
        }
        MoteCredentials root = list.remove(br);
        list.add(rootIndex, new MoteCredentials(root.eui64(), root.psk(), true));
        List<MoteCredentials> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            MoteCredentials c = list.get(i);
            out.add(new MoteCredentials(c.eui64(), c.psk(), i == rootIndex));
        }
        return out;
    }

    /** The --pledges file for a run with a real border router (no topology to fit). */
    List<MoteCredentials> readPledgesForHardware() {
        return readPledges(pledgesFile);
    }

    private static List<MoteCredentials> readPledges(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new BadInputException("--pledges " + file + ": cannot read (" + e.getMessage() + ")");
        }
        PledgeCsv.Result r = PledgeCsv.parse(bytes, id -> false);
        if (!r.errors().isEmpty()) {
            CsvError first = r.errors().get(0);
            throw new BadInputException("--pledges " + file + " line " + first.line() + ": " + first.message()
                    + (r.errors().size() > 1 ? " (and " + (r.errors().size() - 1) + " more errors)" : ""));
        }
        List<MoteCredentials> out = new ArrayList<>();
        for (ProvisionedPledge p : r.pledges()) {
            byte[] id = p.id().bytes();
            if (id.length != 8) {
                throw new BadInputException("--pledges " + file + ": pledge " + HexFormat.of().formatHex(id)
                        + " is not an EUI-64 (8 bytes); emulated motes need one");
            }
            out.add(new MoteCredentials(MacAddress.extended(id), p.psk(), p.role() == PledgeRole.SIX_LBR));
        }
        return out;
    }

    private static void writePledges(List<MoteCredentials> credentials, Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.deleteIfExists(tmp);
            try {
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(tmp); // no POSIX permissions on this file system (Windows): the ACL default applies
            }
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                MoteCredentials.writeCsv(credentials, w);
            }
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw new IOException("--export-pledges " + file + ": cannot write (" + e.getMessage() + ")");
        }
    }

    /** A --max-time duration such as 90s, 30m, 2h or 1d. */
    static Duration duration(String text) {
        return duration("--max-time", text);
    }

    /** A duration such as 90s, 30m, 2h or 1d, for {@code option}. */
    static Duration duration(String option, String text) {
        var m = java.util.regex.Pattern.compile("(\\d{1,9})(ms|s|m|h|d)").matcher(text.trim());
        if (!m.matches()) {
            throw new BadInputException(option + " '" + text + "': expected a number and a unit, e.g. 90s, 30m, 2h");
        }
        long v = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(v);
            case "s" -> Duration.ofSeconds(v);
            case "m" -> Duration.ofMinutes(v);
            case "h" -> Duration.ofHours(v);
            default -> Duration.ofDays(v);
        };
        if (d.isZero() || d.compareTo(Duration.ofDays(366)) > 0) {
            throw new BadInputException(option + " '" + text + "': expected more than 0 and at most 366d");
        }
        return d;
    }

    private PrintStream out() {
        return System.out;
    }

    private int fail(int code, String message) {
        spec.commandLine().getErr().println("sixjoin emulate: " + message);
        spec.commandLine().getErr().flush();
        return code;
    }
}
