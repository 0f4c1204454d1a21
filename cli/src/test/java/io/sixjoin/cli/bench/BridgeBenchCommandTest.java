package io.sixjoin.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sixjoin.cli.SixjoinCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Argument checking of {@code bench bridge}: every case here must be refused before anything is measured. */
class BridgeBenchCommandTest {
    @TempDir
    Path tmp;

    private final BenchArguments cli = new BenchArguments("bridge");

    @Test
    void outOfRangeDurationsAreRefused() {
        String out = tmp.resolve("b.md").toString();
        cli.refused("--seconds must be more than 0", "--seconds", "0", "--out", out);
        cli.refused("--seconds must be more than 0", "--seconds", "-1", "--out", out);
        cli.refused("--seconds must be more than 0 to 600", "--seconds", "601", "--out", out);
        cli.refused("--seconds must be more than 0", "--seconds", "NaN", "--out", out);
        cli.refused("--warmup must be 0 to 600", "--warmup", "-0.5", "--out", out);
    }

    @Test
    void unknownScenarioIsNamed() {
        cli.refused("--only: unknown scenario 'serial'", "--only", "pty-115200,serial", "--out",
                tmp.resolve("b.md").toString());
    }

    @Test
    void badOutputTargetsAreRefused() throws Exception {
        cli.refused("does not exist", "--out", tmp.resolve("missing/b.md").toString());
        cli.refused("is a directory", "--out", tmp.toString());
        Path broken = tmp.resolve("broken.md");
        Files.writeString(broken, "# x\n<!-- bench bridge start -->\nonly half\n");
        cli.refused("without <!-- bench bridge end -->", "--out", broken.toString());
    }

    @Test
    void settingsFollowQuickAndOnly() {
        BridgeBenchCommand c = new BridgeBenchCommand();
        c.quick = true;
        c.only = List.of("tcp", " PTY-115200 ");
        BridgeBenchmark.Settings s = c.settings();
        assertEquals(4, s.seconds());
        assertEquals(1, s.warmupSeconds());
        // run order is fixed, whatever order --only names them in
        assertEquals(List.of("pty@115200", "tcp unpaced"), s.scenarios().stream().map(
                BridgeBenchmark.Scenario::name).toList());
        assertEquals(null, c.target(), "--quick without --out records nothing");

        BridgeBenchCommand d = new BridgeBenchCommand();
        BridgeBenchmark.Settings full = d.settings();
        assertEquals(15, full.seconds());
        assertEquals(3, full.warmupSeconds());
        assertEquals(4, full.scenarios().size());
        assertEquals(Path.of("docs/benchmarks.md"), d.target());
    }

    @Test
    void frameCapacityCoversTheRunWithinBounds() {
        assertEquals(1 << 16, BridgeBenchCommand.maxFrames(0.1));
        assertEquals(4_500_000, BridgeBenchCommand.maxFrames(18));
        assertEquals(8 << 20, BridgeBenchCommand.maxFrames(600));
    }
}
