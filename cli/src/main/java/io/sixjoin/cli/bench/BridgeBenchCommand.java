package io.sixjoin.cli.bench;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

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
public final class BridgeBenchCommand extends RecordedBenchmark {
    static final String SECTION = "bench bridge";
    /** --only names, in run order. */
    static final List<String> SCENARIO_IDS = List.of("pty-115200", "pty-921600", "pty-unpaced", "tcp");

    private BridgeBenchmark.Settings settings;

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
        // The bridge's start-up lines (probe, join, root) would repeat four times between the results.
        if (System.getProperty("org.slf4j.simpleLogger.log.io.sixjoin.bridge") == null) {
            System.setProperty("org.slf4j.simpleLogger.log.io.sixjoin.bridge", "warn");
        }
        Machine machine = Machine.current();
        line(stdout, "encoding " + BridgeWorkload.RING + " distinct frames...");
        BridgeWorkload workload = new BridgeWorkload();
        line(stdout, String.format(Locale.ROOT, "'D' frame %d B, %.2f B on the wire; UART bound %.1f frames/s"
                + " at 115200, %.1f at 921600", workload.dataFrameLength, workload.meanWireBytes,
                BridgePacing.boundFramesPerSecond(115_200, workload.meanWireBytes),
                BridgePacing.boundFramesPerSecond(921_600, workload.meanWireBytes)));
        List<BridgeBenchmark.Result> results = new BridgeBenchmark(settings, workload, l -> line(stdout, l)).run();
        List<BridgeStageProfile.Stage> stages = List.of();
        if (!noProfile) {
            line(stdout, "profiling the stages...");
            stages = quick ? new BridgeStageProfile(0.2, 0.3).run(workload)
                    : new BridgeStageProfile(0.5, 1.0).run(workload);
        }
        BridgeBenchReport.Run run = new BridgeBenchReport.Run(machine, settings, workload, results, stages);
        stdout.println();
        BridgeBenchReport.console(run).forEach(stdout::println);
        return BridgeBenchReport.markdown(run, command());
    }

    /** The run's settings, with --quick's defaults for what was not given; rejects out-of-range values. */
    BridgeBenchmark.Settings settings() {
        double s = seconds("--seconds", seconds, quick ? 4 : 15, false, 600);
        double w = seconds("--warmup", warmup, quick ? 1 : 3, true, 600);
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
}
