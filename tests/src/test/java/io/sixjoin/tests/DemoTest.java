package io.sixjoin.tests;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's first command as a new user runs it: {@code sixjoin demo} with no options, in an empty directory.
 * It must exit 0 with every one of the 24 emulated pledges joined, print the per-mote table, and leave the report
 * and both captures where it says. Run twice with {@code --keep}, the motes must join again against the kept JRC
 * store — which only works if their Join Request sequence numbers resumed above the kept replay windows.
 */
@Timeout(300)
class DemoTest {
    @TempDir
    Path dir;

    @Test
    void theDemoFormsTheNetworkAndSaysWhereItsFilesAre() throws Exception {
        Cli.Run run = Cli.run(dir, Duration.ofMinutes(2), Cli.jar("demo"));
        assertEquals(0, run.exit(), run.both());
        assertTrue(run.out().contains("24 of 24 motes joined, network formed at"), run.both());
        assertTrue(run.out().contains("mote  EUI-64           short  hops  joined at attempts"), run.both());
        assertTrue(run.out().lines().filter(l -> l.matches("\\d+ +141592cc[0-9a-f]{8} +[0-9a-f]{4} +\\d+ .*")).count()
                == 24, "a row with short address and hops per pledge:\n" + run.out());
        Path data = dir.resolve("sixjoin-data/demo");
        for (String f : new String[] {"report.json", "radio.pcap", "bridge-ipv6.pcap"}) {
            assertTrue(Files.size(data.resolve(f)) > 100, f);
            assertTrue(run.out().contains(f), "the demo names " + f);
        }
        assertFalse(run.err().contains("Exception"), run.both());

        Cli.Run again = Cli.run(dir, Duration.ofMinutes(2), Cli.jar("demo", "--keep"));
        assertEquals(0, again.exit(), again.both());
        assertTrue(again.out().contains("24 of 24 motes joined"), again.both());
    }
}
