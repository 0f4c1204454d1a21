package io.sixjoin.cli.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sixjoin bench emulate}: emulated network formation for each size, topology and slotframe, against the
 * M1 and M3 floors of {@code performance-floors.md} §4.2 computed in the same run, with the speed factor and the
 * heap per mote (see {@link EmulateBenchmark}); records a table in the 'bench emulate' section of {@code --out}
 * and a plot of joined pledges over time in {@code --plot}. Every argument, and both output files, are checked
 * before the first run, so a typo costs a second, not twenty minutes.
 */
@Command(name = "emulate", sortOptions = false,
        description = {"Emulate network formation, with the JRC and bridge in process as in",
            "'sixjoin emulate', for each size, topology and slotframe. Reports formation",
            "time (emulated), its ratio to the floors of performance-floors.md 4.2",
            "(M1 = 2*N*L*10 ms, M3 = e*M1), the speed factor (emulated s per wall s) and",
            "the heap per mote; prints a table, records it in the 'bench emulate' section",
            "of --out and plots joined pledges over time in --plot. A run that reaches",
            "--max-virtual or --max-wall-per-run first is reported as not formed, with",
            "how many pledges had joined."},
        footer = {"", "The default run (12 runs) takes about 15 minutes on 2 cores, most of it in",
            "the 1,000- and 10,000-pledge runs, which stop at the wall cap. --quick",
            "(100 pledges, slotframe 7, star and random) takes under a minute and writes",
            "--out and --plot only when --out is given.",
            "", "Examples:",
            "  sixjoin bench emulate",
            "  sixjoin bench emulate --quick",
            "  sixjoin bench emulate --sizes 100 --slotframes 7 --out /tmp/b.md \\",
            "      --plot /tmp/b.svg",
            "  sixjoin bench emulate --sizes 1000 --topologies star --max-wall-per-run 30m"})
public final class EmulateBenchCommand extends RecordedBenchmark {
    static final String SECTION = "bench emulate";
    static final String DEFAULT_PLOT = "docs/bench-emulate.svg";
    static final List<String> TOPOLOGIES = List.of("star", "random", "linear", "grid");
    static final int MAX_PLEDGES = 99_999;

    private EmulateBenchmark.Settings settings;

    @Option(names = "--sizes", paramLabel = "LIST", split = ",",
            description = "Pledges per network, comma-separated; a border router comes on top (default 100,1000,10000;"
                    + " --quick 100).")
    List<Integer> sizes;

    @Option(names = "--topologies", paramLabel = "LIST", split = ",",
            description = "star (every pledge one hop from the root), random (multi-hop), linear or grid, "
                    + "comma-separated (default star,random).")
    List<String> topologies;

