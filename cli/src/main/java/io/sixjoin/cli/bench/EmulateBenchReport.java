package io.sixjoin.cli.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * Turns {@link EmulateBenchmark.Results} into the console table, the Markdown section of {@code docs/benchmarks.md}
 * and the plot's data. The goals live here, next to the text that reports them, so the printed verdict and the
 * recorded one cannot disagree; a run that did not form is reported with how far it got and, for the floors, the
 * lower bound its emulated time gives ("more than ×"), never with an extrapolated formation time.
 */
public final class EmulateBenchReport {
    /** The goals. */
    static final double GOAL_STAR_RATIO_TO_M3 = 1.5;
    static final double GOAL_SPEED = 100;
    static final int GOAL_SPEED_PLEDGES = 1_000;
    static final int GOAL_COMPLETE_PLEDGES = 10_000;

    private EmulateBenchReport() {
    }

    /** A run in one line, for the progress output. */
    static String line(EmulateBenchmark.Run r) {
        String outcome = r.formed()
                ? String.format(Locale.ROOT, "formed in %s emulated = %.2f× M3 (%.2f× M1)",
                        duration(r.formationSeconds()), r.ratioToM3(), r.ratioToM1())
                : String.format(Locale.ROOT, "NOT formed (%s): %,d/%,d joined in %s emulated, > %.2f× M3",
                        r.stop().text, r.joined(), r.pledges(), duration(r.virtualMicros() / 1e6), r.ratioToM3());
        return String.format(Locale.ROOT, "%,d pledges, %s, slotframe %d: %s; %.0f× real time (%.1f s wall, "
                + "%.0f %% held for the host, set-up %.1f s); heap %,.0f B/mote (network), %,.0f B/mote "
                + "(deployment at end); JRC: %s", r.pledges(), r.topology(), r.slotframe(), outcome, r.speed(),
                r.wallNanos() / 1e9, held(r), r.setupNanos() / 1e9, r.networkBytesPerMote(),
                r.deploymentBytesPerMote(), JrcBenchReport.counters(r.jrcCounters()));
    }

