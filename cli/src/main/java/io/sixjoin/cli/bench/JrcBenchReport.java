package io.sixjoin.cli.bench;

import io.sixjoin.jrc.JrcStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns {@link JrcBenchmark.Results} into the console table and the Markdown section of
 * {@code docs/benchmarks.md}. The goals live here, next to the text that reports them, so the printed verdict
 * and the recorded one cannot disagree.
 */
public final class JrcBenchReport {
    /** The goals. */
    static final double GOAL_RATIO_TO_PLAIN = 0.5;
    static final double GOAL_RATIO_TO_STOCK = 2.0;
    static final double GOAL_BYTES_PER_PROVISIONED = 256;

    private JrcBenchReport() {
    }

    /** One line per system, then the goals, for stdout. */
    public static List<String> console(JrcBenchmark.Results r) {
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, "%-24s %14s %9s %9s %7s %11s %5s %6s %9s %9s", "system", "rate",
                "p50", "p99", "failed", "sizes", "CPU", "others", "vs plain", "vs stock"));
        for (Row row : rows(r)) {
            out.add(String.format(Locale.ROOT, "%-24s %14s %9s %9s %7d %11s %5.2f %6.2f %9s %9s", row.name(),
                    rate(row.outcome(), row.unit()), micros(row.outcome().p50Micros()),
                    micros(row.outcome().p99Micros()), failures(row.outcome()), sizes(row.sizes()),
                    row.outcome().cpuCores(), row.outcome().otherCores(),
                    ratio(row.outcome().rate(), r.plain().rate()), ratio(row.outcome().rate(), r.stock().rate())));
        }
        out.add("");
        for (Goal g : goals(r)) {
            out.add(String.format(Locale.ROOT, "goal: %-46s %-10s measured %-12s %s", g.what(), g.target(),
                    g.measured(), g.met() ? "MET" : "NOT MET"));
        }
        out.add(String.format(Locale.ROOT, "info: heap per joined pledge (context cached), %d joins: %.0f B",
                r.heap().joined(), r.heap().bytesPerJoined()));
        return out;
    }

    /** The body of the {@code bench jrc} section (without its markers). */
    public static String markdown(JrcBenchmark.Results r, String command) {
        Machine m = r.machine();
        JrcBenchmark.Settings s = r.settings();
        StringBuilder md = new StringBuilder();
        md.append(m.resultsHeader(command));
        md.append(String.format(Locale.ROOT, "- Load: %,d provisioned pledges, %d requests in flight (closed loop, "
                + "one loopback socket each); per system %.0f s warm-up, then %.0f s measured in " + JrcBenchmark.ROUNDS
                + " rounds interleaved with the other systems'. CPU is this "
                + "process's (server, load generator, JIT, GC) during the measurement; other processes is what the "
                + "rest of the machine used meanwhile (from /proc/stat; well above 0 means the ratios are suspect)%n",
                s.pledges(),
                s.concurrency(), s.warmupSeconds(), s.seconds()));
        md.append('\n');
        md.append("| System | Rate | p50 | p99 | Failed | Request / response | CPU (cores) | Other processes"
                + " (cores) | vs plain CoAP | vs stock cf-oscore |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Row row : rows(r)) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %d | %s | %.2f | %.2f | %s | %s |%n",
                    row.name(), rate(row.outcome(), row.unit()), micros(row.outcome().p50Micros()),
                    micros(row.outcome().p99Micros()), failures(row.outcome()), sizes(row.sizes()),
                    row.outcome().cpuCores(), row.outcome().otherCores(),
                    ratio(row.outcome().rate(), r.plain().rate()), ratio(row.outcome().rate(), r.stock().rate())));
        }
        md.append('\n');
        md.append("| Goal | Target | Measured | Met |\n|---|---|---|---|\n");
        for (Goal g : goals(r)) {
            md.append("| ").append(g.what()).append(" | ").append(g.target()).append(" | ").append(g.measured())
                    .append(" | ").append(g.met() ? "yes" : "**no**").append(" |\n");
        }
        JrcBenchmark.Heap h = r.heap();
        md.append('\n');
        md.append(String.format(Locale.ROOT, "Heap (used, after full GCs): JRC on an empty store %.1f MiB; with "
                + "%,d provisioned pledges %.1f MiB (%.1f B per pledge); after %,d of them joined once each "
                + "%.1f MiB more (%.0f B per joined pledge, for information).%n", h.emptyStore() / 1048576.0,
                h.provisioned(), h.provisionedStore() / 1048576.0, h.bytesPerProvisioned(), h.joined(),
                (h.afterJoins() - h.beforeJoins()) / 1048576.0, h.bytesPerJoined()));
        md.append('\n').append("JRC counters during its run: ").append(counters(r.jrcCounters())).append('\n');
        return md.toString();
    }

    private record Row(String name, String unit, LoadGenerator.Outcome outcome, JrcBenchmark.Sizes sizes) {
    }

    private static List<Row> rows(JrcBenchmark.Results r) {
        return List.of(new Row("sixjoin JRC (durable)", "joins/s", r.jrc(), r.jrcSizes()),
                new Row("plain CoAP (Californium)", "req/s", r.plain(), r.plainSizes()),
                new Row("stock cf-oscore", "req/s", r.stock(), r.stockSizes()));
    }

    record Goal(String what, String target, String measured, boolean met) {
    }

    static List<Goal> goals(JrcBenchmark.Results r) {
        return List.of(
                new Goal("JRC joins/s vs plain CoAP req/s", "≥ " + GOAL_RATIO_TO_PLAIN + "×",
                        ratio(r.jrc().rate(), r.plain().rate()), r.ratioToPlain() >= GOAL_RATIO_TO_PLAIN),
                new Goal("JRC joins/s vs stock cf-oscore req/s", "≥ " + GOAL_RATIO_TO_STOCK + "×",
                        ratio(r.jrc().rate(), r.stock().rate()), r.ratioToStock() >= GOAL_RATIO_TO_STOCK),
                new Goal(String.format(Locale.ROOT, "heap per provisioned pledge (%,d)", r.heap().provisioned()),
                        "≤ " + (int) GOAL_BYTES_PER_PROVISIONED + " B",
                        String.format(Locale.ROOT, "%.1f B", r.heap().bytesPerProvisioned()),
                        r.heap().bytesPerProvisioned() <= GOAL_BYTES_PER_PROVISIONED));
    }

    private static String rate(LoadGenerator.Outcome o, String unit) {
        return String.format(Locale.ROOT, "%,.0f %s", o.rate(), unit);
    }

    private static String micros(long us) {
        return us >= 10_000 ? String.format(Locale.ROOT, "%.1f ms", us / 1000.0)
                : String.format(Locale.ROOT, "%d µs", us);
    }

    private static long failures(LoadGenerator.Outcome o) {
        return o.failed() + o.timedOut();
    }

    private static String sizes(JrcBenchmark.Sizes s) {
        return s.request() + " / " + s.response() + " B";
    }

    static String ratio(double a, double b) {
        return b == 0 ? "n/a" : String.format(Locale.ROOT, "%.2f×", a / b);
    }

    /** Non-zero counters as "joined 1,234, drop_replay 5"; "none" when all are zero. */
    static String counters(Map<JrcStats.Event, Long> c) {
        StringBuilder sb = new StringBuilder();
        c.forEach((e, n) -> {
            if (n > 0) {
                sb.append(sb.length() == 0 ? "" : ", ").append(e.name().toLowerCase(Locale.ROOT)).append(' ')
                        .append(String.format(Locale.ROOT, "%,d", n));
            }
        });
        return sb.length() == 0 ? "none" : sb.toString();
    }
}
