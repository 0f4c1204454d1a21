package io.sixjoin.stack.ieee802154;

import static io.sixjoin.stack.ieee802154.FrameFormatException.require;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

import io.sixjoin.stack.ieee802154.FrameFormatException.Reason;

/**
 * The RFC 9032 6tisch-Join-Info IE: subtype 2 of the IETF Payload IE (group 5), telling a pledge which
 * neighbours may serve as Join Proxy and which network they belong to. This record is the content after
 * the 1-byte subtype ID.
 *
 * <p><b>Bit layout (an interpretation, pinned by {@code JoinInfoIeTest}).</b> RFC 9032 Figure 1 draws R,
 * P, 3 reserved bits, a 7-bit proxy priority and a 12-bit rank priority across the three octets after the
 * subtype, but states no bit order. No implementation we interoperate with emits this IE (OpenWSN's EB has
 * none), so we read the figure literally in network order: those three octets form a big-endian 24-bit
 * value with R in its most significant bit, then P, reserved (3), proxy priority (7), rank priority (12).
 * Then PAN priority (1 octet), the Join Proxy interface ID (8 octets) iff P, and the network ID (the rest,
 * at most 16 octets). Reserved bits are ignored on receipt and sent as zero, as the RFC says.
 *
 * <pre>{@code
 * JoinInfoIe ie = new JoinInfoIe(false, 0x10, 0, 0, null, HexFormat.of().parseHex("cafe"));
 * PayloadIe onAir = new PayloadIe.JoinInfo(ie);
 * }</pre>
 *
 * @param router        R: the sender routes for SLAAC host-only nodes
 * @param proxyPriority 0 (most willing) .. 0x7e; 0x7f = never use as Join Proxy
 * @param rankPriority  0..4095, lower = more willing to be a RPL parent (pledges ignore it)
 * @param panPriority   0..255, set by the DODAG root
 * @param joinProxyIid  the Join Proxy's link-local interface ID (8 bytes), or null (P = 0); copied
 * @param networkId     0..16 bytes identifying the network; copied
 */
public record JoinInfoIe(boolean router, int proxyPriority, int rankPriority, int panPriority, byte[] joinProxyIid,
        byte[] networkId) {
    /** Subtype ID of the 6tisch-Join-Info IE within the IETF IE. */
    public static final int SUBTYPE_ID = 2;
    /** Proxy priority meaning "never use me as Join Proxy". */
    public static final int NEVER_PROXY = 0x7F;
    /** Largest network ID. */
    public static final int MAX_NETWORK_ID = 16;

    public JoinInfoIe {
        if (proxyPriority < 0 || proxyPriority > 0x7F || rankPriority < 0 || rankPriority > 0xFFF
                || panPriority < 0 || panPriority > 0xFF) {
            throw new IllegalArgumentException("priority out of range: proxy " + proxyPriority + ", rank "
                    + rankPriority + ", PAN " + panPriority);
        }
        if (joinProxyIid != null) {
            if (joinProxyIid.length != 8) {
                throw new IllegalArgumentException("join proxy IID has 8 bytes, not " + joinProxyIid.length);
            }
            joinProxyIid = joinProxyIid.clone();
        }
        Objects.requireNonNull(networkId, "networkId");
        if (networkId.length > MAX_NETWORK_ID) {
            throw new IllegalArgumentException("network ID of " + networkId.length + " bytes, at most 16");
        }
        networkId = networkId.clone();
    }

    /** Decodes the content after the subtype ID. */
    public static JoinInfoIe parse(byte[] bytes, int offset, int length) throws FrameFormatException {
        require(length >= 4, Reason.BAD_IE, "join info IE of " + length + " bytes, at least 4 needed");
        int v = (bytes[offset] & 0xFF) << 16 | (bytes[offset + 1] & 0xFF) << 8 | (bytes[offset + 2] & 0xFF);
        boolean p = (v & 0x400000) != 0;
        int fixed = p ? 12 : 4;
        require(length >= fixed, Reason.BAD_IE, "join info IE with P set needs 12 bytes, has " + length);
        require(length - fixed <= MAX_NETWORK_ID, Reason.BAD_IE,
                "join info network ID of " + (length - fixed) + " bytes, at most 16");
        byte[] iid = p ? Arrays.copyOfRange(bytes, offset + 4, offset + 12) : null;
        return new JoinInfoIe((v & 0x800000) != 0, (v >>> 12) & 0x7F, v & 0xFFF, bytes[offset + 3] & 0xFF, iid,
                Arrays.copyOfRange(bytes, offset + fixed, offset + length));
    }

    /** Bytes {@link #emitTo} writes. */
    public int encodedLength() {
        return 4 + (joinProxyIid == null ? 0 : 8) + networkId.length;
    }

    /** Writes {@link #encodedLength()} bytes at {@code offset}. */
    public void emitTo(byte[] buffer, int offset) {
        int v = (router ? 0x800000 : 0) | (joinProxyIid != null ? 0x400000 : 0) | proxyPriority << 12
                | rankPriority;
        buffer[offset] = (byte) (v >>> 16);
        buffer[offset + 1] = (byte) (v >>> 8);
        buffer[offset + 2] = (byte) v;
        buffer[offset + 3] = (byte) panPriority;
        int pos = offset + 4;
        if (joinProxyIid != null) {
            System.arraycopy(joinProxyIid, 0, buffer, pos, 8);
            pos += 8;
        }
        System.arraycopy(networkId, 0, buffer, pos, networkId.length);
    }

    @Override
    public byte[] joinProxyIid() {
        return joinProxyIid == null ? null : joinProxyIid.clone();
    }

    @Override
    public byte[] networkId() {
        return networkId.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JoinInfoIe j && j.router == router && j.proxyPriority == proxyPriority
                && j.rankPriority == rankPriority && j.panPriority == panPriority
                && Arrays.equals(j.joinProxyIid, joinProxyIid) && Arrays.equals(j.networkId, networkId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(router, proxyPriority, rankPriority, panPriority, Arrays.hashCode(joinProxyIid),
                Arrays.hashCode(networkId));
    }

    @Override
    public String toString() {
        HexFormat hex = HexFormat.of();
        return "JoinInfoIe[R=" + router + ", proxyPriority=" + proxyPriority + ", rankPriority=" + rankPriority
                + ", panPriority=" + panPriority + ", joinProxyIid="
                + (joinProxyIid == null ? "none" : hex.formatHex(joinProxyIid)) + ", networkId="
                + hex.formatHex(networkId) + "]";
    }
}
