package io.sixjoin.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sixjoin.cli.SixjoinCommand;
import io.sixjoin.jrc.JrcStats;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Argument checking and the verdicts; the runs themselves are measured by hand, never in a unit test. */
class EmulateBenchCommandTest {
    @TempDir
    Path tmp;

    private final BenchArguments cli = new BenchArguments("emulate");

    @Test
    void badArgumentsAreRefusedBeforeAnyRun() {
        String out = tmp.resolve("b.md").toString();
        String plot = tmp.resolve("b.svg").toString();
        cli.refused("each size must be 1 to", "--sizes", "0", "--out", out, "--plot", plot);
        cli.refused("unknown topology 'mesh'", "--topologies", "star,mesh", "--out", out, "--plot", plot);
        cli.refused("each must be 2 to 65535", "--slotframes", "1", "--out", out, "--plot", plot);
        cli.refused("--max-virtual '0s'", "--max-virtual", "0s", "--out", out, "--plot", plot);
        cli.refused("expected a number and a unit", "--max-wall-per-run", "soon", "--out", out, "--plot", plot);
        cli.refused("does not exist", "--out", out, "--plot", tmp.resolve("no/such/b.svg").toString());
        cli.refused("is a directory", "--out", out, "--plot", tmp.toString());
    }

    @Test
    void quickDefaultsApplyUnlessOverriddenAndQuickWritesNothingByDefault() {
        EmulateBenchCommand c = new EmulateBenchCommand();
        c.quick = true;
        EmulateBenchmark.Settings s = c.settings();
        assertEquals(List.of(100), s.sizes());
        assertEquals(List.of(7), s.slotframes());
        assertEquals(Duration.ofSeconds(30), s.maxWallPerRun());
        assertNull(c.target());
        assertNull(c.plotTarget());

        EmulateBenchCommand full = new EmulateBenchCommand();
        full.topologies = List.of("Random", "star", "random");
        EmulateBenchmark.Settings d = full.settings();
        assertEquals(List.of(100, 1_000, 10_000), d.sizes());
        assertEquals(List.of("random", "star"), d.topologies());
        assertEquals(List.of(101, 7), d.slotframes());
        assertEquals(Duration.ofHours(24), d.maxVirtual());
        assertEquals(12, d.runs());
        assertEquals(Path.of("docs/bench-emulate.svg"), full.plotTarget());
    }

    @Test
    void theDocumentLinksThePlotRelativeToItself() {
        assertEquals("bench-emulate.svg", EmulateBenchCommand.relative(Path.of("docs/benchmarks.md"),
                Path.of("docs/bench-emulate.svg")));
        assertEquals("../plots/x.svg", EmulateBenchCommand.relative(Path.of("/a/docs/b.md"),
                Path.of("/a/plots/x.svg")));
    }

    private static EmulateBenchmark.Run run(int pledges, String topology, int slotframe,
            EmulateBenchmark.Stop stop, double formationSeconds, double reachedSeconds, double speed) {
        long formation = stop == EmulateBenchmark.Stop.FORMED ? (long) (formationSeconds * 1e6) : -1;
        return new EmulateBenchmark.Run(pledges, topology, slotframe, stop, stop == EmulateBenchmark.Stop.FORMED
                ? pledges : pledges / 2, pledges / 2, formation, formation, new long[0], (long) (reachedSeconds * 1e6),
                1_000_000_000L, 0, 0, speed, 0, 0, Map.<JrcStats.Event, Long>of());
    }

    @Test
    void goalsAreJudgedOnWhatWasMeasuredAndUnformedRunsGetALowerBound() {
        // M3 for 100 pledges at L=7 is 38.05 s: 1.5× is 57.08 s
        EmulateBenchmark.Results r = new EmulateBenchmark.Results(Machine.current(),
                new EmulateBenchCommand().settings(), List.of(
                        run(100, "star", 7, EmulateBenchmark.Stop.FORMED, 57.0, 60, 500),
                        run(100, "star", 101, EmulateBenchmark.Stop.WALL_CAP, 0, 5_491, 500),
                        run(1_000, "random", 7, EmulateBenchmark.Stop.FORMED, 9_000, 9_000, 99.5),
                        run(10_000, "star", 7, EmulateBenchmark.Stop.VIRTUAL_CAP, 0, 86_400, 50)),
                0);
        List<EmulateBenchReport.Goal> goals = EmulateBenchReport.goals(r);
        // star goals come first (one per star run), then speed at 1,000, then completion at 10,000
        assertEquals(5, goals.size(), goals.toString());
        assertTrue(goals.get(0).met(), goals.get(0).toString());
        assertFalse(goals.get(1).met());
        assertTrue(goals.get(1).measured().startsWith("> 10.00×"), goals.get(1).measured());
        assertFalse(goals.get(2).met(), "a star that did not form misses its goal whatever its lower bound");
        assertFalse(goals.get(3).met(), "99.5× is short of 100×");
        assertEquals("99.5×", goals.get(3).measured(), "no rounding up to the goal");
        assertFalse(goals.get(4).met());
        assertTrue(goals.get(4).measured().contains("5,000/10,000 joined"), goals.get(4).measured());
        String md = EmulateBenchReport.markdown(r, "sixjoin bench emulate", "bench-emulate.svg");
        assertTrue(md.contains("did not form within 5,491 s"), md);
        assertTrue(md.contains("![Joined pledges over emulated time, one panel per network size](bench-emulate.svg)"),
                md);
    }
}
