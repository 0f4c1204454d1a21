package io.sixjoin.cli;

import io.sixjoin.jrc.JrcStats;
import io.sixjoin.jrc.store.AdminChannel;
import io.sixjoin.jrc.store.JoinedNode;
import io.sixjoin.jrc.store.JrcStore;
import io.sixjoin.jrc.store.NetworkStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sixjoin network}: looks at and administers the network a JRC runs. {@code show} and {@code stats} read
 * the store directly and work whether or not the JRC runs; {@code rekey} and {@code evict} need the running JRC,
 * which they reach through the store they share with it (a request row the JRC polls), so no port or credential
 * is needed beyond access to the store. Key values are never printed.
 */
@Command(name = "network",
        description = "Inspect the network (keys, joined nodes, JRC counters); rekey it or evict a node.",
        subcommands = {NetworkCommand.ShowCommand.class, NetworkCommand.StatsCommand.class,
            NetworkAdminCommand.RekeyCommand.class, NetworkAdminCommand.EvictCommand.class},
        footer = {"", "Exit codes: 0 success, 1 failure at run time (e.g. no JRC running), 2 bad usage or input."})
public final class NetworkCommand implements Callable<Integer> {
    /** A heartbeat older than this means no JRC is serving the store (it beats every second). */
    static final Duration HEARTBEAT_STALE = Duration.ofSeconds(5);

    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("sixjoin network: missing subcommand: show, stats, rekey or evict");
        spec.commandLine().usage(spec.commandLine().getErr());
        return StoreCommand.USAGE;
    }

    /** "running (heartbeat 1 s ago)" or why not; empty heartbeat means no JRC ever ran on the store. */
    static String liveness(Optional<Instant> heartbeat, Instant now) {
        if (heartbeat.isEmpty()) {
            return "not running (no JRC has run on this store)";
        }
        long ago = Math.max(0, Duration.between(heartbeat.get(), now).toSeconds());
        return (isAlive(heartbeat, now) ? "running" : "not running") + " (last heartbeat " + ago + " s ago, "
                + heartbeat.get().truncatedTo(ChronoUnit.SECONDS) + ")";
    }

    static boolean isAlive(Optional<Instant> heartbeat, Instant now) {
        return heartbeat.isPresent() && Duration.between(heartbeat.get(), now).compareTo(HEARTBEAT_STALE) <= 0;
    }

    @Command(name = "show", description = "Show the network id, key generations (never key values) and joined nodes.")
    static final class ShowCommand extends StoreCommand {
        @Override
        int execute() {
            try (JrcStore s = openStore()) {
                Instant now = Clock.systemUTC().instant();
                out().println("network id: " + s.network().networkId().orElse("(not set: the JRC sets it on start)"));
                out().println("JRC: " + liveness(s.admin().lastHeartbeat(), now));
                printKeys(s.status().keys());
                printNodes(s.status().nodes(s.nodes()));
            }
            return OK;
        }

        private void printKeys(List<NetworkStatus.KeyInfo> keys) {
            if (keys.isEmpty()) {
                out().println("key generations: none (the JRC creates generation 1 when it first starts)");
                return;
            }
            out().println("key generations:");
            String row = "  %-10s  %-6s  %-5s  %-7s  %s%n";
            out().printf(row, "generation", "key_id", "usage", "state", "created");
            for (NetworkStatus.KeyInfo k : keys) {
                out().printf(row, k.generation(), k.keyId(), k.keyUsage(), k.state(),
                        k.createdAt().truncatedTo(ChronoUnit.SECONDS));
            }
        }

        private void printNodes(List<NetworkStatus.NodeInfo> nodes) {
            if (nodes.isEmpty()) {
                out().println("joined nodes: none");
                return;
            }
            out().println("joined nodes (" + nodes.size() + "):");
            int idWidth = Math.max("EUI-64".length(),
                    nodes.stream().mapToInt(n -> n.node().pledge().hex().length()).max().orElse(0));
            String row = "  %-" + idWidth + "s  %-4s  %-7s  %-20s  %-7s  %s%n";
            out().printf(row, "EUI-64", "role", "address", "joined", "key gen", "last address");
            for (NetworkStatus.NodeInfo n : nodes) {
                JoinedNode j = n.node();
                out().printf(row, j.pledge(), j.role().cliName(), String.format("0x%04x", j.shortAddress().value()),
                        j.joinedAt().truncatedTo(ChronoUnit.SECONDS), j.keyGeneration(),
                        n.lastAddress().map(a -> "[" + a.getAddress().getHostAddress() + "]:" + a.getPort())
                                .orElse("-"));
            }
        }
    }

    @Command(name = "stats", description = "Print the JRC's counters, as it last published them (every second).")
    static final class StatsCommand extends StoreCommand {
        @Override
        int execute() {
            Optional<AdminChannel.StatsSnapshot> snapshot;
            Optional<Instant> heartbeat;
            try (JrcStore s = openStore()) {
                snapshot = s.admin().lastStats();
                heartbeat = s.admin().lastHeartbeat();
            }
            if (snapshot.isEmpty()) {
                return fail(FAILURE, "no statistics: no JRC has run on this store (start one with 'sixjoin jrc')");
            }
            Instant now = Clock.systemUTC().instant();
            out().println("JRC statistics at " + snapshot.get().at().truncatedTo(ChronoUnit.SECONDS) + "; JRC "
                    + liveness(heartbeat, now));
            for (Map.Entry<String, Long> e : snapshot.get().counters().entrySet()) {
                out().printf("  %-60s %d%n", describe(e.getKey()), e.getValue());
            }
            return OK;
        }

        /** The counter's description; a name from a newer JRC that this CLI does not know is shown as is. */
        private static String describe(String name) {
            try {
                return JrcStats.Event.valueOf(name).description();
            } catch (IllegalArgumentException e) {
                return name;
            }
        }
    }
}
