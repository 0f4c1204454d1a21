package io.sixjoin.emulator.topology;

import io.sixjoin.emulator.medium.RadioMedium;
import io.sixjoin.emulator.medium.SpatialGrid;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntConsumer;

/**
 * A mesh to emulate: where the motes are, which one is the DAG root, which links are pinned, and the
 * scripted faults. A mote's index in {@link #motes()} is its index in the {@link RadioMedium} (see
 * {@link #install}); ids are what humans and files use. Generated topologies number motes 0..N−1
 * with the root as mote 0; files may use any unique ids.
 *
 * @param motes  the motes, in medium index order; exactly one is the root
 * @param links  pinned links, by mote id
 * @param faults scripted faults, by mote id
 */
public record Topology(List<MoteSpec> motes, List<LinkSpec> links, List<Fault> faults) {

    /**
     * Copies the lists and checks ids are unique, one root exists and links and faults refer to motes.
     *
     * @throws IllegalArgumentException otherwise
     */
    public Topology {
        motes = List.copyOf(motes);
        links = List.copyOf(links);
        faults = List.copyOf(faults);
        Set<Integer> ids = new HashSet<>();
        int roots = 0;
        for (MoteSpec m : motes) {
            if (!ids.add(m.id())) {
                throw new IllegalArgumentException("mote id " + m.id() + " appears twice");
            }
            roots += m.root() ? 1 : 0;
        }
        if (roots != 1) {
            throw new IllegalArgumentException("a topology needs exactly one root, has " + roots);
        }
        for (LinkSpec l : links) {
            requireMote(ids, l.a());
            requireMote(ids, l.b());
        }
        for (Fault f : faults) {
            if (f instanceof Fault.Reboot r) {
                requireMote(ids, r.mote());
            } else if (f instanceof Fault.Degrade d) {
                requireMote(ids, d.a());
                requireMote(ids, d.b());
            }
        }
    }

    /** A topology with motes only. */
    public static Topology of(List<MoteSpec> motes) {
        return new Topology(motes, List.of(), List.of());
    }

    /** Number of motes. */
    public int size() {
        return motes.size();
    }

    /** The DAG root. */
    public MoteSpec root() {
        return motes.stream().filter(MoteSpec::root).findFirst().orElseThrow();
    }

    /** Mote id → index in {@link #motes()}. */
    public Map<Integer, Integer> indexById() {
        Map<Integer, Integer> m = new HashMap<>(motes.size() * 2);
        for (int i = 0; i < motes.size(); i++) {
            m.put(motes.get(i).id(), i);
        }
        return m;
    }

    /**
     * Adds every mote to an empty {@code medium} in list order and pins the links.
     *
     * @return mote id → medium index
     * @throws IllegalStateException if the medium already has motes
     */
    public Map<Integer, Integer> install(RadioMedium medium) {
        if (medium.moteCount() != 0) {
            throw new IllegalStateException("install into an empty medium; it has " + medium.moteCount() + " motes");
        }
        for (MoteSpec m : motes) {
            medium.addMote(m.x(), m.y());
        }
        Map<Integer, Integer> index = indexById();
        for (LinkSpec l : links) {
            medium.setLinkPrr(index.get(l.a()), index.get(l.b()), l.prr());
        }
        return index;
    }

    /**
     * Whether every mote can reach the root over links, where two motes are linked if they are
     * closer than {@code reach} metres (unless a pinned link says PRR 0) or a pinned link gives them a
     * PRR above 0.
     */
    public boolean isConnected(double reach) {
        int n = motes.size();
        SpatialGrid grid = new SpatialGrid(reach);
        for (int i = 0; i < n; i++) {
            grid.add(i, motes.get(i).x(), motes.get(i).y());
        }
        Map<Integer, Integer> index = indexById();
        Map<Long, Double> pinned = new HashMap<>();
        Map<Integer, List<Integer>> extra = new HashMap<>();
        for (LinkSpec l : links) {
            int a = index.get(l.a());
            int b = index.get(l.b());
            pinned.put(pair(a, b), l.prr());
            extra.computeIfAbsent(a, k -> new ArrayList<>()).add(b);
            extra.computeIfAbsent(b, k -> new ArrayList<>()).add(a);
        }
        boolean[] seen = new boolean[n];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        int start = motes.indexOf(root());
        seen[start] = true;
        queue.add(start);
        int reached = 1;
        while (!queue.isEmpty()) {
            int u = queue.poll();
            MoteSpec mu = motes.get(u);
            int[] found = new int[1];
            IntConsumer visit = v -> {
                if (seen[v] || v == u) {
                    return;
                }
                Double p = pinned.get(pair(u, v));
                boolean linked = p != null ? p > 0 : mu.distanceTo(motes.get(v)) < reach;
                if (linked) {
                    seen[v] = true;
                    queue.add(v);
                    found[0]++;
                }
            };
            grid.forEachNear(mu.x(), mu.y(), visit);
            for (int v : extra.getOrDefault(u, List.of())) {
                visit.accept(v);
            }
            reached += found[0];
        }
        return reached == n;
    }

    private static long pair(int a, int b) {
        return ((long) Math.min(a, b) << 32) | Math.max(a, b);
    }

    private static void requireMote(Set<Integer> ids, int id) {
        if (!ids.contains(id)) {
            throw new IllegalArgumentException("no mote with id " + id);
        }
    }
}
