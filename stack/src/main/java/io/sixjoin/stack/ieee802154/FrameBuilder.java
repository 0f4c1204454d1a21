package io.sixjoin.stack.ieee802154;

import java.util.List;

import io.sixjoin.stack.ieee802154.FrameControl.PanIdPresence;
import io.sixjoin.stack.ieee802154.security.AuxSecurityHeader;

/**
 * Assembles an {@link Ieee802154Frame}. Defaults: frame version 2, no sequence number (suppressed), no
 * addresses, no IEs, empty payload. {@link #pan(int)} chooses the PAN ID Compression bit so that exactly
 * one PAN ID field is sent (the destination's when the table allows), which is what OpenWSN does: call it
 * after setting the addresses.
 *
 * <pre>{@code
 * Ieee802154Frame ack = Ieee802154Frame.builder(FrameType.ACK).sequenceNumber(7)
 *         .destination(sender).source(me).pan(0xcafe)
 *         .headerIes(List.of(new HeaderIe.TimeCorrection(-30, false))).build();
 * }</pre>
 */
public final class FrameBuilder {
    private final FrameType type;
    private int version = FrameControl.VERSION_2015;
    private boolean framePending;
    private boolean ackRequest;
    private boolean compression;
    private Integer sequenceNumber;
    private Integer destinationPan;
    private MacAddress destination;
    private Integer sourcePan;
    private MacAddress source;
    private AuxSecurityHeader security;
    private List<HeaderIe> headerIes = List.of();
    private List<PayloadIe> payloadIes = List.of();
    private byte[] payload = new byte[0];

    FrameBuilder(FrameType type) {
        this.type = type;
    }

    public FrameBuilder frameVersion(int value) {
        version = value;
        return this;
    }

    public FrameBuilder framePending(boolean value) {
        framePending = value;
        return this;
    }

    public FrameBuilder ackRequest(boolean value) {
        ackRequest = value;
        return this;
    }

    public FrameBuilder sequenceNumber(Integer value) {
        sequenceNumber = value;
        return this;
    }

    public FrameBuilder destination(MacAddress value) {
        destination = value;
        return this;
    }

    public FrameBuilder source(MacAddress value) {
        source = value;
        return this;
    }

    /** Sets both PAN ID fields and the compression bit explicitly. */
    public FrameBuilder panIds(boolean panIdCompression, Integer destinationPanId, Integer sourcePanId) {
        compression = panIdCompression;
        destinationPan = destinationPanId;
        sourcePan = sourcePanId;
        return this;
    }

    /** Sends {@code panId} once, choosing the compression bit for the addresses set so far. */
    public FrameBuilder pan(int panId) {
        for (boolean c : new boolean[] {false, true}) {
            PanIdPresence p;
            try {
                p = PanIdPresence.of(AddressingMode.of(destination), AddressingMode.of(source), c, version);
            } catch (FrameFormatException e) {
                continue;
            }
            if (p.destination() != p.source()) {
                return panIds(c, p.destination() ? panId : null, p.source() ? panId : null);
            }
        }
        throw new IllegalStateException("no PAN ID compression setting sends exactly one PAN ID for "
                + destination + " / " + source);
    }

    public FrameBuilder security(AuxSecurityHeader value) {
        security = value;
        return this;
    }

    public FrameBuilder headerIes(List<HeaderIe> value) {
        headerIes = value;
        return this;
    }

    public FrameBuilder payloadIes(List<PayloadIe> value) {
        payloadIes = value;
        return this;
    }

    public FrameBuilder payload(byte[] value) {
        payload = value.clone();
        return this;
    }

    /**
     * @throws IllegalArgumentException if the fields are inconsistent (see {@link Ieee802154Frame})
     */
    public Ieee802154Frame build() {
        return new Ieee802154Frame(type, version, framePending, ackRequest, compression, sequenceNumber,
                destinationPan, destination, sourcePan, source, security, headerIes, payloadIes, payload);
    }
}
