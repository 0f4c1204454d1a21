package io.sixjoin.jrc.tunnel;

import java.net.Inet6Address;
import java.net.SocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the tunnel has learnt from inbound traffic about where motes live: for each mote address, the bridge
 * that forwarded its last packet and the JRC address it was sent to; for each /64 prefix, the bridge that last
 * served any mote in it. Answers go back exactly the way the request came (the JRC must answer from the
 * address the mote addressed, or the mote's CoAP stack will not match the response), while JRC-initiated
 * messages to a node that has never spoken fall back on its /64, which identifies the PAN. Both tables are
 * bounded and forget the least recently used entry first. Link-local prefixes are never learnt: every PAN
 * shares fe80::/64.
 */
final class TunnelRoutes {
    /** Where to send a packet for one mote, and which of the JRC's mesh addresses to send it from. */
    record Hop(SocketAddress bridge, Inet6Address jrcAddress) {
        Hop {
            Objects.requireNonNull(bridge, "bridge");
            Objects.requireNonNull(jrcAddress, "jrcAddress");
        }
    }

    private final Inet6Address defaultJrcAddress;
    private final Map<Inet6Address, Hop> motes;
    private final Map<Long, Hop> prefixes;

    /**
     * @param maxEntries        bound on each table
     * @param defaultJrcAddress source address for motes known only by prefix, or {@code null} to reuse the
     *                          address the prefix's other motes sent to
     */
    TunnelRoutes(int maxEntries, Inet6Address defaultJrcAddress) {
        this.defaultJrcAddress = defaultJrcAddress;
        this.motes = lru(maxEntries);
        this.prefixes = lru(maxEntries);
    }

    /** Records that {@code mote} reached {@code jrcAddress} through {@code bridge}; the latest packet wins. */
    synchronized void learn(Inet6Address mote, Inet6Address jrcAddress, SocketAddress bridge) {
        Hop hop = new Hop(bridge, jrcAddress);
        motes.put(mote, hop);
        if (!mote.isLinkLocalAddress()) {
            prefixes.put(prefix(mote), hop);
        }
    }

    /** The hop for {@code mote}: its own if it has talked to us, else its /64's, else none. */
    synchronized Optional<Hop> lookup(Inet6Address mote) {
        // The prefix is read even on an exact hit: it keeps an active PAN's prefix recently used.
        Hop neighbour = mote.isLinkLocalAddress() ? null : prefixes.get(prefix(mote));
        Hop own = motes.get(mote);
        if (own != null) {
            return Optional.of(own);
        }
        if (neighbour == null) {
            return Optional.empty();
        }
        Inet6Address from = defaultJrcAddress != null ? defaultJrcAddress : neighbour.jrcAddress();
        return Optional.of(new Hop(neighbour.bridge(), from));
    }

    synchronized int moteCount() {
        return motes.size();
    }

    synchronized int prefixCount() {
        return prefixes.size();
    }

    private static long prefix(Inet6Address address) {
        byte[] bytes = address.getAddress();
        long prefix = 0;
        for (int i = 0; i < 8; i++) {
            prefix = (prefix << 8) | (bytes[i] & 0xFF);
        }
        return prefix;
    }

    private static <K> Map<K, Hop> lru(int maxEntries) {
        return new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<K, Hop> eldest) {
                return size() > maxEntries;
            }
        };
    }
}
