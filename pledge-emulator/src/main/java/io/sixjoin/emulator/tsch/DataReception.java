package io.sixjoin.emulator.tsch;

import io.sixjoin.stack.ieee802154.Ieee802154Frame;
import io.sixjoin.stack.ieee802154.MacAddress;

/**
 * What a synchronised {@link TschMac} does with one received data frame: apply the key policy (drop and
 * count anything that does not verify; on a keyed mote, let the upper layer admit unsecured join
 * traffic; on a pledge, take unverified frames from its time source, the Join Proxy, only and keep
 * their secured form), adopt a pending key set on its first verified use,
 * note a sign of life from the time source, suppress retransmitted duplicates, and hand the payload up.
 * Empty frames are keep-alives: acknowledged, never passed up; unsecured ones are acknowledged even by a
 * keyed mote because they carry nothing, and refusing them would desynchronise every pledge before it
 * could join.
 */
final class DataReception {

    private final TschMac mac;
    private final Ieee802154Frame frame;
    private final int sender;
    private final long asn;

    DataReception(TschMac mac, Ieee802154Frame frame, int sender, long asn) {
        this.mac = mac;
        this.frame = frame;
        this.sender = sender;
        this.asn = asn;
    }

    /** Returns whether the frame is to be acknowledged. */
    boolean handle() {
        long local = mac.time.local(asn);
        LinkSecurity.Opened opened = mac.security.open(frame, local);
        if (opened == null) {
            mac.counters.securityFailures++;
            return false;
        }
        MacAddress source = frame.source();
        if (opened.security() == RxSecurity.UNVERIFIED && !source.equals(mac.time.timeSource())) {
            // an unkeyed pledge takes unauthenticated frames from its Join Proxy only
            mac.counters.securityFailures++;
            return false;
        }
        MacAddress destination = frame.destination();
        boolean unicast = destination.equals(mac.address());
        byte[] payload = opened.frame().payload();
        ReceivedFrame received = new ReceivedFrame(source, destination, payload, opened.security(),
                opened.keyIndex(), local, sender, opened.security() == RxSecurity.UNVERIFIED ? frame : null);
        if (opened.security() == RxSecurity.UNSECURED && mac.keys.isKeyed() && payload.length > 0
                && !mac.listener.admitUnsecured(mac, received)) {
            mac.counters.securityFailures++;
            return false;
        }
        if (opened.security() == RxSecurity.VERIFIED && mac.keys.onVerified(opened.keyIndex(), asn)) {
            mac.listener.keysSwitched(mac, mac.keys.sendK1(), mac.keys.sendK2());
        }
        mac.time.heardFrom(source, asn);
        boolean ack = unicast && frame.ackRequest();
        if (unicast && frame.sequenceNumber() != null && mac.intake.isDuplicate(source, frame.sequenceNumber())) {
            return ack;
        }
        if (payload.length > 0) {
            mac.counters.rxFrames++;
            mac.listener.received(mac, received);
        }
        return ack;
    }
}
