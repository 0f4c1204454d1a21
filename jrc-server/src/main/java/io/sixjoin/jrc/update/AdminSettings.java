package io.sixjoin.jrc.update;

import io.sixjoin.stack.cojp.CojpOscoreProfile;
import java.time.Duration;
import java.util.Objects;

/**
 * Timing of the JRC's administration work, in one record so tests can make a rekey take milliseconds while a
 * deployment keeps RFC 9031's values.
 *
 * @param pollInterval   how often the JRC looks for requests the CLI queued in the store
 * @param heartbeat      how often it writes its heartbeat and counters to the store
 * @param guardTime      COJP_REKEYING_GUARD_TIME: the wait between the last node acknowledging the new keys and
 *                       the switch to them (RFC 9031 §8.5, 12 s)
 * @param updateTimeout  how long one Parameter Update may stay unanswered; a backstop above Californium's own
 *                       give-up after its retransmissions (about 93 s with the default transmission parameters)
 */
public record AdminSettings(Duration pollInterval, Duration heartbeat, Duration guardTime, Duration updateTimeout) {
    /** RFC 9031's guard time, a 500 ms poll and a 1 s heartbeat. */
    public static final AdminSettings DEFAULT = new AdminSettings(Duration.ofMillis(500), Duration.ofSeconds(1),
            CojpOscoreProfile.COJP_REKEYING_GUARD_TIME, Duration.ofSeconds(100));

    public AdminSettings {
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(heartbeat, "heartbeat");
        Objects.requireNonNull(guardTime, "guardTime");
        Objects.requireNonNull(updateTimeout, "updateTimeout");
        if (pollInterval.isNegative() || pollInterval.isZero() || heartbeat.isNegative() || heartbeat.isZero()
                || guardTime.isNegative() || updateTimeout.isNegative() || updateTimeout.isZero()) {
            throw new IllegalArgumentException("admin intervals must be positive (the guard time may be 0)");
        }
    }
}
