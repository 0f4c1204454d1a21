package io.sixjoin.emulator.tsch;

import io.sixjoin.stack.ieee802154.Ieee802154Frame;
import io.sixjoin.stack.ieee802154.MacAddress;

import java.util.Arrays;
import java.util.Objects;

/**
 * A data frame the MAC hands to the upper layer: who sent it, to whom, the 6LoWPAN bytes, and what the
 * link layer established about its security. A frame that arrived {@link RxSecurity#UNVERIFIED} keeps
 * its secured form so that {@link TschMac#verifyDeferred} can check it once the Join Response has
 * installed the keys (RFC 9031 §5.1). Equality is by content; the payload is copied both ways.
 */
public final class ReceivedFrame {

    private final MacAddress source;
    private final MacAddress destination;
    private final byte[] payload;
    private final RxSecurity security;
    private final int keyIndex;
    private final long asn;
    private final int senderMote;
    private final Ieee802154Frame secured;

    ReceivedFrame(MacAddress source, MacAddress destination, byte[] payload, RxSecurity security, int keyIndex,
            long asn, int senderMote, Ieee802154Frame secured) {
        this.source = Objects.requireNonNull(source, "source");
        this.destination = Objects.requireNonNull(destination, "destination");
        this.payload = payload.clone();
        this.security = Objects.requireNonNull(security, "security");
        this.keyIndex = keyIndex;
        this.asn = asn;
        this.senderMote = senderMote;
        this.secured = secured;
    }

    /** The sender's EUI-64. */
    public MacAddress source() {
        return source;
    }

    /** This mote's address or the broadcast address. */
    public MacAddress destination() {
        return destination;
    }

    /** Whether the frame was sent to the broadcast address. */
    public boolean isBroadcast() {
        return destination.equals(MacAddress.BROADCAST);
    }

    /** The MAC payload (6LoWPAN bytes), copied. */
    public byte[] payload() {
        return payload.clone();
    }

    /** What the MAC established about the frame's security. */
    public RxSecurity security() {
        return security;
    }

    /** The key index the frame was secured with, -1 if unsecured. */
    public int keyIndex() {
        return keyIndex;
    }

    /** The ASN of the slot it was received in. */
    public long asn() {
        return asn;
    }

    /** The emulator's index of the sending mote (not something a real MAC knows; for tests and traces). */
    public int senderMote() {
        return senderMote;
    }

    /** The frame as received, for deferred verification; null unless {@link RxSecurity#UNVERIFIED}. */
    Ieee802154Frame securedForm() {
        return secured;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReceivedFrame f && f.source.equals(source) && f.destination.equals(destination)
                && Arrays.equals(f.payload, payload) && f.security == security && f.keyIndex == keyIndex
                && f.asn == asn && f.senderMote == senderMote;
    }

    @Override
    public int hashCode() {
        return Objects.hash(source, destination, Arrays.hashCode(payload), security, keyIndex, asn, senderMote);
    }

    @Override
    public String toString() {
        return "ReceivedFrame[" + source + " -> " + destination + ", " + payload.length + " bytes, " + security
                + (keyIndex >= 0 ? " key " + keyIndex : "") + ", ASN " + asn + "]";
    }
}
