package io.sixjoin.jrc.update;

import io.sixjoin.stack.cojp.PledgeId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The outcome of one rekey: which generation replaced which, the nodes that took both the transitional and the
 * final key set, and every node that did not, with why. Those nodes still hold only retired keys and must join
 * again. Key values are never part of it.
 */
public record RekeyReport(int oldGeneration, int newGeneration, List<PledgeId> updated,
        Map<PledgeId, String> unreachable) {
    public RekeyReport {
        updated = List.copyOf(updated);
        unreachable = java.util.Collections.unmodifiableMap(new TreeMap<>(unreachable));
    }

    /** Human-readable lines: a summary, then one per node that was not updated. */
    public String describe() {
        StringBuilder b = new StringBuilder();
        b.append("key generation ").append(newGeneration).append(" is active, generation ").append(oldGeneration)
                .append(" retired; ").append(updated.size()).append(updated.size() == 1 ? " node" : " nodes")
                .append(" updated, ").append(unreachable.size()).append(" unreachable\n");
        unreachable.forEach((id, why) -> b.append("unreachable ").append(id).append(": ").append(why)
                .append(" (it must join again)\n"));
        return b.toString();
    }
}
