package io.sixjoin.cli;

import io.sixjoin.emulator.mote.MoteRecord;
import io.sixjoin.emulator.run.Emulation;
import io.sixjoin.emulator.run.EmulationReport;

import java.io.PrintStream;
import java.util.HexFormat;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * The human side of an emulation run: the live progress line (motes synchronised and joined, emulated time,
 * speed factor; rewritten in place on a terminal, one line every ten seconds into a log) and the final table
 * with one row per mote (EUI-64, short address, hops, join time, attempts) and the totals. Shared by
 * {@code sixjoin emulate} and {@code sixjoin demo}.
 */
final class NetworkSummary {
    private static final long LOG_EVERY_NANOS = 10_000_000_000L;

    private final PrintStream out;
    private final boolean terminal;
    private long lastLogged;
    private boolean lineOpen;

    NetworkSummary(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    /** Shows {@code p}. */
    void progress(Emulation.Progress p) {
        progress(p, Double.NaN);
    }

    /** Shows {@code p} and, if known, the mean join latency so far (first Join Request to joined). */
    void progress(Emulation.Progress p, double meanJoinSeconds) {
        String line = String.format(Locale.ROOT, "%d/%d joined, %d synchronised, %d routed%s; emulated %s, %.0fx real time",
                p.joined(), p.pledges(), p.synced(), p.routed(),
                Double.isNaN(meanJoinSeconds) ? "" : String.format(Locale.ROOT, ", mean join latency %.1f s",
                        meanJoinSeconds), clock(p.virtualMicros()), p.speed());
        if (terminal) {
            out.print("\r" + line + "   ");
            out.flush();
            lineOpen = true;
        } else if (p.wallNanos() - lastLogged >= LOG_EVERY_NANOS) {
            lastLogged = p.wallNanos();
            out.println(line);
        }
    }

    /** Ends the progress line. */
    void endProgress() {
        if (lineOpen) {
            out.println();
            lineOpen = false;
        }
    }

    /** Prints the per-mote table and the totals of {@code report}. */
    void table(EmulationReport report, int maxRows) {
        endProgress();
        out.println();
        out.println(String.format(Locale.ROOT, "%-5s %-16s %-6s %4s %10s %8s", "mote", "EUI-64", "short", "hops",
                "joined at", "attempts"));
        int shown = 0;
        int[] hops = report.hopCounts();
        for (int i = 0; i < report.motes().size(); i++) {
            if (shown == maxRows) {
                out.println("... " + (report.motes().size() - shown) + " more in the report");
                break;
            }
            MoteRecord r = report.motes().get(i);
            OptionalLong joined = r.joinedAt();
            out.println(String.format(Locale.ROOT, "%-5d %-16s %-6s %4s %10s %8s", i,
                    HexFormat.of().formatHex(r.address().bytes()),
                    i == report.rootIndex() ? "root" : r.shortAddress().isPresent()
                            ? String.format("%04x", r.shortAddress().getAsLong()) : "-",
                    hops[i] >= 0 ? String.valueOf(hops[i]) : "-",
                    i == report.rootIndex() ? "-" : joined.isPresent() ? clock(joined.getAsLong()) : "never",
                    i == report.rootIndex() ? "-" : String.valueOf(r.attempts())));
            shown++;
        }
        out.println();
        OptionalLong formation = report.formationMicros();
        out.println(String.format(Locale.ROOT, "%d of %d motes joined%s; %d frames on the air, %d collisions, "
                        + "duty cycle %.2f %%; %s emulated in %.1f s wall (%.0fx); trace %s",
                report.joined(), report.pledges(),
                formation.isPresent() ? ", network formed at " + clock(formation.getAsLong()) : "",
                report.medium().framesSent(), report.medium().collisions(), 100 * report.mac().dutyCycle(),
                clock(report.virtualMicros()), report.wallNanos() / 1e9, report.speedFactor(),
                report.traceHash().substring(0, 16)));
    }

    /** h:mm:ss.s of virtual time. */
    static String clock(long micros) {
        long tenths = micros / 100_000;
        long s = tenths / 10;
        return String.format(Locale.ROOT, "%d:%02d:%02d.%d", s / 3600, s / 60 % 60, s % 60, tenths % 10);
    }
}
