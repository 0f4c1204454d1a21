package io.sixjoin.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code sixjoin emulate} as a user runs it: a small network forms, its report says so, options are checked first. */
@Timeout(120)
class EmulateCommandTest {
    @TempDir
    Path tmp;

    private int run(StringWriter err, String... args) {
        CommandLine cmd = SixjoinCommand.newCommandLine();
        cmd.setErr(new PrintWriter(err, true));
        return cmd.execute(args);
    }

    @Test
    void aSmallNetworkFormsKeepsRunningWhenAskedAndItsReportSaysSo() throws Exception {
        Path report = tmp.resolve("r.json");
        Path pcap = tmp.resolve("radio.pcap");
        StringWriter err = new StringWriter();
        int code = run(err, "emulate", "--motes", "6", "--topology", "star", "--slotframe", "11", "--seed", "3",
                "--quiet", "--data", tmp.resolve("data").toString(), "--report", report.toString(), "--pcap",
                pcap.toString(), "--after-formed", "5m");
        assertEquals(0, code, err.toString());
        JsonNode r = new ObjectMapper().readTree(report.toFile());
        assertEquals(5, r.path("totals").path("joined").asInt());
        double formed = r.path("totals").path("formationSeconds").asDouble();
        assertTrue(r.path("totals").path("virtualSeconds").asDouble() >= formed + 299,
                "emulated on for 5 minutes after formation: " + r.path("totals"));
        assertEquals(6, r.path("timeline").size());
        assertTrue(Files.size(pcap) > 24, "the radio capture has frames");
    }

    @Test
    void badOptionsAreRefusedBeforeAnythingRuns() {
        StringWriter err = new StringWriter();
        assertEquals(2, run(err, "emulate", "--after-formed", "soon", "--data", tmp.resolve("d").toString()));
        assertTrue(err.toString().contains("--after-formed 'soon'"), err.toString());
        assertFalse(Files.exists(tmp.resolve("d")), "no state written for a refused command line");
        StringWriter err2 = new StringWriter();
        assertEquals(2, run(err2, "emulate", "--slotframe", "1"));
        assertTrue(err2.toString().contains("--slotframe 1"), err2.toString());
    }
}
