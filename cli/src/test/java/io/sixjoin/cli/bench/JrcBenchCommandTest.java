package io.sixjoin.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sixjoin.cli.SixjoinCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Argument checking only: every case here must be refused before a single measurement starts. */
class JrcBenchCommandTest {
    @TempDir
    Path tmp;

    private final BenchArguments cli = new BenchArguments("jrc");

    @Test
    void outOfRangeNumbersAreRefused() {
        String out = tmp.resolve("b.md").toString();
        cli.refused("--concurrency must be 1 to 256", "--concurrency", "0", "--out", out);
        cli.refused("--concurrency must be 1 to 256", "--concurrency", "257", "--out", out);
        cli.refused("--pledges must be 1 to", "--pledges", "0", "--out", out);
        cli.refused("--seconds must be more than 0", "--seconds", "0", "--out", out);
        cli.refused("--seconds must be more than 0", "--seconds", "-3", "--out", out);
        cli.refused("--warmup must be 0 to 3600", "--warmup", "4000", "--out", out);
        cli.refused("cannot exceed --pledges", "--pledges", "10", "--concurrency", "32", "--out", out);
        cli.refused("cannot exceed --heap-pledges", "--heap-pledges", "100", "--joined-pledges", "101", "--out", out);
    }

    @Test
    void malformedValuesGetPicocliOneLineError() {
        BenchArguments.Run r = cli.run("--concurrency", "many");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("sixjoin bench jrc: "), r.err());
    }

    @Test
    void unusableOutputFileIsRefusedUpFront() throws Exception {
        cli.refused("does not exist", "--out", tmp.resolve("no/such/dir/b.md").toString());
        cli.refused("is a directory", "--out", tmp.toString());
        Path broken = tmp.resolve("broken.md");
        Files.writeString(broken, "# B\n<!-- bench jrc start -->\nno end marker\n");
        cli.refused("without", "--out", broken.toString());
    }

    @Test
    void quickDefaultsApplyUnlessOverriddenAndQuickDoesNotWriteByDefault() {
        JrcBenchCommand c = new JrcBenchCommand();
        c.quick = true;
        c.concurrency = 32;
        c.pledges = 5000;
        JrcBenchmark.Settings s = c.settings();
        assertEquals(5000, s.pledges());
        assertEquals(20_000, s.heapPledges());
        assertEquals(4, s.seconds());
        assertNull(c.target());

        JrcBenchCommand full = new JrcBenchCommand();
        full.concurrency = 32;
        JrcBenchmark.Settings d = full.settings();
        assertEquals(10_000, d.pledges());
        assertEquals(100_000, d.heapPledges());
        assertEquals(15, d.seconds());
        assertEquals(Path.of("docs/benchmarks.md"), full.target());
    }
}
