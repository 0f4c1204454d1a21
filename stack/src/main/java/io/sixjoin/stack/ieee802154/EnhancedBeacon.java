package io.sixjoin.stack.ieee802154;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Builds and reads RFC 8180 Enhanced Beacons: a frame-version-2 beacon to the broadcast short address with
 * the PAN ID sent once, the sender's extended address, HT1, and one MLME payload IE holding TSCH
 * Synchronization (ASN, join metric), TSCH Timeslot (template 0), Channel Hopping (sequence 0) and the
 * minimal-schedule Slotframe and Link IE (handle 0, one cell at slot 0 / channel offset 0, options 0x0f).
 * With the default 101-slot slotframe those IEs are byte for byte the RFC 8180 Appendix A stream OpenWSN
 * sends. An optional RFC 9032 join IE goes in a second payload IE after the MLME one.
 *
 * <pre>{@code
 * Ieee802154Frame eb = EnhancedBeacon.builder(0xcafe, me).sequenceNumber(seq).asn(asn).joinMetric(0).build();
 * EnhancedBeacon.Info info = EnhancedBeacon.read(eb);   // null if not an EB with a sync IE
 * }</pre>
 */
public final class EnhancedBeacon {
    /** RFC 8180 minimal cell link options: TX, RX, shared, timekeeping. */
    public static final int MINIMAL_CELL_OPTIONS = 0x0F;
    /** OpenWSN's default slotframe length. */
    public static final int DEFAULT_SLOTFRAME_LENGTH = 101;

    private final int panId;
    private final MacAddress source;
    private Integer sequenceNumber;
    private long asn;
    private int joinMetric;
    private int slotframeLength = DEFAULT_SLOTFRAME_LENGTH;
    private JoinInfoIe joinInfo;

    private EnhancedBeacon(int panId, MacAddress source) {
        this.panId = panId;
        this.source = Objects.requireNonNull(source, "source");
    }

    /** A builder for an EB from {@code source} in PAN {@code panId}. */
    public static EnhancedBeacon builder(int panId, MacAddress source) {
        return new EnhancedBeacon(panId, source);
    }

    /** Sequence number, or null to suppress it (OpenWSN sends one). */
    public EnhancedBeacon sequenceNumber(Integer value) {
        sequenceNumber = value;
        return this;
    }

    /** The ASN of the slot the EB goes out in. */
    public EnhancedBeacon asn(long value) {
        asn = value;
        return this;
    }

    /** RFC 8180 join metric: DAGRank(rank) - 1, 0 at the root. */
    public EnhancedBeacon joinMetric(int value) {
        joinMetric = value;
        return this;
    }

    /** Length of the minimal slotframe. */
    public EnhancedBeacon slotframeLength(int value) {
        slotframeLength = value;
        return this;
    }

    /** Adds an RFC 9032 join IE (null for none, as OpenWSN). */
    public EnhancedBeacon joinInfo(JoinInfoIe value) {
        joinInfo = value;
        return this;
    }

    /** The payload IEs of this EB (the header IE list is just {@link HeaderIe#HT1}). */
    public List<PayloadIe> payloadIes() {
        List<PayloadIe> ies = new ArrayList<>();
        ies.add(new PayloadIe.Mlme(List.of(new MlmeIe.TschSynchronization(asn, joinMetric),
                new MlmeIe.TschTimeslot(0), new MlmeIe.ChannelHopping(0),
                new MlmeIe.TschSlotframeAndLink(List.of(new MlmeIe.Slotframe(0, slotframeLength,
                        List.of(new MlmeIe.Link(0, 0, MINIMAL_CELL_OPTIONS))))))));
        if (joinInfo != null) {
            ies.add(new PayloadIe.JoinInfo(joinInfo));
        }
        return ies;
    }

    /** The unsecured EB. Secure it with {@code FrameSecurity} (MIC only, K1) if the network has keys. */
    public Ieee802154Frame build() {
        return Ieee802154Frame.builder(FrameType.BEACON).sequenceNumber(sequenceNumber)
                .destination(MacAddress.BROADCAST).source(source).pan(panId)
                .headerIes(List.of(HeaderIe.HT1)).payloadIes(payloadIes()).build();
    }

    /**
     * What a pledge needs from an EB.
     *
     * @param asn        ASN of the slot the EB was sent in
     * @param joinMetric join metric
     * @param slotframes the advertised slotframes (empty if the EB carries none)
     * @param joinInfo   the RFC 9032 join IE, or null
     */
    public record Info(long asn, int joinMetric, List<MlmeIe.Slotframe> slotframes, JoinInfoIe joinInfo) {
        public Info {
            slotframes = List.copyOf(slotframes);
        }
    }

    /**
     * Reads a plain (or unsecured) frame as an EB: a version-2 beacon carrying a TSCH Synchronization IE.
     *
     * @return the EB's contents, or null if {@code frame} is not such an EB
     */
    public static Info read(Ieee802154Frame frame) {
        if (!frame.frameType().equals(FrameType.BEACON) || frame.frameVersion() != FrameControl.VERSION_2015) {
            return null;
        }
        MlmeIe.TschSynchronization sync = null;
        List<MlmeIe.Slotframe> slotframes = new ArrayList<>();
        JoinInfoIe join = null;
        for (PayloadIe ie : frame.payloadIes()) {
            if (ie instanceof PayloadIe.Mlme mlme) {
                for (MlmeIe sub : mlme.subIes()) {
                    if (sub instanceof MlmeIe.TschSynchronization s && sync == null) {
                        sync = s;
                    } else if (sub instanceof MlmeIe.TschSlotframeAndLink sl) {
                        slotframes.addAll(sl.slotframes());
                    }
                }
            } else if (ie instanceof PayloadIe.JoinInfo j && join == null) {
                join = j.info();
            }
        }
        return sync == null ? null : new Info(sync.asn(), sync.joinMetric(), slotframes, join);
    }
}
