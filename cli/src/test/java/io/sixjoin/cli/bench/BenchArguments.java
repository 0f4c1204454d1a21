package io.sixjoin.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sixjoin.cli.SixjoinCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/**
 * Runs {@code sixjoin bench NAME ARGS} in this JVM with captured output, for the argument-checking tests of every
 * benchmark: a refused command line must exit 2 with its reason on stderr before anything is measured.
 */
final class BenchArguments {
    /** What one invocation printed and returned. */
    record Run(int code, String out, String err) {
    }

    private final String bench;

    BenchArguments(String bench) {
        this.bench = bench;
    }

    Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = SixjoinCommand.newCommandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 2];
        all[0] = "bench";
        all[1] = bench;
        System.arraycopy(args, 0, all, 2, args.length);
        return new Run(cmd.execute(all), out.toString(), err.toString());
    }

    void refused(String expected, String... args) {
        Run r = run(args);
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains(expected), r.err());
        assertEquals("", r.out(), "nothing may run before the arguments are accepted");
    }
}
