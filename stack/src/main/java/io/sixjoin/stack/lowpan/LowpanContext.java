package io.sixjoin.stack.lowpan;

import java.net.Inet6Address;
import java.util.Arrays;
import java.util.Objects;

import io.sixjoin.stack.lowpan.Ieee802154Address.IidRule;

/**
 * What 6LoWPAN compression leaves out of the bytes and the host must know instead: the link-layer source
 * and destination of the frame (for elided IIDs, RFC 6282 §3.2.2), the mesh prefix that is IPHC context 0
 * (SAC/DAC=1), the address an elided IP-in-IP encapsulator stands for, and the IID rule of the firmware.
 * RFC 8138 §7 says an elided encapsulator is the root; OpenWSN firmware ({@code iphc.c}, its
 * {@code dagroot_mac64b}) and OpenVisualizer both read it as {@code prefix::1} instead, so a bridge talking
 * to OpenWSN passes that address as {@code root}. One value per frame; cheap to build.
 *
 * <pre>{@code
 * LowpanContext ctx = new LowpanContext(prevHop, rootEui, prefix, rootAddress, IidRule.OPENWSN_EUI64_AS_IS);
 * MeshPacket up = LowpanCodec.decompress(lowpanBytes, ctx);
 * }</pre>
 *
 * @param linkSource      802.15.4 source of the frame (upstream: the 'D' frame's previous hop)
 * @param linkDestination 802.15.4 destination (upstream: the root mote; downstream: the next hop)
 * @param meshPrefix      the 8-byte /64 prefix of context 0; copied
 * @param root            what an elided IP-in-IP encapsulator means: the root (RFC 8138), bbbb::1 (OpenWSN)
 * @param iidRule         how extended addresses become IIDs
 */
public record LowpanContext(Ieee802154Address linkSource, Ieee802154Address linkDestination, byte[] meshPrefix,
        Inet6Address root, IidRule iidRule) {
    public LowpanContext {
        Objects.requireNonNull(linkSource, "linkSource");
        Objects.requireNonNull(linkDestination, "linkDestination");
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(iidRule, "iidRule");
        if (meshPrefix.length != 8) {
            throw new IllegalArgumentException("mesh prefix must be 8 bytes (a /64), not " + meshPrefix.length);
        }
        meshPrefix = meshPrefix.clone();
    }

    /** The same context for a frame between other link-layer addresses. */
    public LowpanContext withLink(Ieee802154Address source, Ieee802154Address destination) {
        return new LowpanContext(source, destination, meshPrefix, root, iidRule);
    }

    @Override
    public byte[] meshPrefix() {
        return meshPrefix.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LowpanContext c && linkSource.equals(c.linkSource)
                && linkDestination.equals(c.linkDestination) && Arrays.equals(meshPrefix, c.meshPrefix)
                && root.equals(c.root) && iidRule == c.iidRule;
    }

    @Override
    public int hashCode() {
        return Objects.hash(linkSource, linkDestination, root, iidRule) * 31 + Arrays.hashCode(meshPrefix);
    }

    @Override
    public String toString() {
        return "LowpanContext[" + linkSource + " -> " + linkDestination + ", root " + root.getHostAddress() + ", "
                + iidRule + "]";
    }
}
