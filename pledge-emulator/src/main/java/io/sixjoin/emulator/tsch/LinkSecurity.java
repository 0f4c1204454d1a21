package io.sixjoin.emulator.tsch;

import io.sixjoin.stack.ieee802154.FrameType;
import io.sixjoin.stack.ieee802154.Ieee802154Frame;
import io.sixjoin.stack.ieee802154.MacAddress;
import io.sixjoin.stack.ieee802154.security.AuxSecurityHeader;
import io.sixjoin.stack.ieee802154.security.FrameSecurity;
import io.sixjoin.stack.ieee802154.security.FrameSecurityException;
import io.sixjoin.stack.ieee802154.security.LinkKey;
import io.sixjoin.stack.ieee802154.security.SecurityLevel;

/**
 * Applies the 6TiSCH link-layer key policy with real AES-CCM*: EBs MIC-32 with K1, data ENC-MIC-32 (or
 * MIC-32 when a JP talks to a pledge) with K2, key ID mode 1, nonce = sender EUI-64 ‖ ASN. On receipt
 * the key is chosen by the frame's key index and the frame type's role, so several keys can be live
 * during a rekeying. A mote with no key at all reads MIC-only frames unverified, as a pledge must read
 * EBs and its Join Response; a keyed mote never does. Failures are reported as null, never thrown:
 * to the MAC every failure means "drop, count, do not acknowledge".
 */
final class LinkSecurity {

    /**
     * A frame that passed the policy.
     *
     * @param frame    plain frame (body decrypted, payload IEs decoded)
     * @param security what was established
     * @param keyIndex key index the frame carried, -1 if unsecured
     */
    record Opened(Ieee802154Frame frame, RxSecurity security, int keyIndex) {
    }

    private final KeyRing keys;
    private final byte[] eui64;
    private final VerificationCache cache;

    /** Security for the mote at {@code address}; {@code cache} (may be null) shares verifications. */
    LinkSecurity(KeyRing keys, MacAddress address, VerificationCache cache) {
        this.keys = keys;
        this.eui64 = address.bytes();
        this.cache = cache;
    }

    /** The EB as sent: MIC-32 with the current K1, or plain if there is none. */
    Ieee802154Frame protectBeacon(Ieee802154Frame eb, long asn) {
        int index = keys.sendK1();
        if (index < 0) {
            return eb;
        }
        return FrameSecurity.secure(eb, keys.beaconKey(index), index, SecurityLevel.MIC_32, eui64, asn);
    }

    /** The data frame as sent, or null if protection needs a K2 the mote does not have. */
    Ieee802154Frame protectData(Ieee802154Frame frame, Protection protection, long asn) {
        if (protection == Protection.NONE) {
            return frame;
        }
        int index = keys.sendK2();
        if (index < 0) {
            return null;
        }
        SecurityLevel level = protection == Protection.ENCRYPTED ? SecurityLevel.ENC_MIC_32 : SecurityLevel.MIC_32;
        return FrameSecurity.secure(frame, keys.dataKey(index), index, level, eui64, asn);
    }

    /** Checks a received frame; null if it must be dropped as a security failure. */
    Opened open(Ieee802154Frame frame, long asn) {
        AuxSecurityHeader aux = frame.security();
        if (aux == null) {
            return new Opened(frame, RxSecurity.UNSECURED, -1);
        }
        int index = aux.keyIndex();
        LinkKey key = frame.frameType().equals(FrameType.BEACON) ? keys.beaconKey(index) : keys.dataKey(index);
        if (key != null) {
            Ieee802154Frame plain = verify(frame, key, asn);
            return plain == null ? null : new Opened(plain, RxSecurity.VERIFIED, index);
        }
        if (keys.isKeyed() || keys.sendK1() >= 0 || aux.level().encrypted()) {
            return null;
        }
        try {
            return new Opened(FrameSecurity.unverified(frame).frame(), RxSecurity.UNVERIFIED, index);
        } catch (FrameSecurityException e) {
            return null;
        }
    }

    /** Verifies a frame kept from before the mote was keyed; null if it does not verify now. */
    Ieee802154Frame verifyDeferred(Ieee802154Frame secured, long asn) {
        AuxSecurityHeader aux = secured.security();
        if (aux == null) {
            return null;
        }
        LinkKey key = secured.frameType().equals(FrameType.BEACON) ? keys.beaconKey(aux.keyIndex())
                : keys.dataKey(aux.keyIndex());
        return key == null ? null : verify(secured, key, asn);
    }

    private Ieee802154Frame verify(Ieee802154Frame frame, LinkKey key, long asn) {
        return cache == null ? compute(frame, key, asn) : cache.verify(frame, key, asn, () -> compute(frame, key, asn));
    }

    private static Ieee802154Frame compute(Ieee802154Frame frame, LinkKey key, long asn) {
        MacAddress source = frame.source();
        if (source == null || source.isShort()) {
            // short sources would need a neighbour table to find the EUI-64 for the nonce; we send none
            return null;
        }
        try {
            return FrameSecurity.unsecure(frame, key, source.bytes(), asn).frame();
        } catch (FrameSecurityException e) {
            return null;
        }
    }
}
