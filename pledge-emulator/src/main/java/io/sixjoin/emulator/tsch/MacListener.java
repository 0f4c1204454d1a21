package io.sixjoin.emulator.tsch;

import io.sixjoin.stack.ieee802154.EnhancedBeacon;
import io.sixjoin.stack.ieee802154.MacAddress;

/**
 * What the upper layer (6LoWPAN, RPL, CoJP) hears from its mote's {@link TschMac}. Calls arrive on the
 * kernel thread at the end of the slot they concern; a listener may call back into the MAC (send,
 * install keys, advertise) from inside any of them. Every method has an empty default so a layer
 * implements only what it needs; the {@code mac} argument lets one listener serve many motes.
 */
public interface MacListener {

    /** A listener that ignores everything and admits no unsecured frame. */
    MacListener NONE = new MacListener() {
    };

    /**
     * The mote chose {@code timeSource} from the EBs it collected and follows the minimal schedule from
     * local ASN {@code asn}; {@code eb} is what the chosen EB advertised (join metric, join IE).
     */
    default void synchronised(TschMac mac, long asn, MacAddress timeSource, EnhancedBeacon.Info eb) {
    }

    /** The time source stayed silent past the desynchronisation timeout; the mote scans again. */
    default void desynchronised(TschMac mac, long asn) {
    }

    /** A data frame for this mote (or broadcast) passed the MAC's checks. */
    default void received(TschMac mac, ReceivedFrame frame) {
    }

    /**
     * A keyed mote got an unsecured data frame: answer true only for join traffic from a pledge
     * (the secExempt rule of RFC 8180 §5.1 / RFC 9031 §5). Only admitted frames are acknowledged and
     * then passed to {@link #received}; the others count as security failures.
     */
    default boolean admitUnsecured(TschMac mac, ReceivedFrame frame) {
        return false;
    }

    /**
     * The frame with {@code handle} (from {@link TschMac#send}) left the queue: acknowledged (unicast)
     * or sent (broadcast) when {@code delivered}; otherwise dropped after the last retry, on
     * desynchronisation, power-off, or because its key was removed.
     */
    default void sendDone(TschMac mac, long handle, boolean delivered) {
    }

    /** A frame secured with a pending key set verified, so outgoing traffic now uses those indices. */
    default void keysSwitched(TschMac mac, int k1Index, int k2Index) {
    }
}
