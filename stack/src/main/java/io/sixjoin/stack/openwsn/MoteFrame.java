package io.sixjoin.stack.openwsn;

import static io.sixjoin.stack.openwsn.Wire.HEX;

import java.util.Arrays;
import java.util.Objects;

/**
 * A frame the border-router mote sends its host over the OpenWSN serial line, i.e. the payload of one HDLC
 * frame, type byte first. Each variant knows its {@link #encodedLength()} and writes itself with
 * {@link #emitTo}; {@link MoteFrameCodec#parse} builds them from bytes. Frame types the codec does not know
 * arrive as {@link Unknown} with every byte kept. Byte arrays are copied in and out, and records compare by
 * content. The variants: {@link Data}, {@link EchoReply}, {@link Status} and {@link Unknown} nested here,
 * {@link Log}, {@link Sniffed} and {@link Printf} beside it. All 16-bit mote IDs are read in wire order, first
 * byte high (OpenVisualizer reads STATUS ids little-endian and LOG ids big-endian; the firmware sends
 * {@code addr_16b[0], addr_16b[1]} in both).
 *
 * <pre>{@code
 * switch (MoteFrameCodec.parse(payload)) {
 *     case MoteFrame.Data d -> meshToIpv6(d.previousHop(), d.lowpan());
 *     case MoteFrame.Status s -> motes.update(s.moteId(), s.decode());
 *     default -> { }
 * }
 * }</pre>
 */
