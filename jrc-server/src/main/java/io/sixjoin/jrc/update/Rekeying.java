package io.sixjoin.jrc.update;

import io.sixjoin.cbor.cojp.Configuration;
import io.sixjoin.jrc.join.JoinService;
import io.sixjoin.jrc.join.NetworkKeyRing;
import io.sixjoin.jrc.store.JoinedNode;
import io.sixjoin.jrc.store.JrcStore;
import io.sixjoin.jrc.store.KeyState;
import io.sixjoin.jrc.store.NetworkKey;
import io.sixjoin.stack.cojp.PledgeId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A network rekey as RFC 9031 §8.4.3.1 lays it out, driven by the JRC. A new key generation is created PENDING
 * and sent, with the active one, to every joined node; new joiners meanwhile get both keys too (the join path
 * hands out ACTIVE and PENDING). Once every node has answered — acknowledged, refused or given up on after
 * CoAP's retransmissions — the JRC waits COJP_REKEYING_GUARD_TIME so the new keys can ripple out, makes the new
 * generation ACTIVE and the old one RETIRED, and sends the nodes that took the new keys the final key set with
 * the new key alone. Nodes that did not acknowledge are reported: they hold only a retired key and must join
 * again. Nothing blocks a thread; every wait is a future on the injected scheduler.
 */
public final class Rekeying {
    private final JrcStore store;
    private final NetworkKeyRing keys;
    private final ParameterUpdater updater;
    private final NodeAddresses addresses;
    private final ScheduledExecutorService scheduler;
    private final Duration guardTime;

    public Rekeying(JrcStore store, NetworkKeyRing keys, ParameterUpdater updater, NodeAddresses addresses,
            ScheduledExecutorService scheduler, Duration guardTime) {
        this.store = store;
        this.keys = keys;
        this.updater = updater;
        this.addresses = addresses;
        this.scheduler = scheduler;
        this.guardTime = guardTime;
    }

    /**
     * Runs one rekey; {@code progress} gets a line per step. A PENDING generation left by a rekey that did not
     * finish (the JRC stopped mid-way) is reused rather than stacked on: nodes may already hold it.
     */
    public CompletableFuture<RekeyReport> run(Consumer<String> progress) {
        NetworkKey old = keys.active();
        NetworkKey next = store.network().inState(KeyState.PENDING).stream()
                .max(Comparator.comparingInt(NetworkKey::generation))
                .orElseGet(keys::createPending);
        // RFC 9031 §8.4.3.1: a 6LBR uses new keys at once, so it hears of them only in the final round, once the
        // nodes hold them; told now, it would send under a key its nodes cannot read yet and cut them off
        List<JoinedNode> nodes = store.nodes().list().stream()
                .filter(n -> n.role() != io.sixjoin.jrc.store.PledgeRole.SIX_LBR).toList();
        progress.accept("generation " + next.generation() + " (key_id " + next.keyId() + ") is pending; sending"
                + " keys of generations " + old.generation() + " and " + next.generation() + " to " + nodes.size()
                + (nodes.size() == 1 ? " node" : " nodes") + " (6LBRs get the new key last)");
        Configuration both = keySet(List.of(old, next));
        return updateAll(nodes, both).thenCompose(first -> {
            long acked = first.values().stream().filter(UpdateOutcome::acknowledged).count();
            progress.accept(acked + " of " + nodes.size() + " acknowledged; waiting the "
                    + guardTime.toMillis() + " ms guard time");
            return delay(guardTime).thenCompose(ignored -> switchOver(old, next, first, progress));
        });
    }

    private CompletableFuture<RekeyReport> switchOver(NetworkKey old, NetworkKey next,
            Map<PledgeId, UpdateOutcome> first, Consumer<String> progress) {
        store.network().setState(next.generation(), KeyState.ACTIVE);
        for (NetworkKey k : store.network().inState(KeyState.ACTIVE)) {
            if (k.generation() < next.generation()) {
                store.network().setState(k.generation(), KeyState.RETIRED);
            }
        }
        keys.refresh(); // joiners from now on get the new generation only
        Map<PledgeId, String> unreachable = new LinkedHashMap<>();
        first.forEach((id, o) -> {
            if (!o.acknowledged()) {
                unreachable.put(id, o.describe());
            }
        });
        // Listed again: a node that joined during the first phase holds both keys and needs the final set too.
        List<JoinedNode> targets = store.nodes().list().stream()
                .filter(n -> !unreachable.containsKey(n.pledge())).toList();
        progress.accept("generation " + next.generation() + " is active; sending the final key set to "
                + targets.size() + (targets.size() == 1 ? " node" : " nodes"));
        return updateAll(targets, keySet(List.of(next))).thenApply(second -> {
            List<PledgeId> updated = new ArrayList<>();
            second.forEach((id, o) -> {
                if (o.acknowledged()) {
                    updated.add(id);
                    store.status().setKeyGeneration(id, next.generation());
                } else {
                    unreachable.put(id, o.describe());
                }
            });
            return new RekeyReport(old.generation(), next.generation(), updated, unreachable);
        });
    }

    /** Sends {@code configuration} to every node at once; completes when each has an outcome. */
    private CompletableFuture<Map<PledgeId, UpdateOutcome>> updateAll(List<JoinedNode> nodes,
            Configuration configuration) {
        Map<PledgeId, CompletableFuture<UpdateOutcome>> pending = new LinkedHashMap<>();
        for (JoinedNode n : nodes) {
            Optional<java.net.InetSocketAddress> address = addresses.of(n.pledge());
            pending.put(n.pledge(), address.isPresent()
                    ? updater.send(n.pledge(), address.get(), configuration)
                    : CompletableFuture.completedFuture(new UpdateOutcome.Failed(
                            "no known address (it joined before addresses were recorded)")));
        }
        return CompletableFuture.allOf(pending.values().toArray(CompletableFuture[]::new)).thenApply(v -> {
            Map<PledgeId, UpdateOutcome> out = new LinkedHashMap<>();
            pending.forEach((id, f) -> out.put(id, f.join()));
            return out;
        });
    }

    private CompletableFuture<Void> delay(Duration d) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        scheduler.schedule(() -> done.complete(null), d.toMillis(), TimeUnit.MILLISECONDS);
        return done;
    }

    private static Configuration keySet(List<NetworkKey> generations) {
        return Configuration.empty().withKeySet(generations.stream().map(JoinService::toLinkLayerKey).toList());
    }
}
