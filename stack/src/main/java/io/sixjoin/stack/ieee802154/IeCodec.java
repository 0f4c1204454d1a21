package io.sixjoin.stack.ieee802154;

import static io.sixjoin.stack.ieee802154.FrameFormatException.require;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.sixjoin.stack.ieee802154.FrameFormatException.Reason;

/**
 * Descriptor-level parsing and emission of Header, Payload and MLME nested IEs. Typed records are produced
 * only when the content is exactly their layout, so every parsed IE list re-emits to the bytes it came from.
 */
final class IeCodec {
    private IeCodec() {
    }

    /** Bytes a header IE list takes. */
    static int headerLength(List<HeaderIe> ies) {
        return ies.stream().mapToInt(ie -> 2 + ie.contentLength()).sum();
    }

    /** Bytes a payload IE list takes. */
    static int payloadLength(List<PayloadIe> ies) {
        return ies.stream().mapToInt(ie -> 2 + ie.contentLength()).sum();
    }

    static int emitHeader(HeaderIe ie, byte[] buffer, int offset) {
        put16(buffer, offset, ie.contentLength() | ie.elementId() << 7);
        ie.emitContent(buffer, offset + 2);
        return 2 + ie.contentLength();
    }

    static int emitPayload(PayloadIe ie, byte[] buffer, int offset) {
        put16(buffer, offset, 0x8000 | ie.groupId() << 11 | ie.contentLength());
        ie.emitContent(buffer, offset + 2);
        return 2 + ie.contentLength();
    }

    static int emitMlme(MlmeIe ie, byte[] buffer, int offset) {
        int d = ie.longFormat() ? 0x8000 | ie.subId() << 11 | ie.contentLength()
                : ie.subId() << 8 | ie.contentLength();
        put16(buffer, offset, d);
        ie.emitContent(buffer, offset + 2);
        return 2 + ie.contentLength();
    }

    /**
     * Parses header IEs from {@code pos} up to {@code limit}, stopping after a termination IE.
     *
     * @return the end offset
     */
    static int parseHeaderIes(byte[] b, int pos, int limit, List<HeaderIe> out) throws FrameFormatException {
        while (pos < limit) {
            require(limit - pos >= 2, Reason.TRUNCATED, "header IE descriptor cut at offset " + pos);
            int d = u16(b, pos);
            require((d & 0x8000) == 0, Reason.BAD_IE,
                    String.format("payload IE descriptor 0x%04x at offset %d without header termination", d, pos));
            int len = d & 0x7F;
            int id = (d >>> 7) & 0xFF;
            pos += 2;
            require(limit - pos >= len, Reason.TRUNCATED, "header IE 0x" + Integer.toHexString(id) + " of "
                    + len + " bytes overruns the header at offset " + pos);
            if (id == 0x7E || id == 0x7F) {
                require(len == 0, Reason.BAD_IE, "header termination IE with " + len + " bytes of content");
                out.add(id == 0x7E ? HeaderIe.HT1 : HeaderIe.HT2);
                return pos;
            }
            out.add(typedHeader(id, b, pos, len));
            pos += len;
        }
        return pos;
    }

    private static HeaderIe typedHeader(int id, byte[] b, int pos, int len) {
        if (id == HeaderIe.TimeCorrection.ELEMENT_ID && len == 2 && (u16(b, pos) & 0x7000) == 0) {
            int v = u16(b, pos);
            return new HeaderIe.TimeCorrection((v << 20) >> 20, (v & 0x8000) != 0);
        }
        return new HeaderIe.Unknown(id, Arrays.copyOfRange(b, pos, pos + len));
    }

    /**
     * Parses payload IEs from {@code pos} up to {@code limit}, stopping after a payload termination IE.
     *
     * @return the end offset
     */
    static int parsePayloadIes(byte[] b, int pos, int limit, List<PayloadIe> out) throws FrameFormatException {
        while (pos < limit) {
            require(limit - pos >= 2, Reason.TRUNCATED, "payload IE descriptor cut at offset " + pos);
            int d = u16(b, pos);
            require((d & 0x8000) != 0, Reason.BAD_IE, String.format("descriptor 0x%04x at %d is not a payload IE",
                    d, pos));
            int len = d & 0x7FF;
            int group = (d >>> 11) & 0xF;
            pos += 2;
            require(limit - pos >= len, Reason.TRUNCATED, "payload IE group " + group + " of " + len
                    + " bytes overruns the frame at offset " + pos);
            if (group == PayloadIe.GROUP_TERMINATION) {
                require(len == 0, Reason.BAD_IE, "payload termination IE with " + len + " bytes of content");
                out.add(PayloadIe.TERMINATION);
                return pos;
            }
            out.add(typedPayload(group, b, pos, len));
            pos += len;
        }
        return pos;
    }

