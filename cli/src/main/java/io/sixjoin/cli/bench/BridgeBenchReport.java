package io.sixjoin.cli.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns the results of {@link BridgeBenchmark} into the console table and the body of the {@code bench bridge}
 * section of {@code docs/benchmarks.md}. The goals are defined here, next to the text that reports them, so the
 * printed verdict and the recorded one cannot disagree.
 */
final class BridgeBenchReport {
    /** The goals. */
    static final double GOAL_RATIO_TO_BOUND = 0.95;
    static final long GOAL_P99_MICROS = 1000;
    static final double GOAL_TCP_FRAMES_PER_SECOND = 20_000;

    /** Everything one run produced. */
    record Run(Machine machine, BridgeBenchmark.Settings settings, BridgeWorkload workload,
            List<BridgeBenchmark.Result> results, List<BridgeStageProfile.Stage> stages) {
    }

    record Goal(String what, String target, String measured, boolean met) {
    }

    private BridgeBenchReport() {
    }

    static List<String> console(Run run) {
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, "%-21s %11s %11s %9s %9s %6s %9s %9s %9s %8s %19s %8s %16s %s",
                "scenario", "frames/s", "UART bound", "% bound", "frames", "lost", "p50", "p99", "max", "crc/line",
                "bridge fwd/written", "udp drop", "cpu jvm/relay/oth", ">1ms (episodes), bridge drops"));
        for (BridgeBenchmark.Result r : run.results()) {
            out.add(String.format(Locale.ROOT, "%-21s %11.0f %11.1f %9s %9d %6d %9s %9s %9s %8s %19s %8s %16s %s",
                    r.scenario().name(), r.framesPerSecond(), r.boundFramesPerSecond(), ofBound(r),
                    r.written(), r.lost(), micros(r.p50Micros()), micros(r.p99Micros()), micros(r.maxMicros()),
                    r.crcErrors() + "/" + r.lineErrors(), r.forwarded() + "/" + r.writtenTotal(),
                    udp(r.udpReceiveBufferErrors()), cpu(r.cpu()), r.slowFrames() + " (" + r.slowEpisodes() + "), "
                    + r.drops()));
        }
        out.add("(unpaced scenarios offer more than the bridge can take, so their latencies are queueing time)");
        out.add("");
        for (Goal g : goals(run.results())) {
            out.add(String.format(Locale.ROOT, "goal: %-44s %-16s measured %-22s %s", g.what(), g.target(),
                    g.measured(), g.met() ? "MET" : "NOT MET"));
        }
        if (!run.stages().isEmpty()) {
            out.add("");
            out.add("per-frame cost of each stage, one thread, in-process:");
            for (BridgeStageProfile.Stage s : run.stages()) {
                out.add(String.format(Locale.ROOT, "  %-44s %7.2f µs", s.name(), s.nanosPerFrame() / 1000.0));
            }
        }
        return out;
    }

    static String markdown(Run run, String command) {
        Machine m = run.machine();
        BridgeBenchmark.Settings s = run.settings();
        BridgeWorkload w = run.workload();
        StringBuilder md = new StringBuilder();
        md.append(m.resultsHeader(command));
        md.append(String.format(Locale.ROOT, "- Frames: 'D' frame of %d B (24 B header + %d B of 6LoWPAN carrying"
                + " a %d B OSCORE Join Request); on the wire with HDLC flags, FCS and escaping %.2f B on average"
                + " (%d to %d B)%n", w.dataFrameLength, w.lowpanLength, w.coapLength, w.meanWireBytes,
                w.minWireBytes(), w.maxWireBytes()));
        md.append(String.format(Locale.ROOT, "- UART bound computed in this run (8N1, 10 bits per byte): %.1f"
                + " frames/s at 115200 Bd, %.1f frames/s at 921600 Bd (§4.1's nominal figure for 127 B frames is"
                + " ≈84 frames/s at 115200)%n", BridgePacing.boundFramesPerSecond(115_200, w.meanWireBytes),
                BridgePacing.boundFramesPerSecond(921_600, w.meanWireBytes)));
        md.append(String.format(Locale.ROOT, "- %.0f s warm-up + %.0f s measured per scenario%n",
                s.warmupSeconds(), s.seconds()));
        md.append('\n');
        md.append("| Scenario | Frames/s | UART bound (frames/s) | % of bound | Frames measured | Lost (whole run) | p50 added |"
                + " p99 added | max added | CRC / line errors | Forwarded by the bridge / written (whole run) |"
                + " UDP receive-buffer drops | CPU cores: bench JVM / socat / other processes | GC | Frames > 1 ms (episodes) | Bridge drops |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (BridgeBenchmark.Result r : run.results()) {
            String q = r.scenario().paced() ? "" : " (queueing)";
            md.append(String.format(Locale.ROOT, "| %s | %,.0f | %,.1f%s | %s | %,d%s | %,d%s | %s%s | %s%s |"
                    + " %s%s | %d / %d | %,d / %,d | %s | %s | %d ms | %s | %s |%n", r.scenario().name(), r.framesPerSecond(),
                    r.boundFramesPerSecond(), r.scenario().paced() ? "" : " (at 921600)", ofBound(r),
                    r.written(), r.capped() ? " (capped)" : "", r.lost(),
                    r.corrupt() > 0 ? " (+" + r.corrupt() + " corrupt)" : "", micros(r.p50Micros()), q,
                    micros(r.p99Micros()), q, micros(r.maxMicros()), q, r.crcErrors(), r.lineErrors(), r.forwarded(),
                    r.writtenTotal(), udp(r.udpReceiveBufferErrors()), cpu(r.cpu()), r.cpu().gcMillis(),
                    r.scenario().paced() ? String.format(Locale.ROOT, "%,d (%d)", r.slowFrames(), r.slowEpisodes())
                    : "n/a", r.drops()));
        }
        md.append('\n');
        md.append("| Goal | Target | Measured | Met |\n|---|---|---|---|\n");
        for (Goal g : goals(run.results())) {
            md.append("| ").append(g.what()).append(" | ").append(g.target()).append(" | ").append(g.measured())
                    .append(" | ").append(g.met() ? "yes" : "**no**").append(" |\n");
        }
        if (!run.stages().isEmpty()) {
            md.append('\n').append("Per-frame CPU cost of each stage (one thread, in-process, same frames, after"
                    + " warm-up):\n\n| Stage | µs per frame |\n|---|---:|\n");
            for (BridgeStageProfile.Stage st : run.stages()) {
                md.append(String.format(Locale.ROOT, "| %s | %.2f |%n", st.name(), st.nanosPerFrame() / 1000.0));
            }
        }
        return md.toString();
    }

    static List<Goal> goals(List<BridgeBenchmark.Result> results) {
        List<Goal> goals = new ArrayList<>();
        for (BridgeBenchmark.Result r : results) {
            if (r.scenario().lineOnly()) {
                continue;
            }
            String name = r.scenario().name();
            if (r.scenario().paced()) {
                goals.add(new Goal(name + ": frames/s vs UART bound", "≥ 95 %",
                        String.format(Locale.ROOT, "%.1f %%", 100 * r.ratioToBound()),
                        r.ratioToBound() >= GOAL_RATIO_TO_BOUND));
                goals.add(new Goal(name + ": p99 added latency", "< 1 ms", micros(r.p99Micros()),
                        r.p99Micros() < GOAL_P99_MICROS));
            } else if (r.scenario().transport() == BridgeBenchmark.Transport.TCP) {
                goals.add(new Goal(name + ": frames/s", "≥ 20,000",
                        String.format(Locale.ROOT, "%,.0f", r.framesPerSecond()),
                        r.framesPerSecond() >= GOAL_TCP_FRAMES_PER_SECOND));
            }
            goals.add(new Goal(name + ": loss", "0", r.lost() + (r.corrupt() > 0 ? " + " + r.corrupt() + " corrupt"
                    : ""), r.lost() == 0 && r.corrupt() == 0));
        }
        return goals;
    }

    /** A paced run as a percentage of its bound; an unpaced one as a multiple of the 921600 bound. */
    private static String ofBound(BridgeBenchmark.Result r) {
        return r.scenario().paced() ? String.format(Locale.ROOT, "%.1f %%", 100 * r.ratioToBound())
                : String.format(Locale.ROOT, "%.0f×", r.ratioToBound());
    }

    private static String cpu(BridgeBenchmark.CpuWindow.Usage u) {
        return String.format(Locale.ROOT, "%.2f / %.2f / %.2f", u.ownCores(), u.relayCores(), u.otherCores());
    }

    private static String udp(long n) {
        return n < 0 ? "n/a" : Long.toString(n);
    }

    static String micros(long us) {
        return us >= 10_000 ? String.format(Locale.ROOT, "%.1f ms", us / 1000.0)
                : String.format(Locale.ROOT, "%d µs", us);
    }
}
