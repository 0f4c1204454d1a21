package io.sixjoin.cli.bench;

import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

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
public final class JrcBenchCommand extends RecordedBenchmark {
    static final String SECTION = "bench jrc";

    private JrcBenchmark.Settings settings;

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



    @Override
    String section() {
        return SECTION;
    }

    @Override
    void validate() {
        settings = settings();
    }

    @Override
    String run(PrintWriter stdout) throws Exception {
        JrcBenchmark.Results results = new JrcBenchmark(settings, l -> line(stdout, l)).run();
        stdout.println();
        JrcBenchReport.console(results).forEach(stdout::println);
        return JrcBenchReport.markdown(results, command());
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
        double s = seconds("--seconds", seconds, quick ? 4 : 15, false, 3600);
        double w = seconds("--warmup", warmup, quick ? 2 : 5, true, 3600);
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
}
