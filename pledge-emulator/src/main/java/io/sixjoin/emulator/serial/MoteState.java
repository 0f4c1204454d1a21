package io.sixjoin.emulator.serial;

import io.sixjoin.stack.openwsn.FirmwareDialect;
import io.sixjoin.stack.openwsn.HostFrame;
import io.sixjoin.stack.openwsn.MoteFrame;
import io.sixjoin.stack.openwsn.StatusElement;
import io.sixjoin.stack.openwsn.StatusElement.Kind;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * The part of an emulated DAGroot's firmware state the serial protocol shows: the role, prefix and key index as
 * {@code idmanager_triggerAboutRoot} sets them, and {@code task_openserial_debugPrint}'s round-robin over the
 * STATUS elements of one firmware version, numbered as that version numbers them. Elements the emulated root has
 * no model for (MAC statistics, schedule, queue and neighbour rows, backoff, MSF) are sent zero-filled at their
 * parser length, so a host sees well-formed frames of every number. Package-private: {@link BorderRouterMote}
 * owns one and confines it to its thread.
 */
final class MoteState {
    /** Keep-alive period in slots reported by element KA_PERIOD; the emulated root sends no keep-alives. */
    static final int KA_PERIOD_SLOTS = 1000;

    private final long eui64;
    private final int moteId;
    private final int panIdWire;
    private final FirmwareDialect dialect;
    private final LongSupplier asn;
    private final int elementCount;
    private int nextElement;

    private boolean root;
    private long prefix = BorderRouterMote.LINK_LOCAL_PREFIX;
    private int keyIndex = -1;
    private long joinedAsn;

    MoteState(long eui64, int panId, FirmwareDialect dialect, LongSupplier asn) {
        this.eui64 = eui64;
        this.moteId = (int) (eui64 & 0xFFFF);
        // The firmware keeps the PAN ID little-endian (panid[0]=0xFE for 0xCAFE) and prints those bytes in order.
        this.panIdWire = Integer.reverseBytes(panId) >>> 16;
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        this.asn = Objects.requireNonNull(asn, "asn");
        int n = 0;
        while (dialect.kind(n).isPresent()) {
            n++;
        }
        this.elementCount = n;
    }

    long eui64() {
        return eui64;
    }

    int moteId() {
        return moteId;
    }

    long asn() {
        return asn.getAsLong();
    }

    boolean isRoot() {
        return root;
    }

    long prefix() {
        return prefix;
    }

    int keyIndex() {
        return keyIndex;
    }

    /** Applies a SETROOT; the firmware's action switch has no default, so other actions keep the role. */
    void setRoot(HostFrame.SetRoot s) {
        boolean wasRoot = root;
        switch (s.action()) {
            case HostFrame.SetRoot.BECOME_ROOT -> root = true;
            case HostFrame.SetRoot.STOP_ROOT -> root = false;
            case HostFrame.SetRoot.TOGGLE -> root = !root;
            default -> {
            }
        }
        if (root && !wasRoot) {
            joinedAsn = asn.getAsLong();
        } else if (!root) {
            joinedAsn = 0;
        }
        // Stored whatever the action, as idmanager_triggerAboutRoot does.
        prefix = s.prefix();
        keyIndex = s.keyIndex();
    }

    /** What a reboot leaves: no role, no prefix, no key, status printing from element 0. */
    void reboot() {
        root = false;
        prefix = BorderRouterMote.LINK_LOCAL_PREFIX;
        keyIndex = -1;
        joinedAsn = 0;
        nextElement = 0;
    }

    StatusElement.IdManager identity() {
        return new StatusElement.IdManager(root ? 1 : 0, panIdWire, moteId, eui64, prefix);
    }

    /** The element now due, as a STATUS frame; moves on to the next one. */
    MoteFrame.Status nextStatus() {
        int id = nextElement;
        nextElement = (nextElement + 1) % elementCount;
        Kind kind = dialect.kind(id).orElseThrow();
        StatusElement element = switch (kind) {
            // A lone root is its own time source; a non-root here has no neighbours to synchronise to.
            case IS_SYNC -> new StatusElement.IsSync(root ? 1 : 0);
            case ID_MANAGER -> identity();
            case MY_DAG_RANK -> new StatusElement.MyDagRank(root ? BorderRouterMote.ROOT_RANK
                    : BorderRouterMote.NO_RANK);
            // Output leaves for the transport as soon as it is produced, so the ring buffer always reads empty.
            case OUTPUT_BUFFER -> new StatusElement.OutputBuffer(0, 0);
            case ASN -> new StatusElement.Asn(asn.getAsLong());
            case KA_PERIOD -> new StatusElement.KaPeriod(KA_PERIOD_SLOTS);
            case JOINED -> new StatusElement.Joined(joinedAsn);
            default -> new StatusElement.Other(id, kind, new byte[kind.length()]);
        };
        return MoteFrame.Status.of(moteId, element, dialect);
    }
}
