package io.sixjoin.bridge;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.stream.Collectors;

/**
 * Live counters of one bridge, read by the periodic status line and by tests. Every packet the bridge gives up
 * on is counted under exactly one {@link Drop} reason, so "where did my packet go" always has an answer. All
 * counters are lock-free; the status line reads them without stopping the pipelines.
 */
public final class BridgeStats {
    /** Why a packet or frame was not forwarded; the lower-case names appear in the status line. */
    public enum Drop {
        /** Downstream packet for a mote with no source route learnt from DAOs. */
        NO_ROUTE,
        /** Downstream multicast: the DAGroot floods nothing the host sends. */
        MULTICAST,
        /** ICMPv6 Destination Unreachable towards the mesh: it crashes OpenWSN motes (openwsn-sw #161). */
        UNREACHABLE_TO_MESH,
        /** Downstream before the mote is DAGroot: it would refuse the frame. */
        NOT_ROOT,
        /** A 'D' frame whose 6LoWPAN could not be decompressed. */
        BAD_LOWPAN,
        /** Fragments that never completed, overlapped, or exceeded the bounds. */
        REASSEMBLY,
        /** An IPv6 packet from the uplink that does not parse, or is too large for the mesh. */
        BAD_IPV6,
        /** The uplink refused the packet (socket error, oversize). */
        UPLINK_FAILED,
        /** The serial line was down or the write failed. */
        SERIAL_DOWN,
        /** A frame from the mote that passed the FCS but not the frame codec. */
        BAD_FRAME;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    private final AtomicLong framesFromMote = new AtomicLong();
    private final AtomicLong crcErrors = new AtomicLong();
    private final AtomicLong lineErrors = new AtomicLong();
    private final AtomicLong packetsUp = new AtomicLong();
    private final AtomicLong packetsDown = new AtomicLong();
    private final AtomicLong framesToMote = new AtomicLong();
    private final AtomicLong daos = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicLongArray drops = new AtomicLongArray(Drop.values().length);

    public void frameFromMote() {
        framesFromMote.incrementAndGet();
    }

    /** An HDLC frame with a bad FCS: noise, a lost byte, or a wrong baud rate if it happens all the time. */
    public void crcError() {
        crcErrors.incrementAndGet();
    }

    /** Any other framing damage (too short, too long, bytes before the first flag). */
    public void lineError() {
        lineErrors.incrementAndGet();
    }

    public void packetUp() {
        packetsUp.incrementAndGet();
    }

    public void packetDown() {
        packetsDown.incrementAndGet();
    }

    public void frameToMote() {
        framesToMote.incrementAndGet();
    }

    public void dao() {
        daos.incrementAndGet();
    }

    public void reconnect() {
        reconnects.incrementAndGet();
    }

    public void drop(Drop reason) {
        drops.incrementAndGet(reason.ordinal());
    }

    public long framesFromMote() {
        return framesFromMote.get();
    }

    public long crcErrors() {
        return crcErrors.get();
    }

    public long lineErrors() {
        return lineErrors.get();
    }

    /** IPv6 packets from the mesh handed to the uplink or consumed by the bridge (DAOs). */
    public long packetsUp() {
        return packetsUp.get();
    }

    /** IPv6 packets sent into the mesh (each may take several fragments). */
    public long packetsDown() {
        return packetsDown.get();
    }

    public long framesToMote() {
        return framesToMote.get();
    }

    public long daos() {
        return daos.get();
    }

    public long reconnects() {
        return reconnects.get();
    }

    public long drops(Drop reason) {
        return drops.get(reason.ordinal());
    }

    /** Non-zero drop counters by reason, in declaration order. */
    public Map<Drop, Long> dropsByReason() {
        Map<Drop, Long> out = new EnumMap<>(Drop.class);
        for (Drop d : Drop.values()) {
            long n = drops.get(d.ordinal());
            if (n != 0) {
                out.put(d, n);
            }
        }
        return out;
    }

    /** The counter part of the status line: {@code up 12 down 10 crc 0 drops none}. */
    public String summary() {
        Map<Drop, Long> d = dropsByReason();
        String dropText = d.isEmpty() ? "none" : d.entrySet().stream()
                .map(e -> e.getKey().label() + "=" + e.getValue()).collect(Collectors.joining(","));
        return "up " + packetsUp() + " down " + packetsDown() + " frames " + framesFromMote() + "/"
                + framesToMote() + " crc " + crcErrors() + " line-errors " + lineErrors() + " reconnects "
                + reconnects() + " drops " + dropText;
    }
}
