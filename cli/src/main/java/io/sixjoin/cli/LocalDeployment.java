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
    private final Emulation emulation;
    private final SerialServer serial;
    private final Bridge bridge;

    private LocalDeployment(JrcServer jrc, Emulation emulation, SerialServer serial, Bridge bridge) {
        this.jrc = jrc;
        this.emulation = emulation;
        this.serial = serial;
        this.bridge = bridge;
    }

    /** Provisions, starts the JRC, the emulated motes' serial line and the bridge, and waits for the root. */
    static LocalDeployment start(EmulationConfig config, Options options) throws IOException, InterruptedException {
        StoreLocation location = StoreLocation.dataDirectory(options.data().resolve("jrc"));
        JrcProfile profile = config.profile() == PledgeJoin.Profile.OPENWSN ? JrcProfile.OPENWSN : JrcProfile.RFC9031;
        try (JrcStore store = JrcStore.open(location, Clock.systemUTC(), new SplittableRandom(config.seed()))) {
            for (MoteCredentials c : config.credentials()) {
                PledgeId id = PledgeId.of(c.eui64().bytes());
                if (store.pledges().find(id).isEmpty()) {
                    store.pledges().add(new ProvisionedPledge(id, c.psk(),
                            c.borderRouter() ? PledgeRole.SIX_LBR : PledgeRole.NODE));
                }
            }
        }
        InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        JrcConfig jrcConfig = new JrcConfig(List.of(loopback), Optional.of(loopback), location,
                Optional.of(HexFormat.of().formatHex(config.networkId())), profile, false, OptionalLong.empty(),
                Optional.of(BridgeConfig.defaultJrcAddress(BridgeConfig.DEFAULT_PREFIX)), OptionalLong.empty(),
                RateLimiter.Limits.DEFAULT);
        InMemoryTunnelTransport memory = new InMemoryTunnelTransport();
        TunnelConnector tunnel = options.tunnel() == Tunnel.UDP ? TunnelFactory.create(jrcConfig)
                : TunnelFactory.inProcess(jrcConfig, memory);
        // an emulated network's keys may be reproducible; a real deployment's JRC uses SecureRandom
        JrcServer jrc = JrcServer.start(jrcConfig, Clock.systemUTC(), new SplittableRandom(config.seed() ^ 0x5eed),
                JoinLog.NONE, tunnel);
        Emulation emulation = null;
        Bridge bridge = null;
        try {
            emulation = Emulation.create(config);
            SerialServer serial = emulation.serveSerial(loopback);
            String spec = "tcp://127.0.0.1:" + serial.address().getPort();
            MoteCredentials rootCreds = config.credentials().get(config.rootIndex());
            BridgeConfig bc = BridgeConfig.of(spec, rootCreds.psk()).withNetworkId(config.networkId())
                    .withStatusInterval(Duration.ZERO);
            if (options.bridgePcap().isPresent()) {
                bc = bc.withCaptures(options.bridgePcap().get(), null);
            }
            Uplink uplink = options.tunnel() == Tunnel.UDP ? new TunnelUplink(tunnel.getAddress(), null)
                    : new InProcessUplink(memory, "bridge-1");
            // seeded like the JRC: with both, a virtual-time run repeats event for event
            bridge = Bridge.builder(bc).uplink(uplink).random(new java.util.Random(config.seed()))
                    .serial(SerialLinks.opener(spec, SerialLinks.DEFAULT_BAUD))
                    .sequences(SequenceFiles.in(options.data().resolve("bridge-state")))
                    .replayWindows(SequenceFiles.windowsIn(options.data().resolve("bridge-state")))
                    .console(options.console()).build().start();
            if (!emulation.awaitRoot(Duration.ofSeconds(60))) {
                throw new IOException("the bridge did not make the emulated border router root within 60 s: "
                        + bridge.statusLine());
            }
            return new LocalDeployment(jrc, emulation, serial, bridge);
        } catch (IOException | InterruptedException | RuntimeException e) {
            if (bridge != null) {
                bridge.close();
            }
            if (emulation != null) {
                emulation.close();
            }
            jrc.close();
            throw e;
        }
    }

    Emulation emulation() {
        return emulation;
    }

    JrcServer jrc() {
        return jrc;
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
