package io.sixjoin.cli;

import io.sixjoin.jrc.store.AdminChannel;
import io.sixjoin.jrc.store.JrcStore;
import io.sixjoin.stack.cojp.PledgeId;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Base of the {@code network} commands the running JRC carries out. The CLI queues a request in the store the
 * two share, prints the JRC's progress lines as they appear, and exits 0 once the JRC reports it done (even if
 * some nodes were unreachable: those are listed, and must join again), 1 if it failed, no JRC is running, or
 * the wait ran out. A request no JRC picked up before the wait ran out is withdrawn, so it cannot surprise
 * anyone by running later.
 */
abstract class NetworkAdminCommand extends StoreCommand {
    private static final Duration POLL = Duration.ofMillis(200);

    @Option(names = "--wait", paramLabel = "SECONDS", defaultValue = "240",
            description = "How long to wait for the JRC to finish (default: ${DEFAULT-VALUE}; a rekey takes the"
                    + " 12 s guard time plus up to about 100 s for nodes that do not answer).")
    long waitSeconds;

    /** What to ask for; called before the store is opened, so it may reject bad input. */
    abstract AdminChannel.Kind kind();

    abstract String argument();

    /** Checks the request against the store before it is queued; the default accepts it. */
    void check(JrcStore store) {
    }

    @Override
    int execute() throws InterruptedException {
        if (waitSeconds < 1) {
            throw new BadInputException("--wait: give at least 1 second");
        }
        AdminChannel.Kind kind = kind();
        String argument = argument();
        try (JrcStore s = openStore()) {
            check(s);
            Optional<java.time.Instant> heartbeat = s.admin().lastHeartbeat();
            if (!NetworkCommand.isAlive(heartbeat, Clock.systemUTC().instant())) {
                return fail(FAILURE, "no JRC is running on this store: JRC "
                        + NetworkCommand.liveness(heartbeat, Clock.systemUTC().instant())
                        + "; start it with 'sixjoin jrc' and try again");
            }
            long id = s.admin().submit(kind, argument);
            out().println("asked the JRC for " + kind.name().toLowerCase(java.util.Locale.ROOT)
                    + (argument == null ? "" : " " + argument) + " (request " + id + "); waiting up to "
                    + waitSeconds + " s");
            out().flush();
            return await(s, id);
        }
    }

    private int await(JrcStore s, long id) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(waitSeconds).toNanos();
        int printed = 0;
        while (true) {
            AdminChannel.Request r = s.admin().find(id).orElseThrow(
                    () -> new IllegalStateException("request " + id + " vanished from the store"));
            String[] lines = r.result().isEmpty() ? new String[0] : r.result().split("\n");
            for (; printed < lines.length; printed++) {
                out().println(lines[printed]);
            }
            out().flush();
            switch (r.state()) {
                case DONE:
                    return OK;
                case FAILED:
                case CANCELLED:
                    return fail(FAILURE, "the JRC did not complete request " + id + " (" + r.state() + ")");
                default:
                    break;
            }
            if (System.nanoTime() > deadline) {
                if (s.admin().cancelIfPending(id)) {
                    return fail(FAILURE, "timed out after " + waitSeconds + " s: no JRC picked the request up;"
                            + " it was withdrawn");
                }
                return fail(FAILURE, "timed out after " + waitSeconds + " s; the JRC is still working on it:"
                        + " check 'sixjoin network show' later");
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    @picocli.CommandLine.Command(name = "rekey", description = {
        "Distribute a new network key to every joined node, then switch to it (RFC 9031 §8.4.3.1).",
        "Needs the running JRC. Nodes that do not acknowledge are listed and must join again."})
    static final class RekeyCommand extends NetworkAdminCommand {
        @Override
        AdminChannel.Kind kind() {
            return AdminChannel.Kind.REKEY;
        }

        @Override
        String argument() {
            return null;
        }
    }

    @picocli.CommandLine.Command(name = "evict", description = {
        "Remove a joined node from the network and rekey without it, so it loses the network key.",
        "Its provisioning stays: run 'sixjoin pledges remove' first, or it can join again. Needs the running JRC."})
    static final class EvictCommand extends NetworkAdminCommand {
        @Option(names = "--eui64", required = true, paramLabel = "HEX", description = "The node's EUI-64.")
        String eui64;

        @Override
        AdminChannel.Kind kind() {
            return AdminChannel.Kind.EVICT;
        }

        @Override
        String argument() {
            PledgeId id = PledgesCommand.eui64(eui64);
            return id.hex();
        }

        @Override
        void check(JrcStore store) {
            PledgeId id = PledgesCommand.eui64(eui64);
            if (store.nodes().find(id).isEmpty()) {
                throw new BadInputException(id + " has not joined the network: nothing to evict"
                        + " (see 'sixjoin network show')");
            }
        }
    }
}
