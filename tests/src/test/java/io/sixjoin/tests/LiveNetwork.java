package io.sixjoin.tests;

import io.sixjoin.emulator.kernel.SeededRandom;
import io.sixjoin.emulator.medium.LinkModel;
import io.sixjoin.emulator.pcap.RadioCapture;
import io.sixjoin.emulator.run.Emulation;
import io.sixjoin.emulator.run.EmulationConfig;
import io.sixjoin.emulator.run.MoteCredentials;
import io.sixjoin.emulator.serial.SerialServer;
import io.sixjoin.emulator.topology.Topologies;
import io.sixjoin.stack.cojp.PledgeJoin;
import io.sixjoin.tests.Deployment.Network;
import io.sixjoin.tests.Deployment.Pledge;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * An emulated network in the test's JVM, for what {@code sixjoin emulate} cannot do yet: go on emulating after the
 * network formed, so that a JRC and a bridge can still reach the motes (a rekey, an eviction). It is built from the
 * same options as {@link Deployment.Network} the way {@code emulate} builds it (random or named topology, reach 30 m,
 * the grey-zone link model, credentials derived from the seed), so {@code emulate --export-pledges} provisions it,
 * and its border-router mote's serial line is served on loopback TCP exactly as {@code emulate --serial-server}
 * serves it: the bridge and the JRC stay real processes. After formation, {@link #keepRunning} emulates on in a
 * thread, paced to a fixed multiple of the wall clock rather than flat out, so the emulated time a rekey's wall-clock
 * waits take stays small and a core is left to the processes.
 */
final class LiveNetwork implements AutoCloseable {
    static final double REACH = 30;

    private final Emulation emulation;
    private final SerialServer serial;
    private final RadioCapture capture;
    private Thread runner;
    private volatile boolean stopping;
    private volatile Throwable failure;

    private LiveNetwork(Emulation emulation, Path radioPcap) throws IOException {
        this.emulation = emulation;
        this.capture = RadioCapture.create(radioPcap, emulation.kernel().clock());
        emulation.medium().setTap(capture);
        this.serial = emulation.serveSerial(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    /** Builds the network and serves its serial line; every radio frame goes to {@code radioPcap}, as with --pcap. */
    static LiveNetwork start(Network network, Path radioPcap) throws Exception {
        var topology = Topologies.resolve(network.topology(), network.motes(), REACH, new SeededRandom(network.seed()));
        EmulationConfig config = EmulationConfig.of(topology, network.seed(), LinkModel.greyZone(REACH * 5 / 6, REACH),
                11).withProfile(PledgeJoin.Profile.valueOf(network.profile().toUpperCase(Locale.ROOT)));
        return new LiveNetwork(Emulation.create(config), radioPcap);
    }

    /** The motes' credentials as {@code emulate --export-pledges} writes them. */
    List<Pledge> pledges() {
        List<Pledge> out = new ArrayList<>();
        for (MoteCredentials c : emulation.config().credentials()) {
            out.add(new Pledge(c.euiHex(), HexFormat.of().formatHex(c.psk().secret()), c.borderRouter() ? "6lbr"
                    : "node"));
        }
        return out;
    }

    /** Where {@code sixjoin bridge --serial} attaches. */
    String serialLine() {
        return "tcp://127.0.0.1:" + serial.address().getPort();
    }

    Emulation emulation() {
        return emulation;
    }

    /** Waits for a bridge to make the border router root, then emulates until every mote joined and has a route. */
    boolean form(Duration maxVirtual) throws InterruptedException {
        if (!emulation.awaitRoot(Deployment.START)) {
            throw new AssertionError("no bridge made the border-router mote root in " + Deployment.START);
        }
        return emulation.runUntilFormed(maxVirtual, p -> { });
    }

    /** Emulates on in a thread at {@code speed} emulated seconds per wall second until {@link #stopRunning}. */
    void keepRunning(double speed) {
        runner = new Thread(() -> {
            long wall0 = System.nanoTime();
            long virtual0 = emulation.kernel().clock().nowMicros();
            try {
                while (!stopping) {
                    long target = virtual0 + (long) ((System.nanoTime() - wall0) / 1000.0 * speed);
                    if (target > emulation.kernel().clock().nowMicros()) {
                        emulation.run(() -> stopping, Duration.of(target, ChronoUnit.MICROS), p -> { });
                    } else {
                        Thread.sleep(2);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Throwable t) {
                failure = t;
            }
        }, "live-network");
        runner.setDaemon(true);
        runner.start();
    }

    /** Stops the thread; afterwards the motes' state may be read from this thread. */
    void stopRunning() throws InterruptedException {
        stopping = true;
        if (runner != null) {
            runner.join(TimeUnit.SECONDS.toMillis(10));
            if (runner.isAlive()) {
                runner.interrupt();
                runner.join(TimeUnit.SECONDS.toMillis(10));
            }
        }
        if (failure != null) {
            throw new AssertionError("the emulation failed: " + failure, failure);
        }
    }

    @Override
    public void close() throws Exception {
        try {
            stopRunning();
        } finally {
            try {
                emulation.close();
            } finally {
                capture.close();
            }
        }
    }
}
