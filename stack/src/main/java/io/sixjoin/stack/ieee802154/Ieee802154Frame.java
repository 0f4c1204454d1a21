package io.sixjoin.stack.ieee802154;

import static io.sixjoin.stack.ieee802154.FrameFormatException.require;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

import io.sixjoin.stack.ieee802154.FrameControl.PanIdPresence;
import io.sixjoin.stack.ieee802154.FrameFormatException.Reason;
import io.sixjoin.stack.ieee802154.security.AuxSecurityHeader;

/**
 * An IEEE 802.15.4 frame in the general MAC format (beacon, data, ACK, command; frame versions 2003, 2006
 * and 2015), without the PHY header. The frame control field is derived from the content, so a frame
 * cannot disagree with itself; {@link #parse} accepts exactly what {@link #emitTo} can reproduce byte for
 * byte, which matters because a MIC covers the header as sent. (One exception, outside any MIC-covered
 * header: reserved bits of an RFC 9032 join IE are ignored, as that RFC asks, and re-sent as zero.)
 *
 * <p>Two forms: a <em>plain</em> frame ({@code security == null}) has its payload IEs decoded; a
 * <em>secured</em> frame as on the air keeps everything after the header IEs (payload IEs, payload, MIC,
 * possibly encrypted) as the opaque {@link #payload}; {@code security.FrameSecurity} converts between them.
 * Termination IEs stay in the IE lists where they were sent. The FCS is not part of the record:
 * {@link #parseWithFcs} checks and strips it, {@link #encodeWithFcs} appends it.
 *
 * <pre>{@code
 * Ieee802154Frame data = Ieee802154Frame.builder(FrameType.DATA)
 *         .sequenceNumber(7).pan(0xcafe).destination(parent).source(me).ackRequest(true)
 *         .payload(lowpanPacket).build();
 * byte[] onAir = data.encodeWithFcs();
 * Ieee802154Frame back = Ieee802154Frame.parseWithFcs(onAir);
 * }</pre>
 *
 * @param frameType        type (general format: 0..3)
 * @param frameVersion     0, 1 or 2 ({@link FrameControl#VERSION_2015})
 * @param framePending     frame pending bit
 * @param ackRequest       AR bit
 * @param panIdCompression PAN ID compression bit; PAN ID presence must match {@link PanIdPresence}
 * @param sequenceNumber   0..255, or null when suppressed (version 2 only)
 * @param destinationPan   destination PAN ID or null
 * @param destination      destination address or null
 * @param sourcePan        source PAN ID or null
 * @param source           source address or null
 * @param security         auxiliary security header, null for an unsecured (or already unsecured) frame
 * @param headerIes        header IEs, termination IEs included; copied
 * @param payloadIes       payload IEs (plain frames only), termination included; copied
 * @param payload          the MAC payload after the IEs, or for secured frames the opaque rest; copied
 */
