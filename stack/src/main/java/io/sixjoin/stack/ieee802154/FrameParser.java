package io.sixjoin.stack.ieee802154;

import static io.sixjoin.stack.ieee802154.FrameFormatException.require;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.sixjoin.stack.ieee802154.FrameControl.PanIdPresence;
import io.sixjoin.stack.ieee802154.FrameFormatException.Reason;
import io.sixjoin.stack.ieee802154.security.AuxSecurityHeader;

/**
 * Decoding of the general MAC frame format. For a secured frame, header IEs end at a termination IE or
 * where the MIC begins (an Enhanced ACK has a time correction IE directly followed by the MIC, as OpenWSN
 * sends it); the rest stays opaque until {@code FrameSecurity} has verified it.
 */
final class FrameParser {
    private FrameParser() {
    }

    static Ieee802154Frame parse(byte[] b, int offset, int end) throws FrameFormatException {
        require(end - offset >= 2, Reason.TRUNCATED, (end - offset) + " bytes, the frame control needs 2");
        FrameControl fc = FrameControl.parse(IeCodec.u16(b, offset));
        int pos = offset + 2;
        Integer seq = null;
        if (!fc.sequenceNumberSuppressed()) {
            require(end - pos >= 1, Reason.TRUNCATED, "sequence number missing");
            seq = b[pos++] & 0xFF;
        }
        PanIdPresence pans = PanIdPresence.of(fc.destinationMode(), fc.sourceMode(), fc.panIdCompression(),
                fc.frameVersion());
        int addressing = (pans.destination() ? 2 : 0) + fc.destinationMode().addressLength()
                + (pans.source() ? 2 : 0) + fc.sourceMode().addressLength();
        require(end - pos >= addressing, Reason.TRUNCATED, "addressing fields need " + addressing + " bytes, "
                + (end - pos) + " left");
        Integer dstPan = null;
        Integer srcPan = null;
        MacAddress dst = null;
        MacAddress src = null;
        if (pans.destination()) {
            dstPan = IeCodec.u16(b, pos);
            pos += 2;
        }
        if (fc.destinationMode() != AddressingMode.NONE) {
            dst = MacAddress.read(b, pos, fc.destinationMode().addressLength());
            pos += dst.bytes().length;
        }
        if (pans.source()) {
            srcPan = IeCodec.u16(b, pos);
            pos += 2;
        }
        if (fc.sourceMode() != AddressingMode.NONE) {
            src = MacAddress.read(b, pos, fc.sourceMode().addressLength());
            pos += src.bytes().length;
        }
        AuxSecurityHeader aux = null;
        int limit = end;
        if (fc.securityEnabled()) {
            aux = AuxSecurityHeader.parse(b, pos, end);
            pos += aux.encodedLength();
            limit = end - aux.level().micLength();
            require(limit >= pos, Reason.TRUNCATED, "no room for the " + aux.level().micLength() + "-byte MIC");
        }
        List<HeaderIe> headerIes = new ArrayList<>();
        List<PayloadIe> payloadIes = new ArrayList<>();
        if (fc.iePresent()) {
            pos = IeCodec.parseHeaderIes(b, pos, limit, headerIes);
            if (aux == null && !headerIes.isEmpty() && headerIes.get(headerIes.size() - 1).equals(HeaderIe.HT1)) {
                pos = IeCodec.parsePayloadIes(b, pos, end, payloadIes);
            }
            require(!headerIes.isEmpty() || !payloadIes.isEmpty(), Reason.BAD_IE, "IE Present set but no IE");
        }
        byte[] payload = Arrays.copyOfRange(b, pos, end);
        try {
            return new Ieee802154Frame(fc.frameType(), fc.frameVersion(), fc.framePending(), fc.ackRequest(),
                    fc.panIdCompression(), seq, dstPan, dst, srcPan, src, aux, headerIes, payloadIes, payload);
        } catch (IllegalArgumentException e) {
            // The remaining rules concern IE termination: a payload after unterminated IEs, and the like.
            throw new FrameFormatException(Reason.BAD_IE, e.getMessage());
        }
    }
}
