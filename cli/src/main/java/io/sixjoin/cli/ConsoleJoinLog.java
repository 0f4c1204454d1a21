package io.sixjoin.cli;

import io.sixjoin.jrc.coap.JoinLog;
import io.sixjoin.jrc.join.JoinResult;
import io.sixjoin.stack.cojp.PledgeId;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

/** Prints the JRC's one line per join: pledge, role, outcome, short address, peer and latency; never secrets. */
final class ConsoleJoinLog implements JoinLog {
    private final PrintWriter out;

    ConsoleJoinLog(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void joined(PledgeId pledge, JoinResult.Joined r, String peer, Duration latency) {
        line(String.format(Locale.ROOT, "joined  %s role=%s short=0x%04x from %s in %.1f ms", pledge,
                r.node().role().cliName(), r.node().shortAddress().value(), peer, latency.toNanos() / 1e6));
    }

    @Override
    public void refused(PledgeId pledge, JoinResult.Refused r, String peer, Duration latency) {
        line(String.format(Locale.ROOT, "refused %s (%s: %s) from %s in %.1f ms", pledge,
                r.reason().name().toLowerCase(Locale.ROOT).replace('_', ' '), r.detail(), peer,
                latency.toNanos() / 1e6));
    }

    private void line(String s) {
        synchronized (out) {
            out.println(s);
            out.flush();
        }
    }
}
