package io.sixjoin.stack.openwsn;

import static io.sixjoin.stack.openwsn.OpenWsnFormatException.require;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import io.sixjoin.stack.openwsn.OpenWsnFormatException.Reason;

/**
 * The decoded contents of a {@link MoteFrame.Status} frame. The elements a bridge acts on are typed:
 * {@link IsSync}, {@link IdManager} (which says whether the mote is DAGroot), {@link MyDagRank}, {@link Asn},
 * {@link Joined}, plus {@link OutputBuffer} and {@link KaPeriod}; every other element, and any element number
 * a firmware version does not define, is an {@link Other} with its raw bytes. Layouts follow OpenVisualizer's
 * {@code parserstatus.py}; the ASN-bearing elements use the firmware's packed {@code asn_t} (byte 4, then
 * bytes 2-3 and 0-1 each little-endian), not the little-endian ASN of DATA frames.
 *
 * <pre>{@code
 * if (status.decode() instanceof StatusElement.IdManager id && id.isDagRoot() != 0) {
 *     rootEui64 = id.eui64();
 * }
 * }</pre>
 */
public sealed interface StatusElement {
    /** What an element is, with its length in OpenVisualizer's layout (also used to tell versions apart). */
    enum Kind {
        IS_SYNC(1), ID_MANAGER(21), MY_DAG_RANK(2), OUTPUT_BUFFER(4), ASN(5), MAC_STATS(15), SCHEDULE_ROW(31),
        BACKOFF(2), QUEUE_ROW(40), NEIGHBORS_ROW(40), KA_PERIOD(2), JOINED(5), MSF(2),
        /** An element number the firmware version in question does not define. */
        UNRECOGNISED(-1);

        private final int length;

        Kind(int length) {
            this.length = length;
        }

        /** Bytes of the element in OpenVisualizer's layout; -1 for {@link #UNRECOGNISED}. */
        public int length() {
            return length;
        }

        boolean typed() {
            return switch (this) {
                case IS_SYNC, ID_MANAGER, MY_DAG_RANK, OUTPUT_BUFFER, ASN, KA_PERIOD, JOINED -> true;
                default -> false;
            };
        }
    }

    /** What this element is. */
    Kind kind();

    /** The element's bytes as they travel after the element number. */
    byte[] toBytes();

    /** The number {@code dialect} gives this element; {@link Other} keeps the number it arrived with. */
    default int elementId(FirmwareDialect dialect) {
        return dialect.elementId(kind()).orElseThrow(
                () -> new IllegalArgumentException(kind() + " is not sent by " + dialect));
    }

    /** @param value non-zero once the mote is synchronised to the TSCH network */
    record IsSync(int value) implements StatusElement {
        public IsSync {
            Wire.u8(value, "isSync");
        }

        @Override
        public Kind kind() {
            return Kind.IS_SYNC;
        }

        @Override
        public byte[] toBytes() {
            return new byte[] {(byte) value};
        }
    }

    /**
     * The mote's identity, numbered 1 in every version.
     *
     * @param isDagRoot non-zero if the mote is DAGroot
     * @param panId     PAN ID, wire order (first byte high)
     * @param shortId   16-bit address, wire order
     * @param eui64     EUI-64
     * @param prefix    the 64-bit IPv6 prefix, bbbb:0:0:0 as 0xbbbb000000000000
     */
    record IdManager(int isDagRoot, int panId, int shortId, long eui64, long prefix) implements StatusElement {
        public IdManager {
            Wire.u8(isDagRoot, "isDagRoot");
            Wire.u16(panId, "panId");
            Wire.u16(shortId, "shortId");
        }

        @Override
        public Kind kind() {
            return Kind.ID_MANAGER;
        }

        @Override
        public byte[] toBytes() {
            byte[] b = new byte[Kind.ID_MANAGER.length];
            b[0] = (byte) isDagRoot;
            Wire.put16be(b, 1, panId);
            Wire.put16be(b, 3, shortId);
            Wire.put64be(b, 5, eui64);
            Wire.put64be(b, 13, prefix);
            return b;
        }

        @Override
        public String toString() {
            return String.format("IdManager[isDagRoot %d, pan 0x%04x, id 0x%04x, %s, prefix %016x]", isDagRoot,
                    panId, shortId, Wire.eui64(eui64), prefix);
        }
    }

    /** @param rank the mote's RPL rank (256 on a DAGroot), little-endian on the wire */
    record MyDagRank(int rank) implements StatusElement {
        public MyDagRank {
            Wire.u16(rank, "rank");
        }

        @Override
        public Kind kind() {
            return Kind.MY_DAG_RANK;
        }

        @Override
        public byte[] toBytes() {
            byte[] b = new byte[2];
            Wire.put16le(b, 0, rank);
            return b;
        }
    }

    /**
     * OUTBUFFERINDEXES, {@code develop} only.
     *
     * @param writeIndex serial output ring-buffer write index, little-endian
     * @param readIndex  its read index, little-endian
     */
    record OutputBuffer(int writeIndex, int readIndex) implements StatusElement {
        public OutputBuffer {
            Wire.u16(writeIndex, "writeIndex");
            Wire.u16(readIndex, "readIndex");
        }

        @Override
        public Kind kind() {
            return Kind.OUTPUT_BUFFER;
        }

