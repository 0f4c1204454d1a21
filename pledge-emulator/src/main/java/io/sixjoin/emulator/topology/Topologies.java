package io.sixjoin.emulator.topology;

import io.sixjoin.emulator.kernel.SeededRandom;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The built-in topology generators behind {@code --topology star|linear|grid|random|FILE.json} with
 * {@code --motes N}. Every generator takes a {@code reach}: the distance in metres within which two
 * motes should hear each other reliably (the solid range of the link model). Neighbours are placed
 * at {@value #SPACING} × reach, so they are clearly inside it, while motes two hops apart in a chain
 * or diagonal in a grid are clearly outside. Motes are numbered 0..N−1 and mote 0 is the root.
 * Only {@link #random} uses randomness, and only from the stream it is given.
 */
public final class Topologies {

    /** Neighbour spacing as a fraction of the reach. */
    public static final double SPACING = 0.9;
    /** How many layouts {@link #random} draws before it gives up on connectivity. */
    public static final int RANDOM_ATTEMPTS = 100;

    private static final double GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));

    private Topologies() {
    }

    /** The root at (0, 0) and N−1 motes spread evenly over the disk of radius 0.9 × reach around it. */
    public static Topology star(int n, double reach) {
        check(n, reach);
        List<MoteSpec> motes = new ArrayList<>(n);
        motes.add(new MoteSpec(0, 0, 0, true));
        double radius = SPACING * reach;
        // a sunflower spiral: even density with no randomness, so "star" needs no seed
        for (int k = 0; k < n - 1; k++) {
            double r = radius * Math.sqrt((k + 0.5) / (n - 1));
            double theta = k * GOLDEN_ANGLE;
            motes.add(new MoteSpec(k + 1, r * Math.cos(theta), r * Math.sin(theta), false));
        }
        return Topology.of(motes);
    }

    /** A chain along the x axis, the root at one end, neighbours 0.9 × reach apart. */
    public static Topology linear(int n, double reach) {
        check(n, reach);
        List<MoteSpec> motes = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            motes.add(new MoteSpec(i, i * SPACING * reach, 0, i == 0));
        }
        return Topology.of(motes);
    }

    /**
     * ⌈√N⌉ columns filled row by row (the last row may be partial), spacing 0.9 × reach, so each mote
     * hears its 4 neighbours but not its diagonals (1.27 × reach away); the root is the corner mote 0.
     */
    public static Topology grid(int n, double reach) {
        check(n, reach);
        int cols = (int) Math.ceil(Math.sqrt(n));
        double s = SPACING * reach;
        List<MoteSpec> motes = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            motes.add(new MoteSpec(i, (i % cols) * s, (i / cols) * s, i == 0));
        }
        return Topology.of(motes);
    }

    /**
     * The root at the centre of a square, the other motes uniform in it. The square's area is chosen
     * so that the mean number of neighbours within reach is about ln N + 6, comfortably above the
     * connectivity threshold of a random geometric graph; a layout that is still disconnected is
     * drawn again from the same stream, up to {@value #RANDOM_ATTEMPTS} times.
     *
     * @throws IllegalStateException if no connected layout turned up
     */
    public static Topology random(int n, double reach, SplittableRandom rnd) {
        check(n, reach);
        double side = sideFor(n, reach);
        for (int attempt = 0; attempt < RANDOM_ATTEMPTS; attempt++) {
            List<MoteSpec> motes = new ArrayList<>(n);
            motes.add(new MoteSpec(0, 0, 0, true));
            for (int i = 1; i < n; i++) {
                motes.add(new MoteSpec(i, (rnd.nextDouble() - 0.5) * side, (rnd.nextDouble() - 0.5) * side, false));
            }
            Topology t = Topology.of(motes);
            if (t.isConnected(reach)) {
                return t;
            }
        }
        throw new IllegalStateException("no connected random layout of " + n + " motes in " + RANDOM_ATTEMPTS
                + " attempts; use a larger reach or fewer motes");
    }

    /** Side of the square {@link #random} uses for {@code n} motes, metres. */
    public static double sideFor(int n, double reach) {
        double meanDegree = Math.log(Math.max(n, 2)) + 6;
        return Math.max(reach, reach * Math.sqrt(Math.PI * n / meanDegree));
    }

    /**
     * Resolves a {@code --topology} argument: a generator name, or else a path to a JSON topology file.
     *
     * @throws TopologyFileException if a file cannot be read or is invalid
     */
    public static Topology resolve(String argument, int motes, double reach, SeededRandom seeds)
            throws TopologyFileException {
        switch (argument.toLowerCase(Locale.ROOT)) {
            case "star":
                return star(motes, reach);
            case "linear":
                return linear(motes, reach);
            case "grid":
                return grid(motes, reach);
            case "random":
                return random(motes, reach, seeds.forPurpose("topology"));
            default:
                return TopologyFile.load(Path.of(argument));
        }
    }

    private static void check(int n, double reach) {
        if (n < 1 || n > TopologyFile.MAX_MOTES) {
            throw new IllegalArgumentException("--motes must be 1.." + TopologyFile.MAX_MOTES + ", got " + n);
        }
        if (!(reach > 0) || Double.isInfinite(reach)) {
            throw new IllegalArgumentException("reach must be positive and finite: " + reach);
        }
    }
}
