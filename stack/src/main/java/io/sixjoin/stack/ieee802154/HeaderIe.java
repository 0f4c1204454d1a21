package io.sixjoin.stack.ieee802154;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One Header IE (802.15.4-2015 §7.4.2): a 2-byte little-endian descriptor (content length bits 0-6,
 * element ID bits 7-14, type bit 15 = 0) and up to 127 bytes of content. Header IEs are never encrypted.
 * Termination IEs are kept as elements of the list, exactly where they were on the air, because the MIC
 * covers them: {@link #HT1} (0x7e) announces payload IEs, {@link #HT2} (0x7f) a payload without IEs.
 * An IE whose content is not the canonical form of a known type stays {@link Unknown} with its raw bytes.
 *
 * <pre>{@code
 * List<HeaderIe> ack = List.of(new HeaderIe.TimeCorrection(-12, false));
 * }</pre>
 */
public sealed interface HeaderIe permits HeaderIe.TimeCorrection, HeaderIe.Termination, HeaderIe.Unknown {
    /** Largest content a Header IE length field can describe. */
    int MAX_CONTENT = 127;
    /** Header Termination 1: payload IEs follow. */
    Termination HT1 = new Termination(0x7E);
    /** Header Termination 2: a payload (no payload IEs) follows. */
    Termination HT2 = new Termination(0x7F);

    /** The 8-bit element ID. */
    int elementId();

    /** Bytes of content (after the descriptor). */
    int contentLength();

    /** Writes the content at {@code offset}. */
    void emitContent(byte[] buffer, int offset);

    /**
     * ACK/NACK Time Correction IE (element 0x1e), the Enhanced ACK's timing feedback in TSCH: a 12-bit
     * two's-complement correction in microseconds (bits 0-11) and the NACK flag (bit 15), little-endian.
     *
     * @param correctionMicros -2048..2047 µs, as the receiver measured the sender's offset
     * @param nack             the frame was received but refused
     */
    record TimeCorrection(int correctionMicros, boolean nack) implements HeaderIe {
        /** Element ID 0x1e. */
        public static final int ELEMENT_ID = 0x1E;

        public TimeCorrection {
            if (correctionMicros < -2048 || correctionMicros > 2047) {
                throw new IllegalArgumentException("time correction " + correctionMicros + " outside 12 bits");
            }
        }

        @Override
        public int elementId() {
            return ELEMENT_ID;
        }

        @Override
        public int contentLength() {
            return 2;
        }

        @Override
        public void emitContent(byte[] buffer, int offset) {
            int v = (correctionMicros & 0xFFF) | (nack ? 0x8000 : 0);
            buffer[offset] = (byte) v;
            buffer[offset + 1] = (byte) (v >>> 8);
        }
    }

    /**
     * A Header Termination IE, always empty; use {@link HeaderIe#HT1} or {@link HeaderIe#HT2}.
     *
     * @param elementId 0x7e or 0x7f
     */
    record Termination(int elementId) implements HeaderIe {
        public Termination {
            if (elementId != 0x7E && elementId != 0x7F) {
                throw new IllegalArgumentException("header termination IE ID must be 0x7e or 0x7f");
            }
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
     * Any other Header IE, or a known one in a form this codec does not type.
     *
     * @param elementId 8-bit element ID (not 0x7e/0x7f)
     * @param content   raw content, at most 127 bytes; copied
     */
    record Unknown(int elementId, byte[] content) implements HeaderIe {
        public Unknown {
            if (elementId < 0 || elementId > 0xFF || elementId == 0x7E || elementId == 0x7F) {
                throw new IllegalArgumentException("element ID " + elementId + " not usable for an unknown IE");
            }
            Objects.requireNonNull(content, "content");
            if (elementId == TimeCorrection.ELEMENT_ID && content.length == 2 && (content[1] & 0x70) == 0) {
                throw new IllegalArgumentException("a canonical time correction IE must be typed");
            }
            if (content.length > MAX_CONTENT) {
                throw new IllegalArgumentException("header IE content of " + content.length + " bytes");
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
            return o instanceof Unknown u && u.elementId == elementId && Arrays.equals(u.content, content);
        }

        @Override
        public int hashCode() {
            return elementId * 31 + Arrays.hashCode(content);
        }

        @Override
        public String toString() {
            return String.format("HeaderIe.Unknown[0x%02x: %s]", elementId, HexFormat.of().formatHex(content));
        }
    }
}