        @Override
        public byte[] toBytes() {
            byte[] b = new byte[4];
            Wire.put16le(b, 0, writeIndex);
            Wire.put16le(b, 2, readIndex);
            return b;
        }
    }

    /** @param asn the mote's current absolute slot number (packed {@code asn_t} on the wire) */
    record Asn(long asn) implements StatusElement {
        public Asn {
            Wire.asn(asn);
        }

        @Override
        public Kind kind() {
            return Kind.ASN;
        }

        @Override
        public byte[] toBytes() {
            byte[] b = new byte[5];
            Wire.putAsnPacked(b, 0, asn);
            return b;
        }
    }

    /** @param asn the ASN at which the mote completed its join (packed {@code asn_t}); 0 while not joined */
    record Joined(long asn) implements StatusElement {
        public Joined {
            Wire.asn(asn);
        }

        @Override
        public Kind kind() {
            return Kind.JOINED;
        }

        @Override
        public byte[] toBytes() {
            byte[] b = new byte[5];
            Wire.putAsnPacked(b, 0, asn);
            return b;
        }
    }

    /** @param period keep-alive period in slots, little-endian */
    record KaPeriod(int period) implements StatusElement {
        public KaPeriod {
            Wire.u16(period, "period");
        }

        @Override
        public Kind kind() {
            return Kind.KA_PERIOD;
        }

        @Override
        public byte[] toBytes() {
            byte[] b = new byte[2];
            Wire.put16le(b, 0, period);
            return b;
        }
    }

    /**
     * An element kept as bytes.
     *
     * @param elementId the number it arrived with
     * @param kind      what it is, {@link Kind#UNRECOGNISED} if the number is unknown or ambiguous
     * @param raw       its bytes
     */
    record Other(int elementId, Kind kind, byte[] raw) implements StatusElement {
        public Other {
            Wire.u8(elementId, "elementId");
            raw = raw.clone();
        }

        @Override
        public byte[] raw() {
            return raw.clone();
        }

        @Override
        public byte[] toBytes() {
            return raw.clone();
        }

        @Override
        public int elementId(FirmwareDialect dialect) {
            return elementId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Other x && elementId == x.elementId && kind == x.kind && Arrays.equals(raw, x.raw);
        }

        @Override
        public int hashCode() {
            return (elementId * 31 + kind.hashCode()) * 31 + Arrays.hashCode(raw);
        }

        @Override
        public String toString() {
            return "Other[" + elementId + " " + kind + ", " + Wire.HEX.formatHex(raw) + "]";
        }
    }

    /**
     * Decodes an element numbered by {@code dialect}.
     *
     * @throws OpenWsnFormatException if a typed element has the wrong length, never another exception
     */
    static StatusElement decode(int elementId, byte[] raw, FirmwareDialect dialect) throws OpenWsnFormatException {
        Kind kind = dialect.kind(elementId).orElse(Kind.UNRECOGNISED);
        return decodeAs(kind, elementId, raw);
    }

    /**
     * Decodes an element of either known firmware version: where the versions disagree on what the number means,
     * the length decides; if the length does not settle it, the element stays {@link Other}.
     *
     * @throws OpenWsnFormatException if every candidate is typed and none has this length, never another exception
     */
    static StatusElement decode(int elementId, byte[] raw) throws OpenWsnFormatException {
        Set<Kind> candidates = new HashSet<>();
        for (FirmwareDialect d : FirmwareDialect.values()) {
            d.kind(elementId).ifPresent(candidates::add);
        }
        if (candidates.size() == 1) {
            return decodeAs(candidates.iterator().next(), elementId, raw);
        }
        Kind fitting = null;
        boolean allTyped = !candidates.isEmpty();
        for (Kind k : candidates) {
            allTyped &= k.typed();
            if (k.length() == raw.length) {
                fitting = fitting == null ? k : Kind.UNRECOGNISED;
            }
        }
        require(fitting != null || !allTyped, Reason.BAD_STATUS_ELEMENT, "status element " + elementId + " of "
                + raw.length + " bytes fits neither " + candidates);
        return decodeAs(fitting == null ? Kind.UNRECOGNISED : fitting, elementId, raw);
    }

    private static StatusElement decodeAs(Kind kind, int elementId, byte[] raw) throws OpenWsnFormatException {
        if (!kind.typed()) {
            return new Other(elementId, kind, raw);
        }
        require(raw.length == kind.length(), Reason.BAD_STATUS_ELEMENT,
                "status element " + elementId + " (" + kind + ") has " + raw.length + " bytes, expected "
                        + kind.length());
        return switch (kind) {
            case IS_SYNC -> new IsSync(raw[0] & 0xFF);
            case ID_MANAGER -> new IdManager(raw[0] & 0xFF, Wire.u16be(raw, 1), Wire.u16be(raw, 3),
                    Wire.u64be(raw, 5), Wire.u64be(raw, 13));
            case MY_DAG_RANK -> new MyDagRank(Wire.u16le(raw, 0));
            case OUTPUT_BUFFER -> new OutputBuffer(Wire.u16le(raw, 0), Wire.u16le(raw, 2));
            case ASN -> new Asn(Wire.asnPacked(raw, 0));
            case JOINED -> new Joined(Wire.asnPacked(raw, 0));
            case KA_PERIOD -> new KaPeriod(Wire.u16le(raw, 0));
            default -> throw new AssertionError(kind);
        };
    }
}
