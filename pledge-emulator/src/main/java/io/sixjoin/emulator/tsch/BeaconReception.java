package io.sixjoin.emulator.tsch;

import io.sixjoin.stack.ieee802154.EnhancedBeacon;
import io.sixjoin.stack.ieee802154.Ieee802154Frame;
import io.sixjoin.stack.ieee802154.JoinInfoIe;
import io.sixjoin.stack.ieee802154.MlmeIe;
import io.sixjoin.stack.ieee802154.security.FrameSecurity;
import io.sixjoin.stack.ieee802154.security.FrameSecurityException;

/**
 * What a {@link TschMac} does with one received Enhanced Beacon. The EB's own ASN is read first
 * (unverified: a MIC-32 body is in the clear) because it is the ASN the sender put in the nonce; then
 * the key policy applies: a mote with keys verifies with K1 by key index and refuses unsecured EBs, a
 * pledge without keys takes the EB as it is. A scanning mote offers the EB to its {@link EbScanner} and
 * synchronises as soon as the scanner is ready; a synchronised mote only uses EBs from its time source,
 * as a sign of life.
 */
final class BeaconReception {

    private final TschMac mac;
    private final Ieee802154Frame frame;
    private final int sender;
    private final long asn;

    BeaconReception(TschMac mac, Ieee802154Frame frame, int sender, long asn) {
        this.mac = mac;
        this.frame = frame;
        this.sender = sender;
        this.asn = asn;
    }

    void handle(TschNetwork net) {
        if (mac.isSynchronised() && !frame.source().equals(mac.timeSource())) {
            return;
        }
        EnhancedBeacon.Info info = readUnverified();
        if (info == null) {
            return;
        }
        LinkSecurity.Opened opened = mac.security.open(frame, info.asn());
        boolean keyed = mac.keys.isKeyed() || mac.keys.sendK1() >= 0;
        if (opened == null || (opened.security() == RxSecurity.UNSECURED && keyed)) {
            mac.counters.securityFailures++;
            return;
        }
        mac.counters.rxBeacons++;
        if (mac.isSynchronised()) {
            mac.time.heardFrom(frame.source(), asn);
            return;
        }
        if (!fitsSchedule(info)) {
            return;
        }
        JoinInfoIe join = info.joinInfo();
        mac.scanner.offer(new EbScanner.Candidate(frame.source(), sender, info.asn(), asn, info.joinMetric(),
                join == null ? 0 : join.proxyPriority(), net.linkQuality(sender, mac.index()), info));
        if (mac.scanner.ready(asn)) {
            mac.synchronise(asn);
        }
    }

    private EnhancedBeacon.Info readUnverified() {
        if (frame.security() == null) {
            return EnhancedBeacon.read(frame);
        }
        try {
            return EnhancedBeacon.read(FrameSecurity.unverified(frame).frame());
        } catch (FrameSecurityException e) {
            mac.counters.securityFailures++;
            return null;
        }
    }

    /** The emulated network runs one slotframe length; an EB advertising another belongs elsewhere. */
    private boolean fitsSchedule(EnhancedBeacon.Info info) {
        for (MlmeIe.Slotframe sf : info.slotframes()) {
            if (sf.size() != mac.config.slotframeLength()) {
                return false;
            }
        }
        return true;
    }
}
