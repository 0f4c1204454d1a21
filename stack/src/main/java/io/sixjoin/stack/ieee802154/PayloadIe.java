package io.sixjoin.stack.ieee802154;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * One Payload IE (802.15.4-2015 §7.4.3): a 2-byte little-endian descriptor (content length bits 0-10,
 * group ID bits 11-14, type bit 15 = 1) and up to 2047 bytes of content. Typed groups: MLME (1, a list of
 * nested {@link MlmeIe}), the IETF IE (5, RFC 8137) when it carries the RFC 9032 6tisch-Join-Info subtype,
 * and the payload termination IE (15). Anything else, including other IETF subtypes such as 6P, is
 * {@link Unknown} with its raw content (an MLME IE or a join IE with malformed content is a decode error).
 *
 * <pre>{@code
 * PayloadIe mlme = new PayloadIe.Mlme(List.of(new MlmeIe.TschSynchronization(asn, 0)));
 * }</pre>
 */
public sealed interface PayloadIe permits PayloadIe.Mlme, PayloadIe.JoinInfo, PayloadIe.Termination,
        PayloadIe.Unknown {
    /** Largest content a Payload IE length field can describe. */
    int MAX_CONTENT = 2047;
    /** Group ID of the MLME IE. */
    int GROUP_MLME = 0x1;
    /** Group ID of the IETF IE (RFC 8137). */
    int GROUP_IETF = 0x5;
    /** Group ID of the payload termination IE. */
    int GROUP_TERMINATION = 0xF;
    /** The payload termination IE: a payload follows the payload IEs. */
    Termination TERMINATION = new Termination();

    /** The 4-bit group ID. */
    int groupId();

    /** Bytes of content (after the descriptor). */
    int contentLength();

    /** Writes the content at {@code offset}. */
    void emitContent(byte[] buffer, int offset);

    /**
     * The MLME Payload IE, a container of nested IEs (TSCH synchronization, slotframe and link, ...).
     *
     * @param subIes the nested IEs in order; copied
     */
    record Mlme(List<MlmeIe> subIes) implements PayloadIe {
        public Mlme {
            subIes = List.copyOf(subIes);
            int n = subIes.stream().mapToInt(ie -> 2 + ie.contentLength()).sum();
            if (n > MAX_CONTENT) {
                throw new IllegalArgumentException("MLME IE content of " + n + " bytes");
            }
        }

        @Override
        public int groupId() {
            return GROUP_MLME;
        }

        @Override
        public int contentLength() {
            return subIes.stream().mapToInt(ie -> 2 + ie.contentLength()).sum();
        }

        @Override
        public void emitContent(byte[] buffer, int offset) {
            int pos = offset;
            for (MlmeIe ie : subIes) {
                pos += IeCodec.emitMlme(ie, buffer, pos);
            }
        }
    }

    /**
     * An IETF IE (group 5) whose subtype is 2, the RFC 9032 6tisch-Join-Info IE.
     *
     * @param info the decoded join information
     */
    record JoinInfo(JoinInfoIe info) implements PayloadIe {
        public JoinInfo {
            Objects.requireNonNull(info, "info");
        }

        @Override
        public int groupId() {
            return GROUP_IETF;
        }

        @Override
        public int contentLength() {
            return 1 + info.encodedLength();
        }

        @Override
        public void emitContent(byte[] buffer, int offset) {
            buffer[offset] = (byte) JoinInfoIe.SUBTYPE_ID;
            info.emitTo(buffer, offset + 1);
        }
    }

    /** The payload termination IE (group 15, empty). */
    record Termination() implements PayloadIe {
        @Override
        public int groupId() {
            return GROUP_TERMINATION;
        }

        @Override
        public int contentLength() {
            return 0;
        }

        @Override
        public void emitContent(byte[] buffer, int offset) {
            // no content
        }
    }

    /**
     * Any other payload IE, kept raw.
     *
     * @param groupId 4-bit group ID (not 15)
     * @param content raw content; copied
     */
    record Unknown(int groupId, byte[] content) implements PayloadIe {
        public Unknown {
            Objects.requireNonNull(content, "content");
            // Groups with a typed form stay typed, so that equal frames have equal values.
            if (groupId < 0 || groupId > 14 || groupId == GROUP_MLME
                    || groupId == GROUP_IETF && content.length > 0 && content[0] == JoinInfoIe.SUBTYPE_ID) {
                throw new IllegalArgumentException("group ID " + groupId + " not usable for an unknown IE");
            }
            if (content.length > MAX_CONTENT) {
                throw new IllegalArgumentException("payload IE content of " + content.length + " bytes");
            }
            content = content.clone();
        }

        @Override
        public byte[] content() {
            return content.clone();
        }

        @Override
        public int contentLength() {
            return content.length;
        }

        @Override
        public void emitContent(byte[] buffer, int offset) {
            System.arraycopy(content, 0, buffer, offset, content.length);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Unknown u && u.groupId == groupId && Arrays.equals(u.content, content);
        }

        @Override
        public int hashCode() {
            return groupId * 31 + Arrays.hashCode(content);
        }

        @Override
        public String toString() {
            return String.format("PayloadIe.Unknown[group %d: %s]", groupId, HexFormat.of().formatHex(content));
        }
    }
}
