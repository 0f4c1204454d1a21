package io.sixjoin.cli;

import io.sixjoin.emulator.run.Emulation;
import io.sixjoin.emulator.run.EmulationConfig;
import io.sixjoin.jrc.JrcStats;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * An emulated network joined through a JRC and a bridge in this JVM, exactly as {@code sixjoin emulate} runs it
 * (JRC on a fresh SQLite store, the bridge on the emulated border router's TCP serial line, an in-memory tunnel
 * between them), opened to code outside this package. It exists so that {@code sixjoin bench emulate} measures
 * the same code paths as the command users run, without the bench copying {@link LocalDeployment}'s start-up.
 * The components' per-event INFO logs are turned down to warnings, as {@code emulate} and {@code demo} do.
 */
public final class InProcessNetwork implements Closeable {
    private final LocalDeployment deployment;

    private InProcessNetwork(LocalDeployment deployment) {
        this.deployment = deployment;
    }

    /**
     * Provisions every mote in a new JRC store under {@code data}, starts the JRC, the emulated network's serial
     * line and the bridge, and waits until the bridge has made the border router root; nothing runs yet.
     */
    public static InProcessNetwork start(EmulationConfig config, Path data) throws IOException, InterruptedException {
        QuietLogs.apply();
        return new InProcessNetwork(LocalDeployment.start(config, new LocalDeployment.Options(data,
                LocalDeployment.Tunnel.IN_MEMORY, Optional.empty(), line -> { })));
    }

    /** The emulation to run (on the calling thread). */
    public Emulation emulation() {
        return deployment.emulation();
    }

    /** The JRC's counters: joins answered, and requests dropped and why (a run that stalls shows it here). */
    public JrcStats jrcStats() {
        return deployment.jrc().stats();
    }

    @Override
    public void close() throws IOException {
        deployment.close();
    }
}
