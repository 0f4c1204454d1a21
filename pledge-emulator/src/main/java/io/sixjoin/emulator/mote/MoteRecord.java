package io.sixjoin.emulator.mote;

import io.sixjoin.stack.ieee802154.MacAddress;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * What happened to one mote during a run, for the progress line, the summary and the JSON report: when it
 * first synchronised, sent its first Join Request and joined (virtual microseconds since ASN 0, empty until it
 * happened), how many join attempts it made, its short address, RPL parent and rank, and how often it rebooted.
 * Written by the mote on the kernel thread; read by the reporter on the same thread (or after the run).
 */
public final class MoteRecord {
    private final int index;
    private final MacAddress address;
    private long syncedAt = -1;
    private long requestedAt = -1;
    private long joinedAt = -1;
    private long routedAt = -1;
    private int attempts;
    private int reboots;
    private int shortAddress = -1;
    private MacAddress parent;
    private int rank = Rpl.INFINITE_RANK;

    MoteRecord(int index, MacAddress address) {
        this.index = index;
        this.address = address;
    }

    public int index() {
        return index;
    }

    public MacAddress address() {
        return address;
    }

    public OptionalLong syncedAt() {
        return at(syncedAt);
    }

    public OptionalLong requestedAt() {
        return at(requestedAt);
    }

    public OptionalLong joinedAt() {
        return at(joinedAt);
    }

    /** When the mote first sent a DAO through a parent: from then on the root can route to it and it proxies. */
    public OptionalLong routedAt() {
        return at(routedAt);
    }

    public boolean joined() {
        return joinedAt >= 0;
    }

    /** Join Requests started (first ones and retries after a failed attempt). */
    public int attempts() {
        return attempts;
    }

    public int reboots() {
        return reboots;
    }

    /** The 2-byte short address the JRC assigned, as a number; empty before joining or if none was given. */
    public OptionalLong shortAddress() {
        return shortAddress < 0 ? OptionalLong.empty() : OptionalLong.of(shortAddress);
    }

    public Optional<MacAddress> parent() {
        return Optional.ofNullable(parent);
    }

    /** RPL rank; {@link Rpl#INFINITE_RANK} with no parent. */
    public int rank() {
        return rank;
    }

    void synced(long now) {
        if (syncedAt < 0) {
            syncedAt = now;
        }
    }

    void requested(long now) {
        if (requestedAt < 0) {
            requestedAt = now;
        }
    }

    void attempt() {
        attempts++;
    }

    void joined(long now, int shortAddr) {
        if (joinedAt < 0) {
            joinedAt = now;
        }
        shortAddress = shortAddr;
    }

    void attached(MacAddress newParent, int newRank) {
        parent = newParent;
        rank = newRank;
    }

    void daoSent(long now) {
        if (routedAt < 0) {
            routedAt = now;
        }
    }

    void unrouted() {
        parent = null;
        rank = Rpl.INFINITE_RANK;
    }

    void rebooted() {
        reboots++;
    }

    private static OptionalLong at(long t) {
        return t < 0 ? OptionalLong.empty() : OptionalLong.of(t);
    }

    @Override
    public String toString() {
        return "MoteRecord[" + index + " " + address + (joined() ? " joined" : "") + ", attempts " + attempts + "]";
    }
}
