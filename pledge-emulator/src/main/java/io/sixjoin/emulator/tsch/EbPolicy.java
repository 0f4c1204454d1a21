package io.sixjoin.emulator.tsch;

import io.sixjoin.stack.ieee802154.EnhancedBeacon;
import io.sixjoin.stack.ieee802154.Ieee802154Frame;
import io.sixjoin.stack.ieee802154.JoinInfoIe;
import io.sixjoin.stack.ieee802154.MacAddress;

import java.util.SplittableRandom;

/**
 * When a mote sends Enhanced Beacons and what they say. The upper layer switches advertising on once
 * the mote has joined, has a rank and (in OpenWSN's rule) has sent its DAO, giving the join metric
 * (DAGRank − 1, 0 at the root) and optionally an RFC 9032 join IE; the MAC then sends an EB in a
 * shared cell with probability {@link TschConfig#ebProbability()}, as long as it holds a K1 to
 * authenticate it with. One draw per shared cell while advertising keeps the random stream's use
 * independent of traffic, and makes the EB rate exactly p per slotframe, the figure the formation-time
 * bounds are computed from.
 */
final class EbPolicy {

    private final TschConfig config;
    private boolean advertising;
    private int joinMetric;
    private JoinInfoIe joinInfo;
    private int sequence;
    private double probability;

    EbPolicy(TschConfig config) {
        this.config = config;
    }

    void advertise(int metric, JoinInfoIe info) {
        advertise(metric, info, config.ebProbability());
    }

    void advertise(int metric, JoinInfoIe info, double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("EB probability " + p + " outside [0, 1]");
        }
        probability = p;
        if (metric < 0 || metric > 0xFF) {
            throw new IllegalArgumentException("join metric " + metric + " outside 0..255");
        }
        advertising = true;
        joinMetric = metric;
        joinInfo = info;
    }

    void stop() {
        advertising = false;
    }

    boolean isAdvertising() {
        return advertising;
    }

    /** Whether this shared cell carries an EB. */
    boolean due(KeyRing keys, SplittableRandom rand) {
        return advertising && keys.sendK1() >= 0 && rand.nextDouble() < probability;
    }

    /** The EB sent from {@code source} in local slot {@code asn}, authenticated with K1, with FCS. */
    byte[] beacon(MacAddress source, LinkSecurity security, long asn) {
        Ieee802154Frame eb = EnhancedBeacon.builder(config.panId(), source).sequenceNumber(sequence++ & 0xFF)
                .asn(asn).joinMetric(joinMetric).slotframeLength(config.slotframeLength()).joinInfo(joinInfo)
                .build();
        return security.protectBeacon(eb, asn).encodeWithFcs();
    }
}
