package io.sixjoin.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code ./sixjoin} launcher as a user meets it: from another directory, with help, version and bad input. */
class LauncherTest {
    static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();

    record Run(int exit, String out, String err) {
    }

    static Run sixjoin(Path cwd, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ROOT.resolve("sixjoin").toString());
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile(cwd, "out", ".txt");
        Path err = Files.createTempFile(cwd, "err", ".txt");
        Process p = new ProcessBuilder(cmd).directory(cwd.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("./sixjoin " + String.join(" ", args) + " did not finish in 180 s");
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void helpPrintsUsageAndExitsZero(@TempDir Path cwd) throws Exception {
        Run r = sixjoin(cwd, "--help");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("Usage: sixjoin"), r.out());
        assertTrue(r.out().contains("--version"), r.out());
    }

    @Test
    void versionNamesTheBuild(@TempDir Path cwd) throws Exception {
        Run r = sixjoin(cwd, "--version");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().matches("(?s)sixjoin \\d+\\.\\d+\\.\\d+.*"), r.out());
    }

    @Test
    void unknownCommandIsAUsageErrorWithExitCode2(@TempDir Path cwd) throws Exception {
        Run r = sixjoin(cwd, "frobnicate");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("frobnicate"), r.err());
    }

    @Test
    void leavesNoCaliforniumPropertiesBehind(@TempDir Path cwd) throws Exception {
        sixjoin(cwd, "--help");
        assertFalse(Files.exists(cwd.resolve("Californium3.properties")));
    }
}
