package io.sixjoin.cli;

import io.sixjoin.emulator.pcap.RadioCapture;
import io.sixjoin.emulator.run.Emulation;
import io.sixjoin.emulator.run.EmulationReport;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Running an emulation the way {@code emulate} and {@code demo} both show it: an optional radio capture (closed
 * even if the user interrupts), the run until formed or {@code max}, an optional stretch after formation, the
 * per-mote table, and an optional JSON report. The commands add only their own lines around it.
 */
final class EmulationRun {
    /** How the run ended: the report, and the capture's frame count and first write error if one was taken. */
    record Outcome(boolean formed, EmulationReport report, long capturedFrames, Optional<IOException> captureError) {
    }

    private EmulationRun() {
    }

    static Outcome run(Emulation e, Duration max, Duration afterFormed, Optional<Path> pcap, Optional<Path> report,
            NetworkSummary summary, Consumer<Emulation.Progress> progress, PrintStream out)
            throws IOException, InterruptedException {
        RadioCapture capture = pcap.isPresent() ? RadioCapture.create(pcap.get(), e.kernel().clock()) : null;
        if (capture != null) {
            e.medium().setTap(capture);
        }
        Thread hook = new Thread(() -> {
            if (capture != null) {
                capture.close();
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        boolean formed;
        try {
            formed = e.runUntilFormed(max, progress);
            if (formed && !afterFormed.isZero()) {
                // the formed network keeps running: rekeying, evictions, a watching Wireshark
                summary.endProgress();
                out.println("network formed; emulating " + afterFormed.toSeconds() + " s more");
                e.run(() -> false, Duration.ofNanos(e.kernel().clock().nowMicros() * 1000).plus(afterFormed),
                        progress);
            }
        } finally {
            if (capture != null) {
                capture.close();
                e.medium().setTap(null);
            }
            Runtime.getRuntime().removeShutdownHook(hook);
        }
        EmulationReport r = EmulationReport.of(e);
        summary.table(r, 200);
        if (report.isPresent()) {
            try (OutputStream o = Files.newOutputStream(report.get())) {
                r.writeJson(o);
            }
        }
        return new Outcome(formed, r, capture == null ? 0 : capture.frames(),
                capture == null ? Optional.empty() : capture.error());
    }
}
