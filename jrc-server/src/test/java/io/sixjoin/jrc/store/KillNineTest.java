package io.sixjoin.jrc.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a writing process with SIGKILL mid-stream, several times, and checks that every value it had
 * reported as committed is in the store and that the next run resumes strictly above it: no completed
 * join is lost and no sequence number could be used twice.
 */
class KillNineTest {
    @TempDir
    Path tmp;

    @Test
    void committedStateSurvivesKillNine() throws Exception {
        long lastReported = -1;
        long storedBefore = -1;
        for (int round = 0; round < 3; round++) {
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), CrashWriter.class.getName(), tmp.toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            long firstThisRound = -1;
            try (BufferedReader r = new BufferedReader(
                    new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                assertEquals("joined", r.readLine());
                for (int n = 0; n < 100 + 37 * round; n++) {
                    String line = r.readLine();
                    long v = Long.parseLong(line.substring("ceiling ".length()));
                    if (firstThisRound < 0) {
                        firstThisRound = v;
                    }
                    lastReported = v;
                }
                p.destroyForcibly(); // SIGKILL on POSIX: no shutdown hooks, no close()
                assertTrue(p.waitFor(20, TimeUnit.SECONDS));
            } finally {
                p.destroyForcibly();
            }
            assertTrue(firstThisRound > storedBefore, "resumed at " + firstThisRound + ", not above " + storedBefore);
            try (JrcStore store = StoreFixtures.open(tmp)) {
                long stored = store.oscore().senderSequenceCeiling(StoreFixtures.id(1)).getAsLong();
                assertTrue(stored >= lastReported, "stored " + stored + " < reported " + lastReported);
                long window = store.oscore().loadReplayWindow(StoreFixtures.id(1)).orElseThrow().highestSeq();
                assertTrue(window >= lastReported, "replay window at " + window + " < reported " + lastReported);
                assertTrue(store.nodes().find(StoreFixtures.id(1)).isPresent());
                storedBefore = stored;
            }
        }
    }
}
