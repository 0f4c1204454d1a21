package io.sixjoin.cli;

import io.sixjoin.cli.bench.BridgeBenchCommand;
import io.sixjoin.cli.bench.EmulateBenchCommand;
import io.sixjoin.cli.bench.JrcBenchCommand;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sixjoin bench}: the project's benchmarks. Timings live here and in {@code docs/benchmarks.md}, never in
 * unit tests; every benchmark runs its baseline in the same invocation and reports the ratio, because absolute
 * rates say more about the machine than about the code.
 */
@Command(name = "bench",
        description = "Run a benchmark and record its results in docs/benchmarks.md.",
        subcommands = {JrcBenchCommand.class, BridgeBenchCommand.class, EmulateBenchCommand.class},
        footer = {"", "Exit codes: 0 success (a goal not met is reported, not an error), 1 failure at run time,"
                + " 2 bad usage."})
public final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("sixjoin bench: missing benchmark: jrc, bridge or emulate");
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }
}
