package io.sixjoin.jrc.update;

import io.sixjoin.jrc.join.NodeAddress;
import io.sixjoin.jrc.store.JrcStore;
import io.sixjoin.stack.cojp.PledgeId;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import org.eclipse.californium.core.coap.CoAP;

/**
 * Where the JRC sends a node's Parameter Updates. RFC 9031 §8.2 has the JRC derive the node's address from the
 * pledge identifier and the network prefix; that fails whenever a node forms its address otherwise, so the
 * address recorded at the join comes first ({@link NodeAddress#forJoin} records the node's own address, derived
 * when the request came through a Join Proxy). The derivation also stands in when nothing was recorded: when the
 * JRC knows its own mesh address, a node with an 8-byte identifier and no recorded address is reached at that
 * address's /64 prefix plus the modified EUI-64 interface identifier (RFC 4291 App. A), port 5683.
 */
public final class NodeAddresses {
    private final JrcStore store;
    private final Optional<Inet6Address> meshAddress;

    /** @param meshAddress the JRC's own address in the mesh ({@code JrcConfig.jrcAddress()}), if configured */
    public NodeAddresses(JrcStore store, Optional<Inet6Address> meshAddress) {
        this.store = store;
        this.meshAddress = meshAddress;
    }

    /** The address to update {@code node} at, or empty if it was never recorded and cannot be derived. */
    public Optional<InetSocketAddress> of(PledgeId node) {
        Optional<InetSocketAddress> recorded = store.status().lastAddress(node);
        if (recorded.isPresent()) {
            return recorded;
        }
        return meshAddress.flatMap(prefix -> derive(prefix, node));
    }

    static Optional<InetSocketAddress> derive(Inet6Address prefixSource, PledgeId node) {
        return NodeAddress.derive(prefixSource, node);
    }
}