public record Ieee802154Frame(FrameType frameType, int frameVersion, boolean framePending, boolean ackRequest,
        boolean panIdCompression, Integer sequenceNumber, Integer destinationPan, MacAddress destination,
        Integer sourcePan, MacAddress source, AuxSecurityHeader security, List<HeaderIe> headerIes,
        List<PayloadIe> payloadIes, byte[] payload) {

    public Ieee802154Frame {
        Objects.requireNonNull(frameType, "frameType");
        headerIes = List.copyOf(headerIes);
        payloadIes = List.copyOf(payloadIes);
        payload = Objects.requireNonNull(payload, "payload").clone();
        FrameValidation.check(frameType, frameVersion, panIdCompression, sequenceNumber, destinationPan,
                destination, sourcePan, source, security, headerIes, payloadIes, payload);
    }

    /** A builder for a frame of {@code type}, frame version 2 by default. */
    public static FrameBuilder builder(FrameType type) {
        return new FrameBuilder(type);
    }

    /** Decodes a frame without FCS. */
    public static Ieee802154Frame parse(byte[] frame) throws FrameFormatException {
        return FrameParser.parse(frame, 0, frame.length);
    }

    /** Decodes a frame whose last two bytes are its FCS, verifying it. */
    public static Ieee802154Frame parseWithFcs(byte[] frame) throws FrameFormatException {
        require(frame.length >= Fcs.LENGTH, Reason.TRUNCATED, frame.length + " bytes cannot hold an FCS");
        require(Fcs.verifies(frame), Reason.BAD_FCS, "FCS mismatch over " + (frame.length - 2) + " bytes");
        return FrameParser.parse(frame, 0, frame.length - Fcs.LENGTH);
    }

    /** The frame control field this frame is sent with. */
    public FrameControl frameControl() {
        return new FrameControl(frameType, security != null, framePending, ackRequest, panIdCompression,
                sequenceNumber == null, !headerIes.isEmpty() || !payloadIes.isEmpty(),
                AddressingMode.of(destination), frameVersion, AddressingMode.of(source));
    }

    /** Bytes up to and including the header IEs: the part a MIC authenticates but never encrypts. */
    public int headerLength() {
        return 2 + (sequenceNumber == null ? 0 : 1) + (destinationPan == null ? 0 : 2)
                + AddressingMode.of(destination).addressLength() + (sourcePan == null ? 0 : 2)
                + AddressingMode.of(source).addressLength() + (security == null ? 0 : security.encodedLength())
                + IeCodec.headerLength(headerIes);
    }

    /** Bytes {@link #emitTo} writes (no FCS). */
    public int encodedLength() {
        return headerLength() + IeCodec.payloadLength(payloadIes) + payload.length;
    }

    /** Writes exactly {@link #encodedLength()} bytes at {@code offset}; nothing else in {@code buffer} changes. */
    public void emitTo(byte[] buffer, int offset) {
        Objects.checkFromIndexSize(offset, encodedLength(), buffer.length);
        IeCodec.put16(buffer, offset, frameControl().toBits());
        int pos = offset + 2;
        if (sequenceNumber != null) {
            buffer[pos++] = (byte) (int) sequenceNumber;
        }
        if (destinationPan != null) {
            IeCodec.put16(buffer, pos, destinationPan);
            pos += 2;
        }
        if (destination != null) {
            pos += destination.emitTo(buffer, pos);
        }
        if (sourcePan != null) {
            IeCodec.put16(buffer, pos, sourcePan);
            pos += 2;
        }
        if (source != null) {
            pos += source.emitTo(buffer, pos);
        }
        if (security != null) {
            pos += security.emitTo(buffer, pos);
        }
        for (HeaderIe ie : headerIes) {
            pos += IeCodec.emitHeader(ie, buffer, pos);
        }
        for (PayloadIe ie : payloadIes) {
            pos += IeCodec.emitPayload(ie, buffer, pos);
        }
        System.arraycopy(payload, 0, buffer, pos, payload.length);
    }

    /** The frame as a fresh array, without FCS. */
    public byte[] encode() {
        byte[] out = new byte[encodedLength()];
        emitTo(out, 0);
        return out;
    }

    /** The frame followed by its FCS, as a radio sends it and pcap LINKTYPE_IEEE802_15_4_WITHFCS stores it. */
    public byte[] encodeWithFcs() {
        return Fcs.append(encode());
    }

    /** The first {@link #headerLength()} bytes of {@link #encode()}. */
    public byte[] headerBytes() {
        return Arrays.copyOf(encode(), headerLength());
    }

    /** The bytes after the header IEs: payload IEs and payload (plain), or the opaque rest (secured). */
    public byte[] bodyBytes() {
        byte[] all = encode();
        return Arrays.copyOfRange(all, headerLength(), all.length);
    }

    /** The payload, copied. */
    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /**
     * This frame's header with security {@code aux} and {@code opaque} (private payload and MIC) as body:
     * the on-air form {@code FrameSecurity} produces.
     */
    public Ieee802154Frame withSecuredBody(AuxSecurityHeader aux, byte[] opaque) {
        return new Ieee802154Frame(frameType, frameVersion, framePending, ackRequest, panIdCompression,
                sequenceNumber, destinationPan, destination, sourcePan, source, Objects.requireNonNull(aux),
                headerIes, List.of(), opaque);
    }

    /**
     * This frame's header without security and {@code body} (payload IEs, if the header IEs end in HT1, and
     * payload) decoded: the plain form of a secured frame once its body is decrypted and verified.
     */
    public Ieee802154Frame withPlainBody(byte[] body) throws FrameFormatException {
        List<PayloadIe> ies = new ArrayList<>();
        int pos = 0;
        if (!headerIes.isEmpty() && headerIes.get(headerIes.size() - 1).equals(HeaderIe.HT1)) {
            pos = IeCodec.parsePayloadIes(body, 0, body.length, ies);
        }
        try {
            return new Ieee802154Frame(frameType, frameVersion, framePending, ackRequest, panIdCompression,
                    sequenceNumber, destinationPan, destination, sourcePan, source, null, headerIes, ies,
                    Arrays.copyOfRange(body, pos, body.length));
        } catch (IllegalArgumentException e) {
            throw new FrameFormatException(Reason.BAD_IE, "decrypted body does not fit the header: "
                    + e.getMessage());
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Ieee802154Frame f && f.frameType.equals(frameType) && f.frameVersion == frameVersion
                && f.framePending == framePending && f.ackRequest == ackRequest
                && f.panIdCompression == panIdCompression && Objects.equals(f.sequenceNumber, sequenceNumber)
                && Objects.equals(f.destinationPan, destinationPan) && Objects.equals(f.destination, destination)
                && Objects.equals(f.sourcePan, sourcePan) && Objects.equals(f.source, source)
                && Objects.equals(f.security, security) && f.headerIes.equals(headerIes)
                && f.payloadIes.equals(payloadIes) && Arrays.equals(f.payload, payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(frameType, frameVersion, framePending, ackRequest, panIdCompression, sequenceNumber,
                destinationPan, destination, sourcePan, source, security, headerIes, payloadIes,
                Arrays.hashCode(payload));
    }

    @Override
    public String toString() {
        return "Ieee802154Frame[" + frameType.name() + " v" + frameVersion + " seq " + sequenceNumber + ", "
                + pan(sourcePan) + source + " -> " + pan(destinationPan) + destination
                + (security == null ? "" : ", " + security) + (framePending ? ", pending" : "")
                + (ackRequest ? ", AR" : "") + ", headerIes " + headerIes + ", payloadIes " + payloadIes
                + ", payload " + HexFormat.of().formatHex(payload) + "]";
    }

    private static String pan(Integer pan) {
        return pan == null ? "" : String.format("%04x/", pan);
    }
}
