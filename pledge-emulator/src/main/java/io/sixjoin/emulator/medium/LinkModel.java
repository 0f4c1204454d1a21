package io.sixjoin.emulator.medium;

/**
 * How distance turns into packet reception ratio. The medium asks a model only for pairs that its
 * spatial index found within {@link #maxRange()}, so a model must answer 0 beyond that distance, and
 * the same pair must always get the same answer: randomness belongs to the receiver's seeded stream,
 * not to the model. A PRR above 0 also means "in range" for collisions: a second transmitter whose
 * frame this receiver could have heard garbles the first.
 */
public interface LinkModel {

    /** Probability in [0, 1] that a lone frame sent from {@code distance} metres away is received. */
    double prr(double distance);

    /** Distance in metres at and beyond which {@link #prr(double)} is 0. */
    double maxRange();

    /**
     * A unit disk with a grey zone: every frame arrives up to {@code solidRange}, none from
     * {@code maxRange} on, and in between the PRR falls linearly from 1 to 0.
     *
     * @throws IllegalArgumentException unless {@code 0 < solidRange <= maxRange} and both are finite
     */
    static LinkModel greyZone(double solidRange, double maxRange) {
        return new GreyZoneLinkModel(solidRange, maxRange);
    }

    /** The unit disk: PRR 1 strictly within {@code range}, 0 from it on. */
    static LinkModel unitDisk(double range) {
        return new GreyZoneLinkModel(range, range);
    }
}
