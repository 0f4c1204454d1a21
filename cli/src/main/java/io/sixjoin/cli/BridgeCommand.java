package io.sixjoin.cli;

import io.sixjoin.bridge.Bridge;
import io.sixjoin.bridge.SequenceFiles;
import io.sixjoin.bridge.BridgeConfig;
import io.sixjoin.bridge.serial.PortLister;
import io.sixjoin.bridge.serial.SerialLinks;
import io.sixjoin.bridge.uplink.TunnelUplink;
import io.sixjoin.stack.cojp.PledgeId;
import io.sixjoin.stack.cojp.PreSharedKey;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sixjoin bridge}: makes an OpenWSN border-router mote on a serial line (USB, pty or TCP) the root of a
 * 6TiSCH network whose JRC is reached through a {@code sixjoin jrc --tunnel} endpoint, and forwards between the
 * two until interrupted. Settings come from options or a {@code --config} properties file (an option wins).
 * Exit codes: 0 done ({@code --list-ports}, or stopped), 1 could not start, 2 bad option or config. The PSK and
 * the network key are never printed.
 */
@Command(name = "bridge", sortOptions = false,
        description = {"Run the radio bridge: make an OpenWSN border-router mote DAGroot and connect its mesh",
            "to a JRC. The bridge joins the JRC itself as 6LBR, then forwards until Ctrl-C."},
        footer = {"", "Examples:",
            "  sixjoin bridge --list-ports",
            "  sixjoin bridge --serial /dev/ttyUSB0 --jrc-tunnel jrc.example:5684 --config bridge.properties",
            "  sixjoin bridge --serial tcp://localhost:20000 --baud 500000 --jrc-tunnel [::1]:5684 --psk HEX",
            "", "See docs/bridge.md for preparing the mote, FIT IoT-LAB and troubleshooting.",
            "Exit codes: 0 done, 1 could not start, 2 bad option or config."})
