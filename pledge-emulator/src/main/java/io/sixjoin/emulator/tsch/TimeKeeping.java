package io.sixjoin.emulator.tsch;

import io.sixjoin.stack.ieee802154.MacAddress;

/**
 * A synchronised mote's hold on network time: the offset between its ASN and the emulator's (learnt
 * from the chosen EB; 0 in a correct run, but kept so a wrong EB would show as a wrong nonce, not be
 * papered over), the time source it follows, and when it last heard from and sent to it. From those
 * follow the two TSCH timers: a keep-alive is due when nothing went to the time source for a
 * keep-alive period, and synchronisation is lost when nothing came from it for the desync timeout.
 * Frames, EBs and ACKs from the time source all count as hearing from it. The root has no time source
 * and never loses synchronisation.
 */
final class TimeKeeping {

    private final long keepAlivePeriod;
    private final long desyncTimeout;
    private long asnOffset;
    private MacAddress timeSource;
    private int timeSourceMote = -1;
    private long lastHeard;
    private long lastSent;
    private boolean asnValidated;
    private boolean keepAlives = true;

    TimeKeeping(TschConfig config) {
        this.keepAlivePeriod = config.keepAlivePeriodSlots();
        this.desyncTimeout = config.desyncTimeoutSlots();
    }

    /** The root's time is the network's: no offset, no time source, nothing to validate. */
    void becomeRoot() {
        forget();
        asnOffset = 0;
        asnValidated = true;
    }

    /** Follows the sender of the chosen EB from slot {@code asn} on. */
    void follow(EbScanner.Candidate chosen, long asn) {
        asnOffset = chosen.ebAsn() - chosen.rxAsn();
        timeSource = chosen.source();
        timeSourceMote = chosen.senderMote();
        lastHeard = asn;
        lastSent = asn;
        asnValidated = false;
    }

    /** Switches to another neighbour (the upper layer chose a new parent), giving it a full timeout. */
    void switchTo(MacAddress neighbour, long asn) {
        timeSource = neighbour;
        timeSourceMote = -1;
        lastHeard = asn;
    }

    /** Synchronisation is gone. */
    void forget() {
        timeSource = null;
        timeSourceMote = -1;
        asnValidated = false;
    }

    void heardFrom(MacAddress source, long asn) {
        if (source.equals(timeSource)) {
            lastHeard = asn;
        }
    }

    void sentTo(MacAddress destination, long asn) {
        if (destination.equals(timeSource)) {
            lastSent = asn;
        }
    }

    /** Whether the time source has been silent past the desync timeout at slot {@code asn}. */
    boolean lost(long asn) {
        return timeSource != null && asn - lastHeard > desyncTimeout;
    }

    /** Whether a keep-alive to the time source is due at slot {@code asn}: nothing went either way for a period. */
    boolean keepAliveDue(long asn) {
        // hearing the time source (an EB, a DIO) resynchronises as well as an acknowledged keep-alive would
        return keepAlives && timeSource != null && asn - Math.max(lastSent, lastHeard) >= keepAlivePeriod;
    }

    void enableKeepAlives(boolean on) {
        keepAlives = on;
    }

    /** The mote's ASN for the emulator's slot {@code asn}. */
    long local(long asn) {
        return asn + asnOffset;
    }

    MacAddress timeSource() {
        return timeSource;
    }

    int timeSourceMote() {
        return timeSourceMote;
    }

    boolean asnValidated() {
        return asnValidated;
    }

    /** A frame secured under the network keys verified with this ASN in its nonce (RFC 9031 §5.1). */
    void validate() {
        asnValidated = true;
    }
}
