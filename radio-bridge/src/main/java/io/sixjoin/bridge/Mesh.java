package io.sixjoin.bridge;

import io.sixjoin.stack.lowpan.Ieee802154Address;
import io.sixjoin.stack.lowpan.LowpanContext;
import io.sixjoin.stack.rpl.SourceRoutingTable;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * What both pipelines must agree on about the mesh behind the border-router mote: its prefix, the root mote's
 * EUI-64 (learnt from its status or its first 'D' frame), the source routes learnt from DAOs, and the bridge's
 * own address for its 6LBR join. Owned by the bridge's event loop thread: no locking, no sharing elsewhere.
 * OpenWSN uses each EUI-64 as its IID unchanged (no U/L flip), so address and link address convert directly.
 */
final class Mesh {
    /** RFC 6550 default Lifetime Unit; OpenWSN's DAOs use lifetime 0xFF (infinite) anyway. */
    static final long LIFETIME_UNIT_MILLIS = 60_000;
    static final int MAX_DEPTH = 16;
    static final int MAX_NODES = 1024;

    private final byte[] prefix;
    private long rootEui;
    private boolean rootKnown;
    private SourceRoutingTable routes;
    private Inet6Address ownAddress;

    Mesh(byte[] prefix) {
        this.prefix = prefix.clone();
    }

    byte[] prefix() {
        return prefix.clone();
    }

    /** Sets the root mote's EUI-64; a different root than before starts a fresh routing table. */
    void root(long eui64) {
        if (!rootKnown || rootEui != eui64) {
            rootEui = eui64;
            rootKnown = true;
            routes = new SourceRoutingTable(rootAddress(), SourceRoutingTable.TargetPolicy.DAO_SOURCE, MAX_DEPTH,
                    MAX_NODES, LIFETIME_UNIT_MILLIS);
        }
    }

    boolean rootKnown() {
        return rootKnown;
    }

    long rootEui() {
        return rootEui;
    }

    /** The DODAGID: prefix ‖ root EUI-64, where motes send DAOs and their join proxies send join requests. */
    Inet6Address rootAddress() {
        return address(prefix, rootEui);
    }

    Optional<SourceRoutingTable> routes() {
        return Optional.ofNullable(routes);
    }

    int knownMotes() {
        return routes == null ? 0 : routes.nodes().size();
    }

    void ownAddress(Inet6Address address) {
        this.ownAddress = address;
    }

    boolean isOwn(Inet6Address a) {
        return ownAddress != null && ownAddress.equals(a);
    }

    /** Link context for a frame from {@code source} to {@code destination} (EUI-64s). */
    LowpanContext context(long source, long destination) {
        return new LowpanContext(Ieee802154Address.extended(bytes(source)),
                Ieee802154Address.extended(bytes(destination)), prefix, rootAddress(),
                Ieee802154Address.IidRule.OPENWSN_EUI64_AS_IS);
    }

    boolean inPrefix(Inet6Address a) {
        return Arrays.equals(Arrays.copyOf(a.getAddress(), 8), prefix);
    }

    static Inet6Address address(byte[] prefix8, long iid) {
        byte[] a = Arrays.copyOf(prefix8, 16);
        System.arraycopy(bytes(iid), 0, a, 8, 8);
        try {
            return (Inet6Address) InetAddress.getByAddress(a);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("16 bytes are an IPv6 address", e);
        }
    }

    static byte[] bytes(long eui64) {
        byte[] b = new byte[8];
        for (int i = 7; i >= 0; i--) {
            b[i] = (byte) eui64;
            eui64 >>>= 8;
        }
        return b;
    }

    static long iid(Inet6Address a) {
        byte[] b = a.getAddress();
        long v = 0;
        for (int i = 8; i < 16; i++) {
            v = (v << 8) | (b[i] & 0xFF);
        }
        return v;
    }

    static String eui(long eui64) {
        return HexFormat.ofDelimiter("-").formatHex(bytes(eui64));
    }
}
