package io.sixjoin.cli.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sixjoin bench jrc}: the JRC's joins/s against plain CoAP and stock cf-oscore in the same run, and its
 * heap per provisioned pledge (see {@link JrcBenchmark}). Every argument is checked, and the output file's
 * markers too, before the first measurement, so a typo costs a second and not three minutes.
 */
@Command(name = "jrc",
        description = {"Measure the JRC's joins/s over UDP loopback (durable store) against a plain Californium",
            "POST echo and a stock cf-oscore server with the same datagram sizes, and its heap per provisioned",
            "pledge; print a table and record it in the 'bench jrc' section of --out."},
        footer = {"", "The default run takes about 70 s on 2 cores. --quick takes about 30 s and writes",
            "--out only when --out is given, so a smoke test never replaces recorded results."})
public final class JrcBenchCommand implements Callable<Integer> {
    static final String SECTION = "bench jrc";
    static final String DEFAULT_OUT = "docs/benchmarks.md";

    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--pledges", paramLabel = "N",
            description = "Provisioned pledges the load cycles through (default 10000; --quick 1000).")
    Integer pledges;

    @Option(names = "--heap-pledges", paramLabel = "N",
            description = "Provisioned pledges for the heap measurement (default 100000; --quick 20000).")
    Integer heapPledges;

    @Option(names = "--joined-pledges", paramLabel = "N",
            description = "Of those, how many join once for the heap-per-joined figure (default 10000; --quick 1000).")
    Integer joinedPledges;

    @Option(names = "--seconds", paramLabel = "S",
            description = "Measured seconds per system (default 15; --quick 4).")
    Double seconds;

    @Option(names = "--warmup", paramLabel = "S",
            description = "Uncounted warm-up seconds per system (default 5; --quick 2).")
    Double warmup;

    @Option(names = "--concurrency", paramLabel = "C", defaultValue = "32",
            description = "Requests in flight, each on its own socket, 1 to 256 (default ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--quick", description = "A short run with fewer pledges, for a smoke test.")
    boolean quick;

    @Option(names = "--out", paramLabel = "FILE",
            description = "Markdown file whose 'bench jrc' section is replaced (default " + DEFAULT_OUT + ").")
    Path out;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        JrcBenchmark.Settings settings;
        Path target;
        try {
            settings = settings();
            target = target();
            if (target != null) {
                new DocSection(SECTION).checkTarget(target);
            }
        } catch (IllegalArgumentException e) {
            err.println("sixjoin bench jrc: " + e.getMessage());
            return 2;
        }
        PrintWriter stdout = spec.commandLine().getOut();
        try {
            JrcBenchmark.Results results = new JrcBenchmark(settings, line -> {
                stdout.println(line);
                stdout.flush();
            }).run();
            stdout.println();
            JrcBenchReport.console(results).forEach(stdout::println);
            if (target != null) {
                new DocSection(SECTION).writeInto(target, JrcBenchReport.markdown(results, command()));
                stdout.println("recorded in " + target);
            } else {
                stdout.println("not recorded (--quick without --out)");
            }
            stdout.flush();
            return 0;
        } catch (IOException | RuntimeException e) {
            err.println("sixjoin bench jrc: failed: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            return 1;
        }
    }

    /** The run's settings, with --quick's defaults for what was not given; rejects out-of-range values. */
    JrcBenchmark.Settings settings() {
        int n = positive("--pledges", pledges, quick ? 1_000 : 10_000, 1_000_000);
        int heap = positive("--heap-pledges", heapPledges, quick ? 20_000 : 100_000, 10_000_000);
        int joined = positive("--joined-pledges", joinedPledges, quick ? 1_000 : 10_000, 1_000_000);
        if (joined > heap) {
            throw new IllegalArgumentException("--joined-pledges (" + joined + ") cannot exceed --heap-pledges ("
                    + heap + ")");
        }
        double s = seconds("--seconds", seconds, quick ? 4 : 15, false);
        double w = seconds("--warmup", warmup, quick ? 2 : 5, true);
        if (concurrency < 1 || concurrency > 256) {
            throw new IllegalArgumentException("--concurrency must be 1 to 256 (one 1-byte CoAP token per"
                    + " request in flight), got " + concurrency);
        }
        if (concurrency > n) {
            throw new IllegalArgumentException("--concurrency (" + concurrency + ") cannot exceed --pledges (" + n
                    + "): a pledge has at most one Join Request in flight");
        }
        return new JrcBenchmark.Settings(n, heap, joined, w, s, concurrency);
    }

    private static int positive(String name, Integer given, int byDefault, int max) {
        int v = given == null ? byDefault : given;
        if (v < 1 || v > max) {
            throw new IllegalArgumentException(name + " must be 1 to " + max + ", got " + v);
        }
        return v;
    }

    private static double seconds(String name, Double given, double byDefault, boolean zeroAllowed) {
        double v = given == null ? byDefault : given;
        if (Double.isNaN(v) || v < 0 || (v == 0 && !zeroAllowed) || v > 3600) {
            throw new IllegalArgumentException(name + " must be " + (zeroAllowed ? "0" : "more than 0")
                    + " to 3600 seconds, got " + given);
        }
        return v;
    }

    /** Where results go: --out, or the default unless this is a --quick run. */
    Path target() {
        if (out != null) {
            return out;
        }
        return quick ? null : Path.of(DEFAULT_OUT);
    }


    private String command() {
        // the root command's parse result holds the whole command line, "bench jrc" included
        return ("sixjoin " + String.join(" ", spec.root().commandLine().getParseResult().originalArgs())).strip();
    }
}
