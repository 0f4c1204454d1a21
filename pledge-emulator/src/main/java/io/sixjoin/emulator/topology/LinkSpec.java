package io.sixjoin.emulator.topology;

/**
 * A link whose quality a topology pins instead of leaving it to the distance model: both directions
 * get {@code prr}, whatever the motes' distance. A PRR of 0 cuts the link (and its interference);
 * a PRR above 0 between far-apart motes creates a link the geometry alone would not.
 *
 * @param a   one end's mote id
 * @param b   the other end's mote id (differs from {@code a})
 * @param prr packet reception ratio in [0, 1]
 */
public record LinkSpec(int a, int b, double prr) {

    /**
     * Checks the link is between two motes and its PRR a probability.
     *
     * @throws IllegalArgumentException otherwise
     */
    public LinkSpec {
        if (a == b) {
            throw new IllegalArgumentException("a link needs two different motes, got " + a + " twice");
        }
        if (!(prr >= 0 && prr <= 1)) {
            throw new IllegalArgumentException("link " + a + "–" + b + " prr must be in [0, 1]: " + prr);
        }
    }
}
