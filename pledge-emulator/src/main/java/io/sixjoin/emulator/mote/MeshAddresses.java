package io.sixjoin.emulator.mote;

import io.sixjoin.stack.ieee802154.MacAddress;
import io.sixjoin.stack.lowpan.Ieee802154Address;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;

/**
 * The IPv6 addresses of an emulated mesh, built the way OpenWSN firmware builds them: a mote's interface
 * identifier is its EUI-64 as is (no Universal/Local flip, reference §2.4), its link-local address is
 * {@code fe80::EUI-64} and its global address is {@code prefix::EUI-64}. Keeping this in one place means the
 * emulated motes, the bridge and the JRC's idea of a node address (RFC 9031 §8.2) agree byte for byte.
 *
 * @param prefix the /64 mesh prefix, 8 bytes; copied
 */
public record MeshAddresses(byte[] prefix) {
    /** RFC 6550 §20.19: all-RPL-nodes, where DIOs go. */
    public static final Inet6Address ALL_RPL_NODES = address(new byte[] {(byte) 0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0x1a});
    /** OpenWSN's default prefix, bbbb::/64. */
    public static final long DEFAULT_PREFIX = 0xbbbb_0000_0000_0000L;

    public MeshAddresses {
        if (prefix.length != 8) {
            throw new IllegalArgumentException("a mesh prefix is 8 bytes, not " + prefix.length);
        }
        prefix = prefix.clone();
    }

    /** The addresses under the /64 prefix held in {@code prefix}'s 64 bits. */
    public static MeshAddresses of(long prefix) {
        return new MeshAddresses(ByteBuffer.allocate(8).putLong(prefix).array());
    }

    @Override
    public byte[] prefix() {
        return prefix.clone();
    }

    /** The prefix as a 64-bit number. */
    public long prefixBits() {
        return ByteBuffer.wrap(prefix).getLong();
    }

    /** {@code fe80::EUI-64}. */
    public static Inet6Address linkLocal(MacAddress mote) {
        return withIid(new byte[] {(byte) 0xfe, (byte) 0x80, 0, 0, 0, 0, 0, 0}, mote.bytes());
    }

    /** {@code prefix::EUI-64}. */
    public Inet6Address global(MacAddress mote) {
        return withIid(prefix, mote.bytes());
    }

    /** {@code prefix::1}, where OpenWSN puts the JRC and reads an elided IP-in-IP encapsulator. */
    public Inet6Address hostSide() {
        byte[] iid = new byte[8];
        iid[7] = 1;
        return withIid(prefix, iid);
    }

    /** Whether {@code a} is one of ours: under the mesh prefix, or link-local. */
    public boolean isGlobal(Inet6Address a) {
        return Arrays.equals(Arrays.copyOf(a.getAddress(), 8), prefix);
    }

    /** The EUI-64 a link-local or mesh address is built from, if it is one of those. */
    public Optional<MacAddress> moteOf(Inet6Address a) {
        if (!a.isLinkLocalAddress() && !isGlobal(a)) {
            return Optional.empty();
        }
        return Optional.of(MacAddress.extended(Arrays.copyOfRange(a.getAddress(), 8, 16)));
    }

    /** The 6LoWPAN view of a MAC address. */
    public static Ieee802154Address link(MacAddress mac) {
        return mac.isShort() ? Ieee802154Address.shortAddress(((mac.bytes()[0] & 0xFF) << 8) | (mac.bytes()[1] & 0xFF))
                : Ieee802154Address.extended(mac.bytes());
    }

    /** The EUI-64 as an unsigned 64-bit number (what the OpenWSN serial frames carry). */
    public static long eui64(MacAddress mac) {
        return ByteBuffer.wrap(mac.bytes()).getLong();
    }

    /** The MAC address of an EUI-64 number. */
    public static MacAddress mac(long eui64) {
        return MacAddress.extended(ByteBuffer.allocate(8).putLong(eui64).array());
    }

    private static Inet6Address withIid(byte[] high, byte[] iid) {
        byte[] b = new byte[16];
        System.arraycopy(high, 0, b, 0, 8);
        System.arraycopy(iid, 0, b, 8, 8);
        return address(b);
    }

    static Inet6Address address(byte[] sixteen) {
        try {
            return (Inet6Address) InetAddress.getByAddress(sixteen);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IPv6 address", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MeshAddresses m && Arrays.equals(m.prefix, prefix);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(prefix);
    }

    @Override
    public String toString() {
        return "MeshAddresses[" + hostSide().getHostAddress().replaceAll(":1$", ":") + "/64]";
    }
}
