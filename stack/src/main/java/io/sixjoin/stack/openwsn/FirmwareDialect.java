package io.sixjoin.stack.openwsn;

import static io.sixjoin.stack.openwsn.StatusElement.Kind.ASN;
import static io.sixjoin.stack.openwsn.StatusElement.Kind.BACKOFF;
import static io.sixjoin.stack.openwsn.StatusElement.Kind.ID_MANAGER;
import static io.sixjoin.stack.openwsn.StatusElement.Kind.IS_SYNC;
import static io.sixjoin.stack.openwsn.StatusElement.Kind.JOINED;
import static io.sixjoin.stack.openwsn.StatusElement.Kind.KA_PERIOD;
import static io.sixjoin.stack.openwsn.StatusElement.Kind.MAC_STATS;
import static io.sixjoin.stack.openwsn.StatusElement.Kind.MSF;
import static io.sixjoin.stack.openwsn.StatusElement.Kind.MY_DAG_RANK;
import static io.sixjoin.stack.openwsn.StatusElement.Kind.NEIGHBORS_ROW;
import static io.sixjoin.stack.openwsn.StatusElement.Kind.OUTPUT_BUFFER;
import static io.sixjoin.stack.openwsn.StatusElement.Kind.QUEUE_ROW;
import static io.sixjoin.stack.openwsn.StatusElement.Kind.SCHEDULE_ROW;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import io.sixjoin.stack.openwsn.StatusElement.Kind;

/**
 * The STATUS element numbering of an OpenWSN firmware version. Versions number the same elements differently
 * ({@code develop} has OUTBUFFERINDEXES at 3 and so ASN at 4; the April 2021 CMake branch dropped it, moving
 * ASN to 3 and everything after down by one), so a bridge either knows its firmware, learns it from
 * {@link #evidence}, or lets {@link StatusElement#decode(int, byte[])} tell elements apart by length.
 *
 * <pre>{@code
 * FirmwareDialect.evidence(status.elementId(), status.raw().length).ifPresent(d -> dialect = d);
 * StatusElement e = dialect == null ? status.decode() : status.decode(dialect);
 * }</pre>
 */
public enum FirmwareDialect {
    /** openwsn-fw {@code develop} (2021-11) as parsed by OpenVisualizer: elements 0..12, MSF last. */
    DEVELOP(List.of(IS_SYNC, ID_MANAGER, MY_DAG_RANK, OUTPUT_BUFFER, ASN, MAC_STATS, SCHEDULE_ROW, BACKOFF,
            QUEUE_ROW, NEIGHBORS_ROW, KA_PERIOD, JOINED, MSF)),
    /** openwsn-fw's April 2021 CMake branch (the pip-built python board): elements 0..11, no OUTBUFFERINDEXES. */
    CMAKE_2021(List.of(IS_SYNC, ID_MANAGER, MY_DAG_RANK, ASN, MAC_STATS, SCHEDULE_ROW, BACKOFF, QUEUE_ROW,
            NEIGHBORS_ROW, KA_PERIOD, JOINED, MSF));

    private final List<Kind> byId;

    FirmwareDialect(List<Kind> byId) {
        this.byId = byId;
    }

    /** What element {@code elementId} is in this version, if it has one. */
    public Optional<Kind> kind(int elementId) {
        return elementId >= 0 && elementId < byId.size() ? Optional.of(byId.get(elementId)) : Optional.empty();
    }

    /** The number this version gives {@code kind}, if it sends it at all. */
    public OptionalInt elementId(Kind kind) {
        int i = byId.indexOf(kind);
        return i < 0 ? OptionalInt.empty() : OptionalInt.of(i);
    }

    /**
     * The one version an element with this number and length can come from, if only one fits: e.g. element 3
     * with 5 bytes (ASN) only comes from {@link #CMAKE_2021}, element 12 only from {@link #DEVELOP}. Empty when
     * both or neither fit.
     */
    public static Optional<FirmwareDialect> evidence(int elementId, int length) {
        boolean develop = fits(DEVELOP, elementId, length);
        boolean cmake = fits(CMAKE_2021, elementId, length);
        if (develop == cmake) {
            return Optional.empty();
        }
        return Optional.of(develop ? DEVELOP : CMAKE_2021);
    }

    private static boolean fits(FirmwareDialect dialect, int elementId, int length) {
        return dialect.kind(elementId).map(k -> k.length() == length).orElse(false);
    }
}
