package io.sixjoin.cli;

import io.sixjoin.bridge.Bridge;
import io.sixjoin.bridge.BridgeConfig;
import io.sixjoin.bridge.SequenceFiles;
import io.sixjoin.bridge.serial.SerialLinks;
import io.sixjoin.bridge.uplink.TunnelUplink;
import io.sixjoin.bridge.uplink.Uplink;
import io.sixjoin.emulator.run.Emulation;
import io.sixjoin.emulator.run.EmulationConfig;
import io.sixjoin.emulator.run.MoteCredentials;
import io.sixjoin.emulator.serial.SerialServer;
import io.sixjoin.jrc.JrcConfig;
import io.sixjoin.jrc.JrcServer;
import io.sixjoin.jrc.coap.JoinLog;
import io.sixjoin.jrc.coap.RateLimiter;
import io.sixjoin.jrc.join.JrcProfile;
import io.sixjoin.jrc.store.JrcStore;
import io.sixjoin.jrc.store.PledgeRole;
import io.sixjoin.jrc.store.ProvisionedPledge;
import io.sixjoin.jrc.store.StoreLocation;
import io.sixjoin.jrc.tunnel.InMemoryTunnelTransport;
import io.sixjoin.jrc.tunnel.TunnelConnector;
import io.sixjoin.stack.cojp.PledgeId;
import io.sixjoin.stack.cojp.PledgeJoin;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * An emulated network with everything it needs in this JVM: a JRC on its own SQLite store with every mote
 * provisioned, the emulated border-router mote serving its serial line on loopback TCP, and a bridge attached to
 * that line through the real TCP serial path, reaching the JRC through the IPv6-in-UDP tunnel on loopback or an
 * in-memory tunnel. These are the code paths hardware uses; only the radio is emulated. Used by
 * {@code sixjoin emulate --jrc in-process} and {@code sixjoin demo}.
 */
final class LocalDeployment implements Closeable {
    /** How the bridge reaches the JRC. */
    enum Tunnel { UDP, IN_MEMORY }

    /**
     * @param data       where the JRC's store and the bridge's state go
     * @param tunnel     UDP on loopback (as with a remote JRC) or in memory
     * @param bridgePcap an IPv6 capture the bridge writes, if wanted
     */
    record Options(Path data, Tunnel tunnel, Optional<Path> bridgePcap, Consumer<String> console) {
    }

    private final JrcServer jrc;
    private final TunnelConnector tunnel;
    private final Emulation emulation;
    private final SerialServer serial;
    private final Bridge bridge;

    private LocalDeployment(JrcServer jrc, TunnelConnector tunnel, Emulation emulation, SerialServer serial,
            Bridge bridge) {
        this.jrc = jrc;
        this.tunnel = tunnel;
        this.emulation = emulation;
        this.serial = serial;
        this.bridge = bridge;
    }

    /** Provisions, starts the JRC, the emulated motes' serial line and the bridge, and waits for the root. */
    static LocalDeployment start(EmulationConfig config, Options options) throws IOException, InterruptedException {
        JrcProfile profile = config.profile() == PledgeJoin.Profile.OPENWSN ? JrcProfile.OPENWSN : JrcProfile.RFC9031;
        // an emulated network's keys may be reproducible; a real deployment's JRC uses SecureRandom
        Jrc jrc = Jrc.start(options, config.credentials(), profile, config.networkId(),
                new SplittableRandom(config.seed()), new SplittableRandom(config.seed() ^ 0x5eed), JoinLog.NONE);
        Emulation emulation = null;
        Bridge bridge = null;
        try {
            emulation = Emulation.create(config);
            SerialServer serial = emulation.serveSerial(LOOPBACK);
            String spec = "tcp://127.0.0.1:" + serial.address().getPort();
            MoteCredentials root = config.credentials().get(config.rootIndex());
            bridge = jrc.bridge(spec, root, config.networkId(), new java.util.Random(config.seed()), options);
            if (!emulation.awaitRoot(Duration.ofSeconds(60))) {
                throw new IOException("the bridge did not make the emulated border router root within 60 s: "
                        + bridge.statusLine());
            }
            return new LocalDeployment(jrc.server, jrc.tunnel, emulation, serial, bridge);
        } catch (IOException | InterruptedException | RuntimeException e) {
            if (bridge != null) {
                bridge.close();
            }
            if (emulation != null) {
                emulation.close();
            }
            jrc.server.close();
            throw e;
        }
    }

