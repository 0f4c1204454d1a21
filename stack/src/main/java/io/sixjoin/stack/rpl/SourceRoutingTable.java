package io.sixjoin.stack.rpl;

import java.net.Inet6Address;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import io.sixjoin.stack.rpl.RplOption.Target;
import io.sixjoin.stack.rpl.RplOption.Transit;

/**
 * The root's view of a non-storing RPL DODAG (RFC 6550 §9.7): for each node the parents its latest DAO
 * named, each with an expiry computed from the Path Lifetime at the injected time. {@link #routeTo} walks
 * first-listed live parents from a destination up to the root, bounded in depth and refusing loops, and
 * returns the path downward. Which node a Transit option speaks for is a {@link TargetPolicy}: RFC 6550
 * says the Targets before it, OpenWSN's OpenVisualizer uses the DAO's sender (reference §2.3, §7.10).
 * Not thread-safe; one owner (the bridge's RPL handler) feeds and queries it.
 *
 * <pre>{@code
 * SourceRoutingTable table = new SourceRoutingTable(root, TargetPolicy.DAO_SOURCE, 16, 1024, 60_000);
 * table.learn(packet.source(), Dao.parse(icmp), now);
 * Optional<List<Inet6Address>> path = table.routeTo(destination, now); // [first hop, ..., destination]
 * }</pre>
 */
public final class SourceRoutingTable {
    /** Which nodes a DAO's Transit options describe. */
    public enum TargetPolicy {
        /** RFC 6550 §6.7.8: the Target options preceding each Transit group (the sender if there are none). */
        TARGET_OPTIONS,
        /** OpenVisualizer: always the DAO's IPv6 source; Target options are ignored. */
        DAO_SOURCE
    }

    private static final int INFINITE = 0xFF;

    private final Inet6Address root;
    private final TargetPolicy policy;
    private final int maxDepth;
    private final int maxNodes;
    private final long lifetimeUnitMillis;
    /** child → (parent → expiry millis, Long.MAX_VALUE = infinite), parents in DAO order. */
    private final Map<Inet6Address, LinkedHashMap<Inet6Address, Long>> parents = new LinkedHashMap<>();

    /**
     * @param root               the root's address (DODAGID), where every path starts
     * @param policy             which nodes Transit options describe
     * @param maxDepth           longest path {@link #routeTo} returns, in hops
     * @param maxNodes           most nodes remembered; DAOs for new nodes beyond are ignored
     * @param lifetimeUnitMillis the DODAG's Lifetime Unit (RFC 6550 §6.7.6), in milliseconds
     */
    public SourceRoutingTable(Inet6Address root, TargetPolicy policy, int maxDepth, int maxNodes,
            long lifetimeUnitMillis) {
        if (maxDepth < 1 || maxNodes < 1 || lifetimeUnitMillis < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
        this.root = root;
        this.policy = policy;
        this.maxDepth = maxDepth;
        this.maxNodes = maxNodes;
        this.lifetimeUnitMillis = lifetimeUnitMillis;
    }

    /** Records what {@code dao}, received from {@code source} at {@code nowMillis}, says about parents. */
    public void learn(Inet6Address source, Dao dao, long nowMillis) {
        List<Inet6Address> targets = new ArrayList<>();
        Map<Inet6Address, LinkedHashMap<Inet6Address, Long>> fresh = new LinkedHashMap<>();
        boolean transitSeen = false;
        for (RplOption option : dao.options()) {
            if (option instanceof Target t && policy == TargetPolicy.TARGET_OPTIONS) {
                if (transitSeen) {
                    targets.clear(); // a Target after Transits starts a new group
                    transitSeen = false;
                }
                t.address().ifPresent(targets::add);
            } else if (option instanceof Transit tr && tr.parent().isPresent()) {
                transitSeen = true;
                List<Inet6Address> children = targets.isEmpty() ? List.of(source) : targets;
                for (Inet6Address child : children) {
                    LinkedHashMap<Inet6Address, Long> set = fresh.computeIfAbsent(child, c -> new LinkedHashMap<>());
                    if (tr.pathLifetime() == 0) {
                        set.remove(tr.parent().get());
                        set.put(tr.parent().get(), Long.MIN_VALUE); // No-Path: removal marker
                    } else {
                        set.put(tr.parent().get(), tr.pathLifetime() == INFINITE ? Long.MAX_VALUE
                                : nowMillis + tr.pathLifetime() * lifetimeUnitMillis);
                    }
                }
            }
        }
        for (Map.Entry<Inet6Address, LinkedHashMap<Inet6Address, Long>> e : fresh.entrySet()) {
            Inet6Address child = e.getKey();
            if (child.equals(root)) {
                continue;
            }
            e.getValue().values().removeIf(expiry -> expiry == Long.MIN_VALUE);
            if (e.getValue().isEmpty()) {
                parents.remove(child);
            } else if (parents.containsKey(child) || parents.size() < maxNodes) {
                parents.put(child, e.getValue()); // the latest DAO replaces the node's parent set
            }
        }
    }

    /**
     * The downward path to {@code destination}: first hop after the root, ..., {@code destination}. Empty
     * list for the root itself; empty optional when the destination is unknown, a parent on the way has
     * expired, the path loops or is longer than {@code maxDepth}.
     */
    public Optional<List<Inet6Address>> routeTo(Inet6Address destination, long nowMillis) {
        List<Inet6Address> up = new ArrayList<>();
        Set<Inet6Address> seen = new HashSet<>();
        Inet6Address node = destination;
        while (!node.equals(root)) {
            if (up.size() >= maxDepth || !seen.add(node)) {
                return Optional.empty();
            }
            up.add(node);
            Optional<Inet6Address> parent = parentOf(node, nowMillis);
            if (parent.isEmpty()) {
                return Optional.empty();
            }
            node = parent.get();
        }
        Collections.reverse(up);
        return Optional.of(List.copyOf(up));
    }

    /** The first live parent {@code child}'s latest DAO named. */
    public Optional<Inet6Address> parentOf(Inet6Address child, long nowMillis) {
        Map<Inet6Address, Long> set = parents.get(child);
        if (set == null) {
            return Optional.empty();
        }
        return set.entrySet().stream().filter(e -> e.getValue() > nowMillis).map(Map.Entry::getKey).findFirst();
    }

    /** Forgets expired parents and nodes left with none; returns how many nodes were forgotten. */
    public int expire(long nowMillis) {
        int removed = 0;
        for (Iterator<LinkedHashMap<Inet6Address, Long>> it = parents.values().iterator(); it.hasNext();) {
            LinkedHashMap<Inet6Address, Long> set = it.next();
            set.values().removeIf(expiry -> expiry <= nowMillis);
            if (set.isEmpty()) {
                it.remove();
                removed++;
            }
        }
        return removed;
    }

    /** When the next parent expires, if any does. */
    public OptionalLong nextDeadline() {
        return parents.values().stream().flatMap(m -> m.values().stream()).filter(v -> v != Long.MAX_VALUE)
                .mapToLong(Long::longValue).min();
    }

    /** Nodes with at least one remembered parent. */
    public Set<Inet6Address> nodes() {
        return Set.copyOf(parents.keySet());
    }
}