    @Option(names = "--slotframes", paramLabel = "LIST", split = ",",
            description = "Slotframe lengths in slots, comma-separated (default 101,7; --quick 7).")
    List<Integer> slotframes;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
            description = "Seed of the topologies, credentials and every random choice (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--max-virtual", paramLabel = "DURATION",
            description = "Stop a run after this much emulated time, e.g. 90m, 24h (default 24h; --quick 2h).")
    String maxVirtual;

    @Option(names = "--max-wall-per-run", paramLabel = "DURATION",
            description = "Stop a run after this much wall time, set-up not counted, e.g. 100s, 30m (default 100s;"
                    + " --quick 30s).")
    String maxWallPerRun;

    @Option(names = "--plot", paramLabel = "FILE.svg",
            description = "Where the SVG plot of joined pledges over time goes (default " + DEFAULT_PLOT + ").")
    Path plot;

    @Override
    String section() {
        return SECTION;
    }

    @Override
    void validate() {
        settings = settings();
        Path p = plotTarget();
        if (p != null) {
            checkPlot(p);
        }
    }

    @Override
    String run(PrintWriter stdout) throws Exception {
        line(stdout, String.format(Locale.ROOT, "%d runs; each stops at formation, %s emulated or %s wall",
                settings.runs(), EmulateBenchReport.duration(settings.maxVirtual().toMillis() / 1e3),
                EmulateBenchReport.duration(settings.maxWallPerRun().toMillis() / 1e3)));
        EmulateBenchmark.Results results = new EmulateBenchmark(settings, l -> line(stdout, l)).run();
        stdout.println();
        EmulateBenchReport.console(results).forEach(stdout::println);
        Path p = plotTarget();
        String link = null;
        if (p != null) {
            writeAtomically(p, EmulateBenchReport.svg(results));
            stdout.println("plot: " + p);
            Path doc = target();
            link = doc == null ? p.toString() : relative(doc, p);
        }
        return EmulateBenchReport.markdown(results, command(), link);
    }

    /** The run's settings, with --quick's defaults for what was not given; rejects out-of-range values. */
    EmulateBenchmark.Settings settings() {
        List<Integer> n = distinct("--sizes", sizes, quick ? List.of(100) : List.of(100, 1_000, 10_000));
        for (int v : n) {
            if (v < 1 || v > MAX_PLEDGES) {
                throw new IllegalArgumentException("--sizes: each size must be 1 to " + MAX_PLEDGES + " pledges, got "
                        + v);
            }
        }
        List<String> t = new ArrayList<>();
        for (String s : distinct("--topologies", topologies, List.of("star", "random"))) {
            String name = s.strip().toLowerCase(Locale.ROOT);
            if (!TOPOLOGIES.contains(name)) {
                throw new IllegalArgumentException("--topologies: unknown topology '" + s + "' (expected "
                        + String.join(", ", TOPOLOGIES) + ")");
            }
            if (!t.contains(name)) {
                t.add(name);
            }
        }
        List<Integer> l = distinct("--slotframes", slotframes, quick ? List.of(7) : List.of(101, 7));
        for (int v : l) {
            if (v < 2 || v > 65_535) {
                throw new IllegalArgumentException("--slotframes: each must be 2 to 65535 slots (RFC 8180: 101), got "
                        + v);
            }
        }
        Duration virtual = duration("--max-virtual", maxVirtual, quick ? "2h" : "24h", Duration.ofDays(366));
        Duration wall = duration("--max-wall-per-run", maxWallPerRun, quick ? "30s" : "100s", Duration.ofDays(7));
        return new EmulateBenchmark.Settings(n, t, l, seed, virtual, wall);
    }

    /** Where the plot goes: --plot, or the default whenever the table is recorded. */
    Path plotTarget() {
        if (plot != null) {
            return plot;
        }
        return target() == null ? null : Path.of(DEFAULT_PLOT);
    }

    private static <T> List<T> distinct(String name, List<T> given, List<T> byDefault) {
        if (given == null) {
            return byDefault;
        }
        if (given.isEmpty()) {
            throw new IllegalArgumentException(name + ": give at least one value");
        }
        return List.copyOf(new LinkedHashSet<>(given));
    }

    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");

    /** A duration such as 90s, 30m, 2h or 1d, more than 0 and at most {@code max}. */
    static Duration duration(String name, String given, String byDefault, Duration max) {
        String text = given == null ? byDefault : given.strip();
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException(name + " '" + text + "': expected a number and a unit, e.g. 90s, 30m,"
                    + " 2h");
        }
        long v = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(v);
            case "s" -> Duration.ofSeconds(v);
            case "m" -> Duration.ofMinutes(v);
            case "h" -> Duration.ofHours(v);
            default -> Duration.ofDays(v);
        };
        if (d.isZero() || d.compareTo(max) > 0) {
            throw new IllegalArgumentException(name + " '" + text + "': expected more than 0 and at most "
                    + max.toDays() + "d");
        }
        return d;
    }

    private static void checkPlot(Path p) {
        Path parent = p.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new IllegalArgumentException("--plot " + p + ": directory " + parent
                    + " does not exist (run from the source tree, or give --plot)");
        }
        if (Files.isDirectory(p)) {
            throw new IllegalArgumentException("--plot " + p + " is a directory, not an SVG file");
        }
    }

    /** The plot's path as the Markdown file links to it: relative to the file's directory, with '/'. */
    static String relative(Path doc, Path plot) {
        Path from = doc.toAbsolutePath().normalize().getParent();
        return from.relativize(plot.toAbsolutePath().normalize()).toString().replace('\\', '/');
    }

    private static void writeAtomically(Path target, String text) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