    /** The table and the goals, for stdout. */
    static List<String> console(EmulateBenchmark.Results results) {
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, "%8s %-8s %4s %-14s %13s %11s %9s %9s %9s %9s %8s %9s %10s %10s",
                "pledges", "topology", "L", "outcome", "joined", "formation", "M1", "M3", "÷ M1", "÷ M3", "speed",
                "wall", "B/mote net", "B/mote end"));
        for (EmulateBenchmark.Run r : results.runs()) {
            out.add(String.format(Locale.ROOT,
                    "%,8d %-8s %4d %-14s %13s %11s %9s %9s %9s %9s %7.0f× %8.1fs %10.0f %10.0f",
                    r.pledges(), r.topology(), r.slotframe(), r.stop().text, joined(r),
                    r.formed() ? duration(r.formationSeconds()) : "> " + duration(r.virtualMicros() / 1e6),
                    duration(r.floors().m1Seconds()), duration(r.floors().m3Seconds()), ratio(r, r.ratioToM1()),
                    ratio(r, r.ratioToM3()), r.speed(), r.wallNanos() / 1e9, r.networkBytesPerMote(),
                    r.deploymentBytesPerMote()));
        }
        out.add("");
        for (Goal g : goals(results)) {
            out.add(String.format(Locale.ROOT, "goal: %-52s %-14s measured %-40s %s", g.what(), g.target(),
                    g.measured(), g.met() ? "MET" : "NOT MET"));
        }
        out.add(String.format(Locale.ROOT, "total wall time %s", duration(results.totalWallNanos() / 1e9)));
        return out;
    }

    /** The body of the {@code bench emulate} section (without its markers); {@code plot} is relative to it, or null. */
    static String markdown(EmulateBenchmark.Results results, String command, String plot) {
        Machine m = results.machine();
        EmulateBenchmark.Settings s = results.settings();
        StringBuilder md = new StringBuilder();
        md.append(m.resultsHeader(command));
        md.append(String.format(Locale.ROOT, "- Runs: %s pledges (plus the border router) × %s × slotframe %s; "
                + "seed %d; radio reach %.0f m (PRR 1 up to %.0f m); RFC 9031 pledges; JRC and bridge in process "
                + "(in-memory tunnel); caps per run: %s emulated, %s wall (set-up and heap probes not counted)%n",
                joinInts(s.sizes()), String.join(", ", s.topologies()), joinInts(s.slotframes()), s.seed(),
                EmulateBenchmark.REACH, EmulateBenchmark.REACH * 5 / 6, duration(s.maxVirtual().toMillis() / 1e3),
                duration(s.maxWallPerRun().toMillis() / 1e3)));
        md.append(String.format(Locale.ROOT, "- Whole invocation: %s wall%n",
                duration(results.totalWallNanos() / 1e9)));
        md.append('\n');
        md.append("| Pledges | Topology | L | Outcome | Joined / routed | Formation (emulated) | Last join | M1 | M3 "
                + "| ÷ M1 | ÷ M3 | Speed (emulated s / wall s) | Wall: run / set-up | Held for host | "
                + "Heap per mote: network / deployment at end |\n");
        md.append("|---:|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (EmulateBenchmark.Run r : results.runs()) {
            md.append(String.format(Locale.ROOT, "| %,d | %s | %d | %s | %s | %s | %s | %s | %s | %s | %s | %.0f× "
                            + "| %.1f s / %.1f s | %.0f %% | %,.0f B / %,.0f B |%n",
                    r.pledges(), r.topology(), r.slotframe(),
                    r.formed() ? "formed" : "**not formed** (" + r.stop().text + ")",
                    joined(r) + " / " + String.format(Locale.ROOT, "%,d", r.routed()),
                    r.formed() ? seconds(r.formationSeconds())
                            : "did not form within " + seconds(r.virtualMicros() / 1e6),
                    r.lastJoinMicros() >= 0 ? seconds(r.lastJoinMicros() / 1e6) : "—",
                    seconds(r.floors().m1Seconds()), seconds(r.floors().m3Seconds()), ratio(r, r.ratioToM1()),
                    ratio(r, r.ratioToM3()), r.speed(), r.wallNanos() / 1e9, r.setupNanos() / 1e9, held(r),
                    r.networkBytesPerMote(), r.deploymentBytesPerMote()));
        }
        md.append('\n');
        md.append("| Goal | Target | Measured | Met |\n|---|---|---|---|\n");
        for (Goal g : goals(results)) {
            md.append("| ").append(g.what()).append(" | ").append(g.target()).append(" | ").append(g.measured())
                    .append(" | ").append(g.met() ? "yes" : "**no**").append(" |\n");
        }
        md.append('\n');
        md.append("Formation is when the last pledge had joined (CoJP done) and announced its route (sent its first "
                + "DAO), as `sixjoin emulate` reports it; \"last join\" is CoJP alone, which is what the floors count. "
                + "For a run that did not form, ÷ M1 and ÷ M3 are lower bounds: the emulated time reached over the "
                + "floor. Speed is emulated time over the wall time of the run; \"held for host\" is the share of that "
                + "wall time in which virtual time stood still waiting for the JRC and the bridge to answer. Heap: "
                + "used heap after five full collections (`MemoryMXBean`), before and after building the "
                + "`Emulation` alone (the network: motes, MACs, medium, event queue), and before starting the "
                + "deployment and at the end of the run with it still live (network, JRC, bridge, all joined "
                + "state), each divided by the motes (pledges + 1).\n");
        md.append('\n').append("JRC counters at the end of each run:\n\n");
        for (EmulateBenchmark.Run r : results.runs()) {
            md.append(String.format(Locale.ROOT, "- %,d pledges, %s: %s%n", r.pledges(), r.label(),
                    JrcBenchReport.counters(r.jrcCounters())));
        }
        if (plot != null) {
            md.append('\n').append("![Joined pledges over emulated time, one panel per network size](").append(plot)
                    .append(")\n");
        }
        return md.toString();
    }

    record Goal(String what, String target, String measured, boolean met) {
    }

    static List<Goal> goals(EmulateBenchmark.Results results) {
        List<Goal> goals = new ArrayList<>();
        for (EmulateBenchmark.Run r : results.runs()) {
            if (r.topology().equals("star")) {
                double limit = GOAL_STAR_RATIO_TO_M3 * r.floors().m3Seconds();
                goals.add(new Goal(String.format(Locale.ROOT, "star formation, %,d pledges, L=%d", r.pledges(),
                        r.slotframe()), String.format(Locale.ROOT, "≤ %.1f× M3 (%s)", GOAL_STAR_RATIO_TO_M3,
                                seconds(limit)),
                        r.formed() ? String.format(Locale.ROOT, "%.2f× (%s)", r.ratioToM3(),
                                seconds(r.formationSeconds()))
                                : String.format(Locale.ROOT, "> %.2f× (not formed in %s; %,d/%,d joined)",
                                        r.ratioToM3(), seconds(r.virtualMicros() / 1e6), r.joined(), r.pledges()),
                        r.formed() && r.formationSeconds() <= limit));
            }
        }
        for (EmulateBenchmark.Run r : results.runs()) {
            if (r.pledges() == GOAL_SPEED_PLEDGES) {
                goals.add(new Goal(String.format(Locale.ROOT, "speed, %,d pledges, %s, L=%d", r.pledges(),
                        r.topology(), r.slotframe()), String.format(Locale.ROOT, "≥ %.0f× real time", GOAL_SPEED),
                        String.format(Locale.ROOT, "%.1f×", r.speed()), r.speed() >= GOAL_SPEED));
            }
        }
        for (EmulateBenchmark.Run r : results.runs()) {
            if (r.pledges() == GOAL_COMPLETE_PLEDGES) {
                goals.add(new Goal(String.format(Locale.ROOT, "%,d pledges complete, %s, L=%d", r.pledges(),
                        r.topology(), r.slotframe()), "every pledge formed",
                        r.formed() ? "formed in " + seconds(r.formationSeconds()) + " emulated, "
                                + String.format(Locale.ROOT, "%.0f s wall", r.wallNanos() / 1e9)
                                : String.format(Locale.ROOT,
                                        "%,d/%,d joined when the %s hit (%s emulated, %.0f s wall)",
                                        r.joined(), r.pledges(), r.stop().text, seconds(r.virtualMicros() / 1e6),
                                        r.wallNanos() / 1e9),
                        r.formed()));
            }
        }
        return goals;
    }

    /** The plot: a panel per size, a curve per run, the M3 floor of each slotframe. */
    static String svg(EmulateBenchmark.Results results) {
        TreeMap<Integer, List<EmulateBenchmark.Run>> bySize = new TreeMap<>();
        for (EmulateBenchmark.Run r : results.runs()) {
            bySize.computeIfAbsent(r.pledges(), k -> new ArrayList<>()).add(r);
        }
        List<JoinCurveSvg.Panel> panels = new ArrayList<>();
        bySize.forEach((n, runs) -> {
            List<JoinCurveSvg.Series> series = new ArrayList<>();
            TreeMap<Integer, Double> floors = new TreeMap<>();
            for (EmulateBenchmark.Run r : runs) {
                series.add(new JoinCurveSvg.Series(r.label(), r.joinMicros(), r.virtualMicros(), r.formed()));
                floors.put(r.slotframe(), r.floors().m3Seconds());
            }
            List<JoinCurveSvg.Floor> lines = new ArrayList<>();
            floors.forEach((l, m3) -> lines.add(new JoinCurveSvg.Floor("M3 L=" + l, m3)));
            panels.add(new JoinCurveSvg.Panel(String.format(Locale.ROOT, "%,d pledges", n), n, series, lines));
        });
        return JoinCurveSvg.render("sixjoin bench emulate: joined pledges over emulated time (seed "
                + results.settings().seed() + ")", panels);
    }

    private static String joined(EmulateBenchmark.Run r) {
        return String.format(Locale.ROOT, "%,d/%,d", r.joined(), r.pledges());
    }

    private static String ratio(EmulateBenchmark.Run r, double x) {
        return String.format(Locale.ROOT, r.formed() ? "%.2f×" : "> %.2f×", x);
    }

    private static double held(EmulateBenchmark.Run r) {
        return r.wallNanos() == 0 ? 0 : 100.0 * r.heldNanos() / r.wallNanos();
    }

    private static String joinInts(List<Integer> values) {
        List<String> s = new ArrayList<>();
        for (int v : values) {
            s.add(String.format(Locale.ROOT, "%,d", v));
        }
        return String.join(", ", s);
    }

    /** Seconds with a readable unit beside them, e.g. "1,508 s (25.1 min)". */
    static String seconds(double s) {
        String base = s < 100 ? String.format(Locale.ROOT, "%.1f s", s) : String.format(Locale.ROOT, "%,.0f s", s);
        return s < 120 ? base : base + " (" + duration(s) + ")";
    }

    /** A short human duration: seconds below 2 min, minutes below 2 h, hours above. */
    static String duration(double s) {
        if (s < 120) {
            return String.format(Locale.ROOT, "%.1f s", s);
        }
        if (s < 7200) {
            return String.format(Locale.ROOT, "%.1f min", s / 60);
        }
        return String.format(Locale.ROOT, "%.2f h", s / 3600);
    }
}