public sealed interface MoteFrame permits MoteFrame.Data, MoteFrame.EchoReply, MoteFrame.Status, Log, Sniffed,
        Printf, MoteFrame.Unknown {
    /** Frame type of {@link Data} and {@link EchoReply}. */
    int DATA = 'D';
    /** Frame type of {@link Status}. */
    int STATUS = 'S';
    /** Frame type of {@link Sniffed}. */
    int SNIFFED = 'P';
    /** Frame type of {@link Printf}. */
    int PRINTF = 'F';

    /** The frame-type byte. */
    int type();

    /** Bytes {@link #emitTo} writes, type byte included. */
    int encodedLength();

    /** Writes exactly {@link #encodedLength()} bytes at {@code offset}; nothing else in {@code buffer} changes. */
    void emitTo(byte[] buffer, int offset);

    /**
     * 'D': a packet the DAGroot received from the mesh. The wire does not tell this from an {@link EchoReply};
     * the codec reads a 'D' frame with room for both hop addresses as Data (see {@link #asEchoReply()}).
     *
     * @param moteId      the DAGroot's 16-bit ID
     * @param asn         absolute slot number of reception (5 bytes little-endian on the wire)
     * @param nextHop     EUI-64 of the receiver, i.e. the DAGroot itself
     * @param previousHop EUI-64 of the neighbour that sent the frame
     * @param lowpan      the 6LoWPAN packet after the 802.15.4 header, possibly a fragment
     */
    record Data(int moteId, long asn, long nextHop, long previousHop, byte[] lowpan) implements MoteFrame {
        /** Type, mote ID, ASN and the two EUI-64s. */
        public static final int HEADER_LENGTH = 24;

        public Data {
            Wire.u16(moteId, "moteId");
            Wire.asn(asn);
            lowpan = lowpan.clone();
        }

        @Override
        public byte[] lowpan() {
            return lowpan.clone();
        }

        /** This frame read as the reply to a host echo, whose bytes start where the hop addresses would. */
        public EchoReply asEchoReply() {
            byte[] echoed = new byte[16 + lowpan.length];
            Wire.put64be(echoed, 0, nextHop);
            Wire.put64be(echoed, 8, previousHop);
            System.arraycopy(lowpan, 0, echoed, 16, lowpan.length);
            return new EchoReply(moteId, asn, echoed);
        }

        @Override
        public int type() {
            return DATA;
        }

        @Override
        public int encodedLength() {
            return HEADER_LENGTH + lowpan.length;
        }

        @Override
        public void emitTo(byte[] buffer, int offset) {
            Objects.checkFromIndexSize(offset, encodedLength(), buffer.length);
            buffer[offset] = (byte) DATA;
            Wire.put16be(buffer, offset + 1, moteId);
            Wire.putAsnLe(buffer, offset + 3, asn);
            Wire.put64be(buffer, offset + 8, nextHop);
            Wire.put64be(buffer, offset + 16, previousHop);
            System.arraycopy(lowpan, 0, buffer, offset + HEADER_LENGTH, lowpan.length);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Data d && moteId == d.moteId && asn == d.asn && nextHop == d.nextHop
                    && previousHop == d.previousHop && Arrays.equals(lowpan, d.lowpan);
        }

        @Override
        public int hashCode() {
            return Objects.hash(moteId, asn, nextHop, previousHop) * 31 + Arrays.hashCode(lowpan);
        }

        @Override
        public String toString() {
            return "Data[mote " + Wire.moteId(moteId) + ", asn " + asn + ", " + Wire.eui64(previousHop) + " -> "
                    + Wire.eui64(nextHop) + ", lowpan " + HEX.formatHex(lowpan) + "]";
        }
    }

    /**
     * 'D' without hop addresses: the mote's answer to a host {@link HostFrame.Echo}. Echoes shorter than 16
     * bytes parse back as this; longer ones parse as {@link Data}, from which {@link Data#asEchoReply()} recovers
     * it, so a liveness probe should stay under 16 bytes (OpenVisualizer's uses 10).
     *
     * @param moteId the mote's 16-bit ID
     * @param asn    its ASN when it answered
     * @param echoed the bytes the host sent
     */
    record EchoReply(int moteId, long asn, byte[] echoed) implements MoteFrame {
        /** Type, mote ID and ASN. */
        public static final int HEADER_LENGTH = 8;

        public EchoReply {
            Wire.u16(moteId, "moteId");
            Wire.asn(asn);
            echoed = echoed.clone();
        }

        @Override
        public byte[] echoed() {
            return echoed.clone();
        }

        @Override
        public int type() {
            return DATA;
        }

        @Override
        public int encodedLength() {
            return HEADER_LENGTH + echoed.length;
        }

        @Override
        public void emitTo(byte[] buffer, int offset) {
            Objects.checkFromIndexSize(offset, encodedLength(), buffer.length);
            buffer[offset] = (byte) DATA;
            Wire.put16be(buffer, offset + 1, moteId);
            Wire.putAsnLe(buffer, offset + 3, asn);
            System.arraycopy(echoed, 0, buffer, offset + HEADER_LENGTH, echoed.length);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof EchoReply e && moteId == e.moteId && asn == e.asn && Arrays.equals(echoed, e.echoed);
        }

        @Override
        public int hashCode() {
            return Objects.hash(moteId, asn) * 31 + Arrays.hashCode(echoed);
        }

        @Override
        public String toString() {
            return "EchoReply[mote " + Wire.moteId(moteId) + ", asn " + asn + ", " + HEX.formatHex(echoed) + "]";
        }
    }

    /**
     * 'S': one status element; the firmware prints one every 100 ms, round-robin. Element numbers depend on the
     * firmware version, so the frame keeps the raw bytes and {@link #decode} interprets them.
     *
     * @param moteId    the mote's 16-bit ID
     * @param elementId the STATUS_* number
     * @param raw       the element's bytes
     */
    record Status(int moteId, int elementId, byte[] raw) implements MoteFrame {
        /** Type, mote ID and element ID. */
        public static final int HEADER_LENGTH = 4;

        public Status {
            Wire.u16(moteId, "moteId");
            Wire.u8(elementId, "elementId");
            raw = raw.clone();
        }

        /** A frame carrying {@code element} numbered the way {@code dialect} numbers it. */
        public static Status of(int moteId, StatusElement element, FirmwareDialect dialect) {
            return new Status(moteId, element.elementId(dialect), element.toBytes());
        }

        /** The element, told apart between firmware versions by its length where its number is ambiguous. */
        public StatusElement decode() throws OpenWsnFormatException {
            return StatusElement.decode(elementId, raw);
        }

        /** The element as numbered by a known firmware version. */
        public StatusElement decode(FirmwareDialect dialect) throws OpenWsnFormatException {
            return StatusElement.decode(elementId, raw, dialect);
        }

        @Override
        public byte[] raw() {
            return raw.clone();
        }

        @Override
        public int type() {
            return STATUS;
        }

        @Override
        public int encodedLength() {
            return HEADER_LENGTH + raw.length;
        }

        @Override
        public void emitTo(byte[] buffer, int offset) {
            Objects.checkFromIndexSize(offset, encodedLength(), buffer.length);
            buffer[offset] = (byte) STATUS;
            Wire.put16be(buffer, offset + 1, moteId);
            buffer[offset + 3] = (byte) elementId;
            System.arraycopy(raw, 0, buffer, offset + HEADER_LENGTH, raw.length);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Status s && moteId == s.moteId && elementId == s.elementId
                    && Arrays.equals(raw, s.raw);
        }

        @Override
        public int hashCode() {
            return (moteId * 31 + elementId) * 31 + Arrays.hashCode(raw);
        }

        @Override
        public String toString() {
            return "Status[mote " + Wire.moteId(moteId) + ", element " + elementId + ", " + HEX.formatHex(raw) + "]";
        }
    }

    /**
     * A frame type this codec does not know (a newer firmware's, or line noise that passed the FCS).
     *
     * @param type the frame-type byte, not one of the known types
     * @param body the bytes after it
     */
    record Unknown(int type, byte[] body) implements MoteFrame {
        public Unknown {
            Wire.u8(type, "type");
            if (MoteFrameCodec.isKnownType(type)) {
                throw new IllegalArgumentException("type '" + (char) type + "' is known; use its record");
            }
            body = body.clone();
        }

        @Override
        public byte[] body() {
            return body.clone();
        }

        @Override
        public int encodedLength() {
            return 1 + body.length;
        }

        @Override
        public void emitTo(byte[] buffer, int offset) {
            Objects.checkFromIndexSize(offset, encodedLength(), buffer.length);
            buffer[offset] = (byte) type;
            System.arraycopy(body, 0, buffer, offset + 1, body.length);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Unknown u && type == u.type && Arrays.equals(body, u.body);
        }

        @Override
        public int hashCode() {
            return type * 31 + Arrays.hashCode(body);
        }

        @Override
        public String toString() {
            return String.format("Unknown[type 0x%02x, %s]", type, HEX.formatHex(body));
        }
    }
}
