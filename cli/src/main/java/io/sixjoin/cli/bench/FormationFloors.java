package io.sixjoin.cli.bench;

/**
 * The best-case formation times of {@code performance-floors.md} §4.2 for {@code pledges} pledges one hop from a
 * root with a co-located JRC, on the RFC 8180 minimal schedule with a slotframe of {@code slotframe} 10 ms slots:
 * one shared cell per slotframe, each carrying at most one frame, two frames per join. M1 counts every cell as a
 * success; M3 runs the cell as slotted ALOHA, where at most 1/e of the cells succeed. They are computed here, in
 * the run, rather than copied from the table, so any N and L get their own floor.
 */
public record FormationFloors(int pledges, int slotframe) {
    /** RFC 8180's timeslot. */
    static final double SLOT_SECONDS = 0.010;
    /** Join Request and Join Response. */
    static final int FRAMES_PER_JOIN = 2;

    public FormationFloors {
        if (pledges < 1 || slotframe < 1) {
            throw new IllegalArgumentException("pledges and slotframe must be positive: " + pledges + ", " + slotframe);
        }
    }

    /** M1, the pure CoJP floor: 2·N·L·10 ms. */
    public double m1Seconds() {
        return FRAMES_PER_JOIN * (double) pledges * slotframe * SLOT_SECONDS;
    }

    /** M3, the shared cell as slotted ALOHA: e·M1. */
    public double m3Seconds() {
        return Math.E * m1Seconds();
    }
}
