package io.sixjoin.stack.ieee802154;

import java.util.List;

import io.sixjoin.stack.ieee802154.FrameControl.PanIdPresence;
import io.sixjoin.stack.ieee802154.security.AuxSecurityHeader;

/**
 * The consistency rules of {@link Ieee802154Frame}: what the parser can reproduce, and nothing else. They
 * guarantee that {@code parse(frame.encode()).equals(frame)} for every frame that can be constructed.
 */
final class FrameValidation {
    private FrameValidation() {
    }

    static void check(FrameType type, int version, boolean compression, Integer seq, Integer dstPan,
            MacAddress dst, Integer srcPan, MacAddress src, AuxSecurityHeader security, List<HeaderIe> headerIes,
            List<PayloadIe> payloadIes, byte[] payload) {
        if (!type.isGeneralFormat()) {
            throw new IllegalArgumentException("frame type " + type + " is not in the general MAC frame format");
        }
        if (version < 0 || version > 2) {
            throw new IllegalArgumentException("frame version " + version + " outside 0..2");
        }
        if (seq != null && (seq < 0 || seq > 0xFF)) {
            throw new IllegalArgumentException("sequence number " + seq + " outside 0..255");
        }
        if (version < FrameControl.VERSION_2015 && (seq == null || !headerIes.isEmpty() || !payloadIes.isEmpty())) {
            throw new IllegalArgumentException("sequence number suppression and IEs need frame version 2");
        }
        checkPan(dstPan, "destination");
        checkPan(srcPan, "source");
        PanIdPresence presence;
        try {
            presence = PanIdPresence.of(AddressingMode.of(dst), AddressingMode.of(src), compression, version);
        } catch (FrameFormatException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        if (presence.destination() != (dstPan != null) || presence.source() != (srcPan != null)) {
            throw new IllegalArgumentException("PAN IDs " + dstPan + "/" + srcPan + " disagree with " + presence
                    + " for these addressing modes and PAN ID compression " + compression);
        }
        checkIes(security, headerIes, payloadIes, payload);
    }

    private static void checkPan(Integer pan, String which) {
        if (pan != null && (pan < 0 || pan > 0xFFFF)) {
            throw new IllegalArgumentException(which + " PAN ID " + pan + " outside 0..65535");
        }
    }

    private static void checkIes(AuxSecurityHeader security, List<HeaderIe> headerIes, List<PayloadIe> payloadIes,
            byte[] payload) {
        for (int i = 0; i < headerIes.size() - 1; i++) {
            if (headerIes.get(i) instanceof HeaderIe.Termination) {
                throw new IllegalArgumentException("header termination IE before the last header IE");
            }
        }
        for (int i = 0; i < payloadIes.size() - 1; i++) {
            if (payloadIes.get(i) instanceof PayloadIe.Termination) {
                throw new IllegalArgumentException("payload termination IE before the last payload IE");
            }
        }
        HeaderIe lastHeader = headerIes.isEmpty() ? null : headerIes.get(headerIes.size() - 1);
        boolean terminated = lastHeader instanceof HeaderIe.Termination;
        if (security != null) {
            if (!payloadIes.isEmpty()) {
                throw new IllegalArgumentException("a secured frame carries its payload IEs inside the opaque body");
            }
            int mic = security.level().micLength();
            if (payload.length < mic) {
                throw new IllegalArgumentException("secured body of " + payload.length + " bytes lacks its "
                        + mic + "-byte MIC");
            }
            if (lastHeader != null && !terminated && payload.length != mic) {
                throw new IllegalArgumentException("secured body after unterminated header IEs must be the MIC");
            }
            return;
        }
        if (!payloadIes.isEmpty() && !HeaderIe.HT1.equals(lastHeader)) {
            throw new IllegalArgumentException("payload IEs need header termination 1 as last header IE");
        }
        if (lastHeader != null && !terminated && payload.length > 0) {
            throw new IllegalArgumentException("a payload after header IEs needs a header termination IE");
        }
        if (HeaderIe.HT1.equals(lastHeader) && payload.length > 0
                && (payloadIes.isEmpty() || !(payloadIes.get(payloadIes.size() - 1) instanceof PayloadIe.Termination))) {
            throw new IllegalArgumentException("a payload after payload IEs needs a payload termination IE");
        }
    }
}
