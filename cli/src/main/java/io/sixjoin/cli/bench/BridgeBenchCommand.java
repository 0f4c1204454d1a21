package io.sixjoin.cli.bench;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sixjoin bench bridge}: the radio bridge's frames/s, loss and added latency over a socat pty pair paced
 * at 115200 and 921600 baud, unpaced, and over TCP, against the UART bound computed from the same frames (see
 * {@link BridgeBenchmark}), plus a per-stage cost breakdown ({@link BridgeStageProfile}). Every argument and the
 * output file's markers are checked before the first measurement, so a typo costs a second, not two minutes.
 */
@Command(name = "bridge",
        description = {"Measure the radio bridge (serial read, HDLC, 6LoWPAN decompression, UDP tunnel uplink)",
            "with a scripted border-router mote: frames/s, loss and p50/p99 added latency over a socat pty paced",
            "at 115200 and 921600 baud, unpaced, and over TCP, against the UART bound computed in the same run;",
            "print a table and record it in the 'bench bridge' section of --out."},
        footer = {"", "The default run takes about 1.75 minutes on 2 cores. --quick takes about 40 s and writes --out",
            "only when --out is given, so a smoke test never replaces recorded results. Needs socat for the pty",
            "scenarios."})
public final class BridgeBenchCommand implements Callable<Integer> {
    static final String SECTION = "bench bridge";
    static final String DEFAULT_OUT = "docs/benchmarks.md";
    /** --only names, in run order. */
    static final List<String> SCENARIO_IDS = List.of("pty-115200", "pty-921600", "pty-unpaced", "tcp");

    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--seconds", paramLabel = "S", description = "Measured seconds per scenario (default 15;"
            + " --quick 4).")
    Double seconds;

    @Option(names = "--warmup", paramLabel = "S", description = "Uncounted warm-up seconds per scenario (default 3;"
            + " --quick 1).")
    Double warmup;

    @Option(names = "--only", paramLabel = "LIST", split = ",",
            description = "Scenarios to run, comma-separated: pty-115200, pty-921600, pty-unpaced, tcp (default all).")
    List<String> only;

    @Option(names = "--no-profile", description = "Skip the per-stage cost breakdown.")
    boolean noProfile;

    @Option(names = "--quick", description = "A short run, for a smoke test.")
    boolean quick;

    @Option(names = "--out", paramLabel = "FILE",
            description = "Markdown file whose 'bench bridge' section is replaced (default " + DEFAULT_OUT + ").")
    Path out;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        BridgeBenchmark.Settings settings;
        Path target;
        try {
            settings = settings();
            target = target();
            if (target != null) {
                new DocSection(SECTION).checkTarget(target);
            }
        } catch (IllegalArgumentException e) {
            err.println("sixjoin bench bridge: " + e.getMessage());
            return 2;
        }
        // The bridge's start-up lines (probe, join, root) would repeat four times between the results.
        if (System.getProperty("org.slf4j.simpleLogger.log.io.sixjoin.bridge") == null) {
            System.setProperty("org.slf4j.simpleLogger.log.io.sixjoin.bridge", "warn");
        }
        PrintWriter stdout = spec.commandLine().getOut();
        try {
            Machine machine = Machine.current();
            stdout.println("encoding " + BridgeWorkload.RING + " distinct frames...");
            stdout.flush();
            BridgeWorkload workload = new BridgeWorkload();
            stdout.println(String.format(Locale.ROOT, "'D' frame %d B, %.2f B on the wire; UART bound %.1f frames/s"
                    + " at 115200, %.1f at 921600", workload.dataFrameLength, workload.meanWireBytes,
                    BridgePacing.boundFramesPerSecond(115_200, workload.meanWireBytes),
                    BridgePacing.boundFramesPerSecond(921_600, workload.meanWireBytes)));
            stdout.flush();
            List<BridgeBenchmark.Result> results = new BridgeBenchmark(settings, workload, line -> {
                stdout.println(line);
                stdout.flush();
            }).run();
            List<BridgeStageProfile.Stage> stages = List.of();
            if (!noProfile) {
                stdout.println("profiling the stages...");
                stdout.flush();
                stages = quick ? new BridgeStageProfile(0.2, 0.3).run(workload)
                        : new BridgeStageProfile(0.5, 1.0).run(workload);
            }
            BridgeBenchReport.Run run = new BridgeBenchReport.Run(machine, settings, workload, results, stages);
            stdout.println();
            BridgeBenchReport.console(run).forEach(stdout::println);
            if (target != null) {
                new DocSection(SECTION).writeInto(target, BridgeBenchReport.markdown(run, command()));
                stdout.println("recorded in " + target);
            } else {
                stdout.println("not recorded (--quick without --out)");
            }
            stdout.flush();
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("sixjoin bench bridge: interrupted");
            return 1;
        } catch (Exception e) {
            err.println("sixjoin bench bridge: failed: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            return 1;
        }
    }

    /** The run's settings, with --quick's defaults for what was not given; rejects out-of-range values. */
    BridgeBenchmark.Settings settings() {
        double s = seconds("--seconds", seconds, quick ? 4 : 15, false);
        double w = seconds("--warmup", warmup, quick ? 1 : 3, true);
        return new BridgeBenchmark.Settings(w, s, scenarios(), maxFrames(w + s));
    }

    /**
     * Room for every frame's write and arrival time: a generous 250,000 frames/s (above what the bench writer
     * manages over loopback TCP here) for the whole run, capped so that two arrays stay under 128 MiB; a run that fills it stops
     * early and says so.
     */
    static int maxFrames(double totalSeconds) {
        return (int) Math.min(8L << 20, Math.max(1 << 16, (long) Math.ceil(totalSeconds * 250_000)));
    }

    List<BridgeBenchmark.Scenario> scenarios() {
        if (only == null || only.isEmpty()) {
            return BridgeBenchmark.ALL;
        }
        Set<String> wanted = new LinkedHashSet<>();
        for (String o : only) {
            String id = o.strip().toLowerCase(Locale.ROOT);
            if (!SCENARIO_IDS.contains(id)) {
                throw new IllegalArgumentException("--only: unknown scenario '" + o + "' (expected "
                        + String.join(", ", SCENARIO_IDS) + ")");
            }
            wanted.add(id);
        }
        List<BridgeBenchmark.Scenario> chosen = new ArrayList<>();
        for (int i = 0; i < SCENARIO_IDS.size(); i++) {
            if (wanted.contains(SCENARIO_IDS.get(i))) {
                chosen.add(BridgeBenchmark.ALL.get(i));
            }
        }
        return chosen;
    }

    private static double seconds(String name, Double given, double byDefault, boolean zeroAllowed) {
        double v = given == null ? byDefault : given;
        if (Double.isNaN(v) || v < 0 || (v == 0 && !zeroAllowed) || v > 600) {
            throw new IllegalArgumentException(name + " must be " + (zeroAllowed ? "0" : "more than 0")
                    + " to 600 seconds, got " + given);
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
        return ("sixjoin " + String.join(" ", spec.root().commandLine().getParseResult().originalArgs())).strip();
    }
}
