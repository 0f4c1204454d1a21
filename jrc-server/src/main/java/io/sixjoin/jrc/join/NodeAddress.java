package io.sixjoin.jrc.join;

import io.sixjoin.stack.cojp.PledgeId;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;
import org.eclipse.californium.core.coap.CoAP;

/**
 * Where a joined node serves {@code /j} for Parameter Updates, worked out at its join. A Join Request's source is
 * the node itself only when the pledge talked to the JRC directly (a 6LBR pledge, a host on IPv4, or a node whose
 * address carries its own EUI-64 interface identifier); through a Join Proxy the source is the proxy. Then, as
 * RFC 9031 §8.2 says, the node's address is derived: the mesh's /64 prefix (that of the proxy, or of the JRC's
 * mesh address when the proxy spoke link-local) plus the modified EUI-64 interface identifier (RFC 4291 App. A),
 * port 5683 — or the EUI-64 as is when the proxy's own address shows the mesh forms IIDs that way (OpenWSN).
 */
public final class NodeAddress {
    private NodeAddress() {
    }

    /** The address to record for {@code pledge}, whose Join Request came from {@code peer}. */
    public static InetSocketAddress forJoin(PledgeId pledge, InetSocketAddress peer, Optional<Inet6Address> mesh) {
        if (!(peer.getAddress() instanceof Inet6Address v6) || pledge.length() != 8) {
            return peer;
        }
        byte[] iid = Arrays.copyOfRange(v6.getAddress(), 8, 16);
        // OpenWSN forms IIDs from the EUI-64 as is, RFC 4291 with the U/L bit inverted: either is the pledge itself
        if (Arrays.equals(iid, interfaceId(pledge)) || Arrays.equals(iid, pledge.bytes())) {
            // the pledge itself; a link-local address means nothing off its link, so the JRC (behind a bridge)
            // reaches it at the mesh prefix with the same IID
            return v6.isLinkLocalAddress() ? mesh.map(m -> withIid(m, iid)).orElse(peer) : peer;
        }
        if (v6.isLinkLocalAddress()) {
            return mesh.flatMap(m -> derive(m, pledge)).orElse(peer);
        }
        // The proxy is a node of the same mesh: its IID shows the rule the mesh uses. A universal EUI-64 (U/L bit 0,
        // every IEEE-assigned mote) keeps that bit 0 in an OpenWSN IID (the EUI-64 as is) and has it set in an
        // RFC 4291 modified EUI-64, so follow the proxy.
        if ((iid[0] & 0x02) == 0) {
            return withIid(v6, pledge.bytes());
        }
        return derive(v6, pledge).orElse(peer);
    }

    private static InetSocketAddress withIid(Inet6Address prefixSource, byte[] iid) {
        byte[] a = prefixSource.getAddress();
        System.arraycopy(iid, 0, a, 8, 8);
        try {
            return new InetSocketAddress(InetAddress.getByAddress(a), CoAP.DEFAULT_COAP_PORT);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("16 bytes are always an IPv6 address", e);
        }
    }

    /** {@code prefixSource}'s /64 plus the pledge's modified EUI-64 interface identifier, port 5683. */
    public static Optional<InetSocketAddress> derive(Inet6Address prefixSource, PledgeId pledge) {
        if (pledge.length() != 8) {
            return Optional.empty(); // only an EUI-64 maps to an interface identifier
        }
        byte[] a = prefixSource.getAddress();
        System.arraycopy(interfaceId(pledge), 0, a, 8, 8);
        try {
            return Optional.of(new InetSocketAddress(InetAddress.getByAddress(a), CoAP.DEFAULT_COAP_PORT));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("16 bytes are always an IPv6 address", e);
        }
    }

    /** A 16-byte address as {@link Inet6Address}. */
    public static Inet6Address toInet6(io.sixjoin.cbor.cojp.ByteString address) {
        try {
            return (Inet6Address) InetAddress.getByAddress(address.toByteArray());
        } catch (UnknownHostException | ClassCastException e) {
            throw new IllegalArgumentException("not an IPv6 address", e);
        }
    }

    private static byte[] interfaceId(PledgeId pledge) {
        byte[] iid = pledge.bytes();
        iid[0] ^= 0x02; // the universal/local bit is inverted in a modified EUI-64
        return iid;
    }
}
