package io.sixjoin.cli.bench;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What every {@code sixjoin bench} subcommand does around its measurement: check every argument and the output
 * file's markers before the first measurement (so a typo costs a second, not minutes), run, print the table, and
 * replace only its own section of {@code --out} — never after a {@code --quick} run without {@code --out}, so a
 * smoke test cannot overwrite recorded results. Exit codes: 0 done, 1 the run failed, 2 bad arguments.
 */
abstract class RecordedBenchmark implements Callable<Integer> {
    static final String DEFAULT_OUT = "docs/benchmarks.md";

    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--quick", description = "A short run, for a smoke test; recorded only with --out.")
    boolean quick;

    @Option(names = "--out", paramLabel = "FILE",
            description = "Markdown file whose section for this benchmark is replaced (default " + DEFAULT_OUT + ").")
    Path out;

    /** The section's name, e.g. {@code bench jrc}. */
    abstract String section();

    /** Parses and range-checks the options; an {@link IllegalArgumentException} names the bad one. */
    abstract void validate();

    /** Runs the benchmark, printing progress and the results table; returns the section's Markdown body. */
    abstract String run(PrintWriter stdout) throws Exception;

    @Override
    public final Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        String name = "sixjoin " + section();
        Path target;
        try {
            validate();
            target = target();
            if (target != null) {
                new DocSection(section()).checkTarget(target);
            }
        } catch (IllegalArgumentException e) {
            err.println(name + ": " + e.getMessage());
            return 2;
        }
        PrintWriter stdout = spec.commandLine().getOut();
        try {
            String body = run(stdout);
            if (target != null) {
                new DocSection(section()).writeInto(target, body);
                stdout.println("recorded in " + target);
            } else {
                stdout.println("not recorded (--quick without --out)");
            }
            stdout.flush();
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println(name + ": interrupted");
            return 1;
        } catch (Exception e) {
            err.println(name + ": failed: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            return 1;
        }
    }

    /** Where results go: --out, or the default unless this is a --quick run. */
    Path target() {
        if (out != null) {
            return out;
        }
        return quick ? null : Path.of(DEFAULT_OUT);
    }

    /** The command line as typed, for the record; the root's parse result holds all of it. */
    String command() {
        return ("sixjoin " + String.join(" ", spec.root().commandLine().getParseResult().originalArgs())).strip();
    }

    /** A duration option, {@code --quick}'s or the full default when absent, within 0 (if allowed) to {@code max} s. */
    static double seconds(String name, Double given, double byDefault, boolean zeroAllowed, double max) {
        double v = given == null ? byDefault : given;
        if (Double.isNaN(v) || v < 0 || (v == 0 && !zeroAllowed) || v > max) {
            throw new IllegalArgumentException(name + " must be " + (zeroAllowed ? "0" : "more than 0")
                    + " to " + (long) max + " seconds, got " + given);
        }
        return v;
    }

    /** Prints a line and flushes, so progress shows while a long run is under way. */
    static void line(PrintWriter stdout, String s) {
        stdout.println(s);
        stdout.flush();
    }
}
