package io.sixjoin.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code ./sixjoin} launcher as a user meets it: from another directory, with help, version and bad input. */
class LauncherTest {
    static Cli.Run sixjoin(Path cwd, String... args) throws IOException, InterruptedException {
        return Cli.run(cwd, Duration.ofSeconds(180), Cli.launcher(args)); // the first run may build the jar
    }

    @Test
    void helpPrintsUsageAndExitsZero(@TempDir Path cwd) throws Exception {
        Cli.Run r = sixjoin(cwd, "--help");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("Usage: sixjoin"), r.out());
        assertTrue(r.out().contains("--version"), r.out());
    }

    @Test
    void versionNamesTheBuild(@TempDir Path cwd) throws Exception {
        Cli.Run r = sixjoin(cwd, "--version");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().matches("(?s)sixjoin \\d+\\.\\d+\\.\\d+.*"), r.out());
    }

    @Test
    void unknownCommandIsAUsageErrorWithExitCode2(@TempDir Path cwd) throws Exception {
        Cli.Run r = sixjoin(cwd, "frobnicate");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("frobnicate"), r.err());
    }

    @Test
    void leavesNoCaliforniumPropertiesBehind(@TempDir Path cwd) throws Exception {
        sixjoin(cwd, "--help");
        assertFalse(Files.exists(cwd.resolve("Californium3.properties")));
    }
}
