package io.sixjoin.emulator.topology;

/**
 * One mote of a topology: its identifier (what scenarios and faults refer to; the EUI-64 and short
 * address are derived from it later), its position in metres on a plane, and whether it is the DAG
 * root (the emulated border-router mote). Positions are plain doubles so that a file can use any
 * origin and units can be read as metres throughout.
 *
 * @param id   non-negative identifier, unique in its topology
 * @param x    east coordinate, metres
 * @param y    north coordinate, metres
 * @param root whether this mote is the DAG root
 */
public record MoteSpec(int id, double x, double y, boolean root) {

    /**
     * Checks the invariants the loader and generators rely on.
     *
     * @throws IllegalArgumentException if the id is negative or a coordinate is not finite
     */
    public MoteSpec {
        if (id < 0) {
            throw new IllegalArgumentException("mote id must be non-negative: " + id);
        }
        if (!Double.isFinite(x) || !Double.isFinite(y)) {
            throw new IllegalArgumentException("mote " + id + " position must be finite: (" + x + ", " + y + ")");
        }
    }

    /** Euclidean distance to {@code other}, metres. */
    public double distanceTo(MoteSpec other) {
        return Math.hypot(x - other.x, y - other.y);
    }
}
