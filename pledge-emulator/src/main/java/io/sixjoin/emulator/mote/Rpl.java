package io.sixjoin.emulator.mote;

import io.sixjoin.stack.ieee802154.MacAddress;
import io.sixjoin.stack.ipv6.Ipv6Packet;
import io.sixjoin.stack.rpl.Dao;
import io.sixjoin.stack.rpl.Dio;
import io.sixjoin.stack.rpl.Icmpv6Message;
import io.sixjoin.stack.rpl.RplOption;

import java.net.Inet6Address;
import java.util.List;
import java.util.Optional;

/**
 * One mote's RPL state in a non-storing DODAG (RFC 6550 MOP 1, as OpenWSN runs it): the DODAG it follows, its
 * preferred parent and rank, and the DIO and DAO messages it sends. Parent choice is the smallest advertised rank
 * plus a fixed link cost, with a hysteresis of one MinHopRankIncrease so that equal candidates do not make the
 * mote flap (every change costs a DAO and resets Trickle). The root is a {@code Rpl} with rank
 * {@link #ROOT_RANK} and no parent.
 */
final class Rpl {
    static final int INFINITE_RANK = 0xFFFF;
    static final int ROOT_RANK = 256;
    static final int MIN_HOP_RANK_INCREASE = 256;
    /** Rank added per hop: an ETX of 2 in OpenWSN's MRHOF-like objective function. */
    static final int LINK_COST = 2 * MIN_HOP_RANK_INCREASE;
    static final int INSTANCE = 0;
    /** DAO path lifetime in lifetime units (OpenWSN: 0xAA with a 60 s unit). */
    static final int PATH_LIFETIME = 0xAA;

    private final MeshAddresses addresses;
    private final Inet6Address self;
    private Inet6Address dodagId;
    private MacAddress parent;
    private int parentRank = INFINITE_RANK;
    private int rank;
    private int dtsn;
    private int daoSequence;
    private int pathSequence;

    Rpl(MeshAddresses addresses, MacAddress self, boolean root) {
        this.addresses = addresses;
        this.self = addresses.global(self);
        this.rank = root ? ROOT_RANK : INFINITE_RANK;
        this.dodagId = root ? this.self : null;
    }

    /** What a DIO did to us. */
    enum Change { NONE, NEW_PARENT, NEW_RANK }

    /**
     * Takes a DIO from neighbour {@code from}.
     *
     * @return what changed; {@link Change#NONE} for a consistent DIO (Trickle counts it)
     */
    Change onDio(MacAddress from, Dio dio) {
        if (rank == ROOT_RANK || dio.mop() != Dio.MOP_NON_STORING || dio.instanceId() != INSTANCE
                || dio.rank() >= INFINITE_RANK - LINK_COST) {
            return Change.NONE;
        }
        int offered = dio.rank() + LINK_COST;
        if (from.equals(parent)) {
            parentRank = dio.rank();
            if (offered != rank) {
                rank = offered;
                return Change.NEW_RANK;
            }
            return Change.NONE;
        }
        if (parent == null || offered + MIN_HOP_RANK_INCREASE <= rank) {
            if (dio.rank() >= rank && parent != null) {
                return Change.NONE; // never pick a child, whatever the arithmetic says
            }
            parent = from;
            parentRank = dio.rank();
            rank = offered;
            dodagId = dio.dodagId();
            pathSequence = (pathSequence + 1) & 0xFF;
            return Change.NEW_PARENT;
        }
        return Change.NONE;
    }

    /** Forgets the parent (it went silent, or the mote rebooted). */
    void detach() {
        parent = null;
        parentRank = INFINITE_RANK;
        rank = INFINITE_RANK;
    }

    Optional<MacAddress> parent() {
        return Optional.ofNullable(parent);
    }

    int rank() {
        return rank;
    }

    boolean isRoot() {
        return rank == ROOT_RANK;
    }

    boolean attached() {
        return isRoot() || parent != null;
    }

    Optional<Inet6Address> dodagId() {
        return Optional.ofNullable(dodagId);
    }

    /** RFC 8180 §6.1 join metric: DAGRank(rank) - 1, 0 at the root. */
    int joinMetric() {
        return Math.max(0, rank / MIN_HOP_RANK_INCREASE - 1);
    }

    /** Our DIO, from our link-local address to all RPL nodes. */
    Ipv6Packet dio(MacAddress me) {
        return dio(me, MeshAddresses.ALL_RPL_NODES);
    }

    /** Our DIO to {@code destination} (a unicast answer to a DIS, or all RPL nodes). */
    Ipv6Packet dio(MacAddress me, Inet6Address destination) {
        List<RplOption> options = List.of(
                new RplOption.DodagConfiguration(0, 12, 3, 10, 0x800, MIN_HOP_RANK_INCREASE, 1, PATH_LIFETIME, 60),
                new RplOption.PrefixInformation(64, 0x40, 0xFFFF_FFFFL, 0xFFFF_FFFFL,
                        MeshAddresses.address(java.util.Arrays.copyOf(addresses.prefix(), 16))));
        Dio dio = new Dio(INSTANCE, 0, rank, true, Dio.MOP_NON_STORING, 0, dtsn, 0, dodagId, options);
        return dio.toIcmpv6().toIpv6(MeshAddresses.linkLocal(me), destination, 255);
    }

    /** RFC 6550 §6.2 DIS code. */
    static final int DIS_CODE = 0x00;

    /**
     * A DIS (no options) to {@code destination}: "tell me about your DODAG". RFC 6550 §8.3: a unicast DIS is
     * answered with a unicast DIO, a multicast one with a Trickle reset.
     */
    static Ipv6Packet dis(MacAddress me, Inet6Address destination) {
        return new Icmpv6Message(Icmpv6Message.TYPE_RPL, DIS_CODE, new byte[2])
                .toIpv6(MeshAddresses.linkLocal(me), destination, 255);
    }

    /** Whether {@code ip} is a DIS. */
    static boolean isDis(Ipv6Packet ip) {
        byte[] icmp = ip.payload();
        return ip.nextHeader() == Ipv6Packet.ICMPV6 && icmp.length >= 2
                && (icmp[0] & 0xFF) == Icmpv6Message.TYPE_RPL && icmp[1] == DIS_CODE;
    }

    /** Our DAO to the root: we are reachable through our parent (RFC 6550 §9.7, non-storing). */
    Ipv6Packet dao() {
        List<RplOption> options = List.of(RplOption.Target.of(self),
                new RplOption.Transit(false, 0, pathSequence, PATH_LIFETIME,
                        Optional.of(addresses.global(parent))));
        daoSequence = (daoSequence + 1) & 0xFF;
        Dao dao = new Dao(INSTANCE, false, daoSequence, Optional.empty(), options);
        return dao.toIcmpv6().toIpv6(self, dodagId, 64);
    }
}
