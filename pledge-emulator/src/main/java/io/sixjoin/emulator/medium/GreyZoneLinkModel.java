package io.sixjoin.emulator.medium;

/**
 * The default {@link LinkModel}: perfect links up to a solid range, a grey zone in which PRR decays
 * linearly to 0, and silence beyond. It is the simplest model that still gives the unreliable
 * long links that make RPL parent selection and TSCH retransmissions matter, and its two numbers are
 * easy to set from a measured deployment (the distance where links stop being perfect, and the
 * distance where they stop working). With both ranges equal it is the unit disk, whose boundary is
 * exclusive: a mote exactly at the range does not hear.
 */
public final class GreyZoneLinkModel implements LinkModel {

    private final double solidRange;
    private final double maxRange;

    /**
     * A model with the given ranges in metres.
     *
     * @throws IllegalArgumentException unless {@code 0 < solidRange <= maxRange} and both are finite
     */
    public GreyZoneLinkModel(double solidRange, double maxRange) {
        if (!(solidRange > 0) || !(maxRange >= solidRange) || Double.isInfinite(maxRange)) {
            throw new IllegalArgumentException("need 0 < solidRange <= maxRange < ∞, got solid "
                    + solidRange + " m, max " + maxRange + " m");
        }
        this.solidRange = solidRange;
        this.maxRange = maxRange;
    }

    @Override
    public double prr(double distance) {
        if (distance >= maxRange) {
            return 0;
        }
        if (distance <= solidRange) {
            return 1;
        }
        return (maxRange - distance) / (maxRange - solidRange);
    }

    @Override
    public double maxRange() {
        return maxRange;
    }

    /** Distance in metres up to which PRR is 1 (strictly within it, for the unit disk). */
    public double solidRange() {
        return solidRange;
    }

    @Override
    public String toString() {
        return solidRange == maxRange
                ? "UnitDisk[" + maxRange + " m]"
                : "GreyZone[solid " + solidRange + " m, max " + maxRange + " m]";
    }
}
