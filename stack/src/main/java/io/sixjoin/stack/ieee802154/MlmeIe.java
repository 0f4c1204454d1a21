package io.sixjoin.stack.ieee802154;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * A nested IE inside the MLME Payload IE (802.15.4-2015 §7.4.4). Short format: descriptor bits 0-7 length,
 * 8-14 sub-ID, bit 15 = 0; long format: bits 0-10 length, 11-14 sub-ID, bit 15 = 1; little-endian. The
 * typed ones are the TSCH IEs RFC 8180 puts in an Enhanced Beacon, in the compact forms it uses (timeslot
 * template ID only, hopping sequence ID only); a full timeslot or hopping description stays {@link Unknown}
 * with its raw bytes, as does any IE whose content is not exactly the typed layout.
 *
 * <pre>{@code
 * MlmeIe sync = new MlmeIe.TschSynchronization(0x0102030405L, 0);
 * }</pre>
 */
public sealed interface MlmeIe permits MlmeIe.TschSynchronization, MlmeIe.TschTimeslot, MlmeIe.ChannelHopping,
        MlmeIe.TschSlotframeAndLink, MlmeIe.Unknown {
    /** Sub-ID of the TSCH Synchronization IE (short). */
    int SUB_ID_TSCH_SYNCHRONIZATION = 0x1A;
    /** Sub-ID of the TSCH Slotframe and Link IE (short). */
    int SUB_ID_TSCH_SLOTFRAME_AND_LINK = 0x1B;
    /** Sub-ID of the TSCH Timeslot IE (short). */
    int SUB_ID_TSCH_TIMESLOT = 0x1C;
    /** Sub-ID of the Channel Hopping IE (long). */
    int SUB_ID_CHANNEL_HOPPING = 0x09;

    /** The sub-ID (7 bits short, 4 bits long). */
    int subId();

    /** Whether the descriptor uses the long format. */
    boolean longFormat();

    /** Bytes of content. */
    int contentLength();

    /** Writes the content at {@code offset}. */
    void emitContent(byte[] buffer, int offset);

    /**
     * TSCH Synchronization IE: the sender's ASN (5 bytes, little-endian) and its join metric (RFC 8180:
     * DAGRank(rank) - 1, the root sends 0).
     *
     * @param asn        absolute slot number, 0..2^40-1
     * @param joinMetric 0..255
     */
    record TschSynchronization(long asn, int joinMetric) implements MlmeIe {
        public TschSynchronization {
            if (asn < 0 || asn >= 1L << 40 || joinMetric < 0 || joinMetric > 0xFF) {
                throw new IllegalArgumentException("ASN " + asn + " / join metric " + joinMetric + " out of range");
            }
        }

        @Override
        public int subId() {
            return SUB_ID_TSCH_SYNCHRONIZATION;
        }

        @Override
        public boolean longFormat() {
            return false;
        }

        @Override
        public int contentLength() {
            return 6;
        }

        @Override
        public void emitContent(byte[] buffer, int offset) {
            for (int i = 0; i < 5; i++) {
                buffer[offset + i] = (byte) (asn >>> (8 * i));
            }
            buffer[offset + 5] = (byte) joinMetric;
        }
    }

    /**
     * TSCH Timeslot IE carrying only the timeslot template ID (0 = the default 10 ms template).
     *
     * @param templateId 0..255
     */
    record TschTimeslot(int templateId) implements MlmeIe {
        public TschTimeslot {
            checkByte(templateId, "timeslot template ID");
        }

        @Override
        public int subId() {
            return SUB_ID_TSCH_TIMESLOT;
        }

        @Override
        public boolean longFormat() {
            return false;
        }

        @Override
        public int contentLength() {
            return 1;
        }

        @Override
        public void emitContent(byte[] buffer, int offset) {
            buffer[offset] = (byte) templateId;
        }
    }

    /**
     * Channel Hopping IE carrying only the hopping sequence ID (0 = the default sequence).
     *
     * @param sequenceId 0..255
     */
    record ChannelHopping(int sequenceId) implements MlmeIe {
        public ChannelHopping {
            checkByte(sequenceId, "hopping sequence ID");
        }

        @Override
        public int subId() {
            return SUB_ID_CHANNEL_HOPPING;
        }

        @Override
        public boolean longFormat() {
            return true;
        }

        @Override
        public int contentLength() {
            return 1;
        }

        @Override
        public void emitContent(byte[] buffer, int offset) {
            buffer[offset] = (byte) sequenceId;
        }
    }

    /**
     * TSCH Slotframe and Link IE: a count of slotframes, each with handle (1), size (2, LE), a link count
     * (1) and its links (timeslot 2 LE, channel offset 2 LE, link options 1).
     *
     * @param slotframes the slotframe descriptors, at most 255; copied
     */
    record TschSlotframeAndLink(List<Slotframe> slotframes) implements MlmeIe {
        public TschSlotframeAndLink {
            slotframes = List.copyOf(slotframes);
            if (slotframes.size() > 255 || 1 + slotframes.stream().mapToInt(Slotframe::length).sum() > 255) {
                throw new IllegalArgumentException("slotframe and link IE too large for a short IE");
            }
        }

        @Override
        public int subId() {
            return SUB_ID_TSCH_SLOTFRAME_AND_LINK;
        }

        @Override
        public boolean longFormat() {
            return false;
        }

        @Override
        public int contentLength() {
            return 1 + slotframes.stream().mapToInt(Slotframe::length).sum();
        }

        @Override
        public void emitContent(byte[] buffer, int offset) {
            buffer[offset] = (byte) slotframes.size();
            int pos = offset + 1;
            for (Slotframe sf : slotframes) {
                buffer[pos++] = (byte) sf.handle();
                pos = put16(buffer, pos, sf.size());
                buffer[pos++] = (byte) sf.links().size();
                for (Link link : sf.links()) {
                    pos = put16(buffer, pos, link.timeslot());
                    pos = put16(buffer, pos, link.channelOffset());
                    buffer[pos++] = (byte) link.options();
                }
            }
        }

        private static int put16(byte[] buffer, int pos, int value) {
            buffer[pos] = (byte) value;
            buffer[pos + 1] = (byte) (value >>> 8);
            return pos + 2;
        }
    }

    /**
     * One slotframe descriptor of a {@link TschSlotframeAndLink} IE.
     *
     * @param handle slotframe handle 0..255
     * @param size   slotframe length in timeslots 0..65535
     * @param links  its links, at most 255; copied
     */
    record Slotframe(int handle, int size, List<Link> links) {
        public Slotframe {
            checkByte(handle, "slotframe handle");
            check16(size, "slotframe size");
            links = List.copyOf(links);
            if (links.size() > 255) {
                throw new IllegalArgumentException(links.size() + " links in one slotframe");
            }
        }

        int length() {
            return 4 + 5 * links.size();
        }
    }

    /**
     * One link: a cell and what it may be used for.
     *
     * @param timeslot      slot offset 0..65535
     * @param channelOffset 0..65535
     * @param options       link options bitmap: b0 TX, b1 RX, b2 shared, b3 timekeeping (0x0f = minimal cell)
     */
    record Link(int timeslot, int channelOffset, int options) {
        public Link {
            check16(timeslot, "timeslot");
            check16(channelOffset, "channel offset");
            checkByte(options, "link options");
        }
    }

    /**
     * Any other nested IE, kept raw.
     *
     * @param longFormat whether the descriptor was long format
     * @param subId      sub-ID (0..127 short, 0..15 long)
     * @param content    raw content (at most 255 short, 2047 long); copied
     */
    record Unknown(boolean longFormat, int subId, byte[] content) implements MlmeIe {
        public Unknown {
            Objects.requireNonNull(content, "content");
            if (subId < 0 || subId > (longFormat ? 0xF : 0x7F) || content.length > (longFormat ? 2047 : 255)) {
                throw new IllegalArgumentException("sub-ID " + subId + " / " + content.length + " bytes do not fit");
            }
            if (IeCodec.typedMlme(longFormat, subId, content, 0, content.length) != null) {
                throw new IllegalArgumentException("this content has a typed form; use it");
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
            return o instanceof Unknown u && u.longFormat == longFormat && u.subId == subId
                    && Arrays.equals(u.content, content);
        }

        @Override
        public int hashCode() {
            return (subId * 31 + Boolean.hashCode(longFormat)) * 31 + Arrays.hashCode(content);
        }

        @Override
        public String toString() {
            return String.format("MlmeIe.Unknown[%s 0x%02x: %s]", longFormat ? "long" : "short", subId,
                    HexFormat.of().formatHex(content));
        }
    }

    private static void checkByte(int value, String what) {
        if (value < 0 || value > 0xFF) {
            throw new IllegalArgumentException(what + " " + value + " outside 0..255");
        }
    }

    private static void check16(int value, String what) {
        if (value < 0 || value > 0xFFFF) {
            throw new IllegalArgumentException(what + " " + value + " outside 0..65535");
        }
    }
}