public final class BridgeCommand implements Callable<Integer> {
    static final int OK = 0;
    static final int FAILURE = 1;
    static final int USAGE = 2;

    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--serial", paramLabel = "PORT",
            description = "The border-router mote: a device (/dev/ttyUSB0, COM3, a pty) or tcp://HOST:PORT.")
    String serial;

    @Option(names = "--baud", paramLabel = "RATE", description = "Baud rate of a local port (default: 115200).")
    Integer baud;

    @Option(names = "--list-ports", description = "List the serial ports found, with descriptions, and exit.")
    boolean listPorts;

    @Option(names = "--jrc-tunnel", paramLabel = "HOST:PORT",
            description = "The JRC's tunnel endpoint ('sixjoin jrc --tunnel'): one IPv6 packet per UDP datagram.")
    String jrcTunnel;

    @Option(names = "--eui64", paramLabel = "HEX",
            description = "The bridge's pledge identifier at the JRC (default: the mote's EUI-64).")
    String eui64;

    @Option(names = "--psk", paramLabel = "HEX",
            description = "The bridge's PSK with the JRC (prefer the config file: the command line is visible).")
    String psk;

    @Option(names = "--network-id", paramLabel = "HEX", description = "Network identifier to join (default: cafe).")
    String networkId;

    @Option(names = "--prefix", paramLabel = "PREFIX/64",
            description = "Mesh prefix given to the mote (default: bbbb::/64).")
    String prefix;

    @Option(names = "--jrc-address", paramLabel = "IPV6",
            description = "The JRC's address for the bridge's own join (default: <prefix>::1).")
    String jrcAddress;

    @Option(names = "--pcap", paramLabel = "FILE", description = "Record every IPv6 packet crossing the bridge.")
    Path pcap;

    @Option(names = "--pcap-lowpan", paramLabel = "FILE",
            description = "Record every 6LoWPAN frame exchanged with the mote, as IEEE 802.15.4.")
    Path pcapLowpan;

    @Option(names = "--log-mote-output", description = "Print the mote's log and printf frames.")
    Boolean logMoteOutput;

    @Option(names = "--status-interval", paramLabel = "SECONDS",
            description = "Seconds between status lines; 0 = none (default: 10).")
    Integer statusInterval;

    @Option(names = "--config", paramLabel = "FILE", description = "Read settings from a properties file.")
    Path configFile;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "Where the bridge keeps the sequence numbers of its own join across restarts"
                    + " (default: ./sixjoin-data/bridge).")
    Path stateDir;

    /** Released by the shutdown hook; tests release it to stop a running bridge. */
    final CountDownLatch stop = new CountDownLatch(1);

    @Override
    public Integer call() {
        try {
            return execute();
        } catch (BadInputException e) {
            return fail(USAGE, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OK;
        } catch (Exception e) {
            return fail(FAILURE, "failed: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private int execute() throws Exception {
        if (listPorts) {
            PortLister.system().lines().forEach(out()::println);
            out().flush();
            return OK;
        }
        SettingsFile file = configFile == null ? SettingsFile.EMPTY : SettingsFile.read(configFile, SettingsFile.BRIDGE_KEYS);
        BridgeConfig config = config(file);
        InetSocketAddress tunnel = HostPort.parse("--jrc-tunnel", Optional.ofNullable(jrcTunnel)
                .or(() -> file.string("jrc-tunnel")).orElseThrow(() -> new BadInputException(
                        "--jrc-tunnel is required: the JRC's tunnel endpoint, e.g. --jrc-tunnel [::1]:5684"
                                + " (start the JRC with 'sixjoin jrc --tunnel [::]:5684')")));
        TunnelUplink uplink;
        try {
            uplink = new TunnelUplink(tunnel, null);
        } catch (IOException e) {
            return fail(FAILURE, "cannot open the tunnel to " + HostPort.format(tunnel) + ": " + e.getMessage());
        }
        PrintWriter out = out();
        Bridge bridge;
        try {
            Path state = Optional.ofNullable(stateDir).or(() -> file.string("state-dir").map(Path::of))
                    .orElse(Path.of("sixjoin-data", "bridge"));
            bridge = Bridge.builder(config).uplink(uplink).sequences(SequenceFiles.in(state))
                    .replayWindows(SequenceFiles.windowsIn(state)).console(line -> {
                out.println(line);
                out.flush();
            }).build().start();
        } catch (IOException e) {
            uplink.close();
            return fail(FAILURE, "cannot start: " + e.getMessage());
        }
        Thread hook = new Thread(() -> {
            bridge.close();
            stop.countDown();
        }, "sixjoin-bridge-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        out.println("sixjoin bridge: mote on " + config.serial() + ", JRC tunnel " + HostPort.format(tunnel)
                + ", prefix " + config.prefixText() + (config.pcap().isPresent() ? ", pcap " + config.pcap().get() : "")
                + (config.pcapLowpan().isPresent() ? ", 6LoWPAN pcap " + config.pcapLowpan().get() : ""));
        out.flush();
        stop.await();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
            bridge.close();
        } catch (IllegalStateException shuttingDown) {
            // the hook is running and closes the bridge itself
        }
        return OK;
    }

    BridgeConfig config(SettingsFile file) {
        String port = Optional.ofNullable(serial).or(() -> file.string("serial")).orElseThrow(() ->
                new BadInputException("--serial is required: the border-router mote, e.g. --serial /dev/ttyUSB0 or"
                        + " --serial tcp://localhost:20000 ('--list-ports' shows local ports)"));
        int rate = Optional.ofNullable(baud).or(() -> file.integer("baud")).orElse(SerialLinks.DEFAULT_BAUD);
        try {
            SerialLinks.opener(port, rate);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
        String pskText = Optional.ofNullable(psk).or(() -> file.string("psk")).orElseThrow(() ->
                new BadInputException("--psk is required: the bridge joins the JRC as 6LBR with its own PSK"
                        + " (provision it with 'sixjoin pledges add --eui64 EUI --psk HEX --role 6lbr';"
                        + " put psk = HEX in --config)"));
        PreSharedKey key;
        try {
            key = PreSharedKey.parse(pskText);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--psk: " + e.getMessage());
        }
        Optional<PledgeId> id = Optional.ofNullable(eui64).or(() -> file.string("eui64")).map(t -> {
            try {
                return PledgeId.parse(t);
            } catch (IllegalArgumentException e) {
                throw new BadInputException("--eui64: " + e.getMessage());
            }
        });
        byte[] network = Optional.ofNullable(networkId).or(() -> file.string("network-id"))
                .map(BridgeCommand::parseNetworkId).orElse(BridgeConfig.DEFAULT_NETWORK_ID);
        byte[] meshPrefix = Optional.ofNullable(prefix).or(() -> file.string("prefix"))
                .map(BridgeCommand::parsePrefix).orElse(BridgeConfig.DEFAULT_PREFIX);
        Inet6Address jrc = Optional.ofNullable(jrcAddress).or(() -> file.string("jrc-address"))
                .map(BridgeCommand::parseIpv6).orElse(null);
        Optional<Path> ipv6Capture = Optional.ofNullable(pcap).or(() -> file.string("pcap").map(Path::of));
        Optional<Path> lowpanCapture = Optional.ofNullable(pcapLowpan).or(() -> file.string("pcap-lowpan")
                .map(Path::of));
        boolean moteOutput = Optional.ofNullable(logMoteOutput).or(() -> file.bool("log-mote-output")).orElse(false);
        int seconds = Optional.ofNullable(statusInterval).or(() -> file.integer("status-interval")).orElse(10);
        if (seconds < 0) {
            throw new BadInputException("--status-interval " + seconds + ": expected seconds >= 0 (0 = no status)");
        }
        try {
            return new BridgeConfig(port, rate, id, key, network, meshPrefix, jrc, ipv6Capture, lowpanCapture,
                    moteOutput, Duration.ofSeconds(seconds), BridgeConfig.DEFAULT_FRAGMENT_SIZE);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
    }

    static byte[] parseNetworkId(String hex) {
        try {
            if (hex.isEmpty() || hex.length() > 32) {
                throw new IllegalArgumentException();
            }
            return HexFormat.of().parseHex(hex);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--network-id '" + hex + "': expected 1 to 16 bytes of hex, e.g. cafe");
        }
    }

    static byte[] parsePrefix(String text) {
        String t = text.trim();
        int slash = t.indexOf('/');
        String length = slash < 0 ? "64" : t.substring(slash + 1);
        String address = slash < 0 ? t : t.substring(0, slash);
        try {
            if (!length.equals("64") || !address.contains(":")
                    || !(InetAddress.getByName(address) instanceof Inet6Address a)) {
                throw new UnknownHostException();
            }
            byte[] bytes = a.getAddress();
            for (int i = 8; i < 16; i++) {
                if (bytes[i] != 0) {
                    throw new UnknownHostException();
                }
            }
            return Arrays.copyOf(bytes, 8);
        } catch (UnknownHostException e) {
            throw new BadInputException("--prefix '" + text + "': expected an IPv6 /64 prefix, e.g. bbbb::/64 or"
                    + " 2001:db8:0:1::/64 (OpenWSN motes take a /64 only)");
        }
    }

    static Inet6Address parseIpv6(String text) {
        try {
            if (text.contains(":") && InetAddress.getByName(text) instanceof Inet6Address a) {
                return a;
            }
        } catch (UnknownHostException e) {
            // fall through to the message below
        }
        throw new BadInputException("--jrc-address '" + text + "': expected an IPv6 address, e.g. bbbb::1");
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }

    private int fail(int code, String message) {
        PrintWriter err = spec.commandLine().getErr();
        err.println(spec.qualifiedName() + ": " + message);
        err.flush();
        return code;
    }
}