    /**
     * The JRC and bridge of {@code sixjoin demo --hardware}: the same wiring with a real border-router mote at
     * {@code serial} instead of the emulated one. Returns once the bridge runs; it makes the mote root by itself.
     */
    static Hardware startHardware(String serial, List<MoteCredentials> credentials, JrcProfile profile,
            byte[] networkId, boolean insecureDefaultPsk, Options options, JoinLog log) throws IOException {
        MoteCredentials root = credentials.stream().filter(MoteCredentials::borderRouter).findFirst()
                .orElseThrow(() -> new BadInputException("the pledge file names no border router: give the mote "
                        + "attached to the serial port the role 6lbr"));
        java.security.SecureRandom random = new java.security.SecureRandom();
        Jrc jrc = Jrc.start(options, credentials, profile, networkId, random, random, log, insecureDefaultPsk);
        try {
            Bridge bridge = jrc.bridge(serial, root, networkId, random, options);
            return new Hardware(jrc.server, bridge);
        } catch (IOException | RuntimeException e) {
            jrc.server.close();
            throw e;
        }
    }

    /** A JRC and a bridge on real hardware; closing stops both. */
    record Hardware(JrcServer jrc, Bridge bridge) implements Closeable {
        @Override
        public void close() {
            try {
                bridge.close();
            } finally {
                jrc.close();
            }
        }
    }

    private static final InetSocketAddress LOOPBACK = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    /** A started JRC with its tunnel, and how a bridge reaches it. */
    private record Jrc(JrcServer server, TunnelConnector tunnel, InMemoryTunnelTransport memory, Tunnel kind) {
        static Jrc start(Options options, List<MoteCredentials> credentials, JrcProfile profile, byte[] networkId,
                java.util.random.RandomGenerator storeRandom, java.util.random.RandomGenerator jrcRandom, JoinLog log)
                throws IOException {
            return start(options, credentials, profile, networkId, storeRandom, jrcRandom, log, false);
        }

        static Jrc start(Options options, List<MoteCredentials> credentials, JrcProfile profile, byte[] networkId,
                java.util.random.RandomGenerator storeRandom, java.util.random.RandomGenerator jrcRandom, JoinLog log,
                boolean insecureDefaultPsk) throws IOException {
            StoreLocation location = StoreLocation.dataDirectory(options.data().resolve("jrc"));
            try (JrcStore store = JrcStore.open(location, Clock.systemUTC(), storeRandom)) {
                for (MoteCredentials c : credentials) {
                    PledgeId id = PledgeId.of(c.eui64().bytes());
                    if (store.pledges().find(id).isEmpty()) {
                        store.pledges().add(new ProvisionedPledge(id, c.psk(),
                                c.borderRouter() ? PledgeRole.SIX_LBR : PledgeRole.NODE));
                    }
                }
            }
            JrcConfig jrcConfig = new JrcConfig(List.of(LOOPBACK), Optional.of(LOOPBACK), location,
                    Optional.of(HexFormat.of().formatHex(networkId)), profile, insecureDefaultPsk, OptionalLong.empty(),
                    Optional.of(BridgeConfig.defaultJrcAddress(BridgeConfig.DEFAULT_PREFIX)), OptionalLong.empty(),
                    RateLimiter.Limits.DEFAULT);
            InMemoryTunnelTransport memory = new InMemoryTunnelTransport();
            TunnelConnector tunnel = options.tunnel() == Tunnel.UDP ? TunnelFactory.create(jrcConfig)
                    : TunnelFactory.inProcess(jrcConfig, memory);
            JrcServer server = JrcServer.start(jrcConfig, Clock.systemUTC(), jrcRandom, log, tunnel);
            return new Jrc(server, tunnel, memory, options.tunnel());
        }

        Bridge bridge(String spec, MoteCredentials root, byte[] networkId, java.util.Random random, Options options)
                throws IOException {
            BridgeConfig bc = BridgeConfig.of(spec, root.psk()).withPledgeId(PledgeId.of(root.eui64().bytes()))
                    .withNetworkId(networkId).withStatusInterval(Duration.ZERO);
            if (options.bridgePcap().isPresent()) {
                bc = bc.withCaptures(options.bridgePcap().get(), null);
            }
            Uplink uplink = kind == Tunnel.UDP ? new TunnelUplink(tunnel.getAddress(), null)
                    : new InProcessUplink(memory, "bridge-1");
            // seeded like the JRC in an emulation: with both, a virtual-time run repeats event for event
            return Bridge.builder(bc).uplink(uplink).random(random)
                    .serial(SerialLinks.opener(spec, SerialLinks.DEFAULT_BAUD))
                    .sequences(SequenceFiles.in(options.data().resolve("bridge-state")))
                    .replayWindows(SequenceFiles.windowsIn(options.data().resolve("bridge-state")))
                    .console(options.console()).build().start();
        }
    }

    Emulation emulation() {
        return emulation;
    }

    JrcServer jrc() {
        return jrc;
    }

    /** The JRC's side of the bridges' tunnel (its counters say what it could not route). */
    TunnelConnector tunnel() {
        return tunnel;
    }

    Bridge bridge() {
        return bridge;
    }

    SerialServer serial() {
        return serial;
    }

    @Override
    public void close() throws IOException {
        try {
            bridge.close();
        } finally {
            try {
                emulation.close();
            } finally {
                jrc.close();
            }
        }
    }
}
