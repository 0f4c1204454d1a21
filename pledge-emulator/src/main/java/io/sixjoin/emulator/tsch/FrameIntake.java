package io.sixjoin.emulator.tsch;

import io.sixjoin.stack.ieee802154.FrameFormatException;
import io.sixjoin.stack.ieee802154.FrameType;
import io.sixjoin.stack.ieee802154.Ieee802154Frame;
import io.sixjoin.stack.ieee802154.MacAddress;

import java.util.HashMap;
import java.util.Map;

/**
 * The first steps of reception in a {@link TschMac}: decode the frame and check its FCS, keep only
 * frames of this PAN addressed to this mote or to broadcast, and hand EBs to a
 * {@link BeaconReception} and (when synchronised) data frames to a {@link DataReception}. It also
 * remembers the last unicast sequence number per neighbour, so a retransmission whose ACK was lost is
 * acknowledged again but not delivered twice. A real radio filters addresses in hardware; here it saves
 * the security work for frames that are not ours.
 */
final class FrameIntake {

    private final Map<MacAddress, Integer> lastSequence = new HashMap<>();

    /** Returns whether the frame is to be acknowledged. */
    boolean receive(TschMac mac, int sender, byte[] bytes, long asn, TschNetwork net) {
        Ieee802154Frame frame;
        try {
            frame = Ieee802154Frame.parseWithFcs(bytes);
        } catch (FrameFormatException e) {
            return false;
        }
        Integer pan = frame.destinationPan() != null ? frame.destinationPan() : frame.sourcePan();
        MacAddress dst = frame.destination();
        if ((pan != null && pan != mac.config.panId()) || dst == null || frame.source() == null
                || !(dst.equals(mac.address()) || dst.equals(MacAddress.BROADCAST))) {
            return false;
        }
        if (frame.frameType().equals(FrameType.BEACON)) {
            new BeaconReception(mac, frame, sender, asn).handle(net);
            return false;
        }
        if (!frame.frameType().equals(FrameType.DATA) || !mac.isSynchronised()) {
            return false;
        }
        return new DataReception(mac, frame, sender, asn).handle();
    }

    /** Whether {@code sequence} from {@code source} repeats the last unicast frame from it (a retry). */
    boolean isDuplicate(MacAddress source, int sequence) {
        Integer previous = lastSequence.put(source, sequence);
        return previous != null && previous == sequence;
    }

    /** Forgets all neighbours (after losing synchronisation). */
    void forgetNeighbours() {
        lastSequence.clear();
    }
}
