package io.sixjoin.emulator.tsch;

import io.sixjoin.stack.ieee802154.FrameType;
import io.sixjoin.stack.ieee802154.Ieee802154Frame;
import io.sixjoin.stack.ieee802154.MacAddress;

/**
 * Builds the data frames a {@link TschMac} puts on the air: extended source and destination, the PAN
 * ID once, AR for unicast, protected as the upper layer asked. Frames are secured with the mote's local
 * ASN, because that is what the receiver will put in the nonce; a retransmission is secured afresh
 * since its ASN differs. The sequence number is drawn on the first attempt and kept for retries, so
 * the receiver can recognise a retransmission whose ACK was lost.
 */
final class FrameFactory {

    private int sequence;

    /** The data frame for {@code out} in local slot {@code asn}, with FCS; null if its key is gone. */
    byte[] data(MacAddress source, TschConfig config, LinkSecurity security, TransmitQueue.Outgoing out,
            long asn) {
        if (out.sequenceNumber < 0) {
            out.sequenceNumber = sequence++ & 0xFF;
        }
        Ieee802154Frame plain = Ieee802154Frame.builder(FrameType.DATA).sequenceNumber(out.sequenceNumber)
                .destination(out.destination).source(source).pan(config.panId())
                .ackRequest(!out.isBroadcast()).payload(out.payload).build();
        Ieee802154Frame sent = security.protectData(plain, out.protection, asn);
        return sent == null ? null : sent.encodeWithFcs();
    }
}