    private static PayloadIe typedPayload(int group, byte[] b, int pos, int len) throws FrameFormatException {
        if (group == PayloadIe.GROUP_MLME) {
            List<MlmeIe> subs = new ArrayList<>();
            int end = pos + len;
            while (pos < end) {
                require(end - pos >= 2, Reason.BAD_IE, "MLME sub-IE descriptor cut at offset " + pos);
                int d = u16(b, pos);
                boolean isLong = (d & 0x8000) != 0;
                int subLen = isLong ? d & 0x7FF : d & 0xFF;
                int subId = isLong ? (d >>> 11) & 0xF : (d >>> 8) & 0x7F;
                pos += 2;
                require(end - pos >= subLen, Reason.BAD_IE, "MLME sub-IE 0x" + Integer.toHexString(subId) + " of "
                        + subLen + " bytes overruns its MLME IE");
                MlmeIe typed = typedMlme(isLong, subId, b, pos, subLen);
                subs.add(typed != null ? typed : new MlmeIe.Unknown(isLong, subId, Arrays.copyOfRange(b, pos,
                        pos + subLen)));
                pos += subLen;
            }
            return new PayloadIe.Mlme(subs);
        }
        if (group == PayloadIe.GROUP_IETF && len >= 1 && (b[pos] & 0xFF) == JoinInfoIe.SUBTYPE_ID) {
            return new PayloadIe.JoinInfo(JoinInfoIe.parse(b, pos + 1, len - 1));
        }
        return new PayloadIe.Unknown(group, Arrays.copyOfRange(b, pos, pos + len));
    }

    /** The typed nested IE, or null when the content has no typed form. */
    static MlmeIe typedMlme(boolean isLong, int subId, byte[] b, int pos, int len) {
        if (!isLong && subId == MlmeIe.SUB_ID_TSCH_SYNCHRONIZATION && len == 6) {
            long asn = 0;
            for (int i = 4; i >= 0; i--) {
                asn = asn << 8 | (b[pos + i] & 0xFF);
            }
            return new MlmeIe.TschSynchronization(asn, b[pos + 5] & 0xFF);
        }
        if (!isLong && subId == MlmeIe.SUB_ID_TSCH_TIMESLOT && len == 1) {
            return new MlmeIe.TschTimeslot(b[pos] & 0xFF);
        }
        if (isLong && subId == MlmeIe.SUB_ID_CHANNEL_HOPPING && len == 1) {
            return new MlmeIe.ChannelHopping(b[pos] & 0xFF);
        }
        if (!isLong && subId == MlmeIe.SUB_ID_TSCH_SLOTFRAME_AND_LINK) {
            MlmeIe typed = slotframes(b, pos, len);
            if (typed != null) {
                return typed;
            }
        }
        return null;
    }

    /** The typed IE, or null when the content is not exactly a slotframe list. */
    private static MlmeIe slotframes(byte[] b, int pos, int len) {
        int end = pos + len;
        if (len < 1) {
            return null;
        }
        int count = b[pos++] & 0xFF;
        List<MlmeIe.Slotframe> frames = new ArrayList<>();
        for (int f = 0; f < count; f++) {
            if (end - pos < 4) {
                return null;
            }
            int handle = b[pos] & 0xFF;
            int size = u16(b, pos + 1);
            int links = b[pos + 3] & 0xFF;
            pos += 4;
            if (end - pos < 5 * links) {
                return null;
            }
            List<MlmeIe.Link> list = new ArrayList<>();
            for (int l = 0; l < links; l++, pos += 5) {
                list.add(new MlmeIe.Link(u16(b, pos), u16(b, pos + 2), b[pos + 4] & 0xFF));
            }
            frames.add(new MlmeIe.Slotframe(handle, size, list));
        }
        return pos == end ? new MlmeIe.TschSlotframeAndLink(frames) : null;
    }

    static int u16(byte[] b, int pos) {
        return (b[pos] & 0xFF) | (b[pos + 1] & 0xFF) << 8;
    }

    static void put16(byte[] b, int pos, int value) {
        b[pos] = (byte) value;
        b[pos + 1] = (byte) (value >>> 8);
    }
}
