package io.sixjoin.emulator.medium;

/**
 * Counters of a {@link RadioMedium} since it was created. {@code deliveries + losses + collisions}
 * counts receiver-side outcomes (one frame can reach many receivers); {@code framesSent} counts
 * transmissions.
 *
 * @param framesSent   frames accepted by {@code transmit}
 * @param deliveries   receptions handed to a sink
 * @param losses       lone receptions dropped by the PRR draw
 * @param collisions   listening receivers that had two or more transmitters in range on their channel
 * @param slots        slots closed
 */
public record MediumStats(long framesSent, long deliveries, long losses, long collisions, long slots) {

    @Override
    public String toString() {
        return "frames=" + framesSent + " deliveries=" + deliveries + " losses=" + losses
                + " collisions=" + collisions + " slots=" + slots;
    }
}
