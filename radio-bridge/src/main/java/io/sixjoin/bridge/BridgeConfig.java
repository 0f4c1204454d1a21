package io.sixjoin.bridge;

import io.sixjoin.stack.cojp.PledgeId;
import io.sixjoin.stack.cojp.PreSharedKey;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a {@link Bridge} needs to know, as one immutable value built by {@code sixjoin bridge} from its
 * options and config file (or by a test). Validation happens here, once, with messages that name the setting.
 * The PSK is held as a {@link PreSharedKey}, whose {@code toString} is redacted, so printing a config never
 * leaks it.
 *
 * @param serial         the {@code --serial} spec: a device path or {@code tcp://HOST:PORT}
 * @param baud           baud rate for local devices
 * @param pledgeId       the bridge's own CoJP identity as 6LBR; empty = the border-router mote's EUI-64
 * @param psk            the bridge's PSK with the JRC
 * @param networkId      the network identifier sent in the bridge's Join Request
 * @param prefix         the mesh /64 (8 bytes), sent to the mote with SETROOT; copied
 * @param jrcAddress     the JRC's IPv6 address the bridge's own join is sent to (default prefix::1)
 * @param pcap           IPv6 capture file, if any
 * @param pcapLowpan     6LoWPAN/802.15.4 capture file, if any
 * @param logMoteOutput  print the mote's log and printf frames
 * @param statusInterval period of the status line; zero disables it
 * @param fragmentSize   largest 6LoWPAN frame sent to the mote (OpenVisualizer uses 80)
 */
public record BridgeConfig(String serial, int baud, Optional<PledgeId> pledgeId, PreSharedKey psk, byte[] networkId,
        byte[] prefix, Inet6Address jrcAddress, Optional<Path> pcap, Optional<Path> pcapLowpan, boolean logMoteOutput,
        Duration statusInterval, int fragmentSize) {
    /** OpenVisualizer's prefix, which OpenWSN firmware also hard-codes for DAGROOT builds. */
    public static final byte[] DEFAULT_PREFIX = {(byte) 0xbb, (byte) 0xbb, 0, 0, 0, 0, 0, 0};
    /** The JRC's default network identifier ({@code sixjoin jrc} without --network-id). */
    public static final byte[] DEFAULT_NETWORK_ID = {(byte) 0xca, (byte) 0xfe};
    public static final Duration DEFAULT_STATUS_INTERVAL = Duration.ofSeconds(10);
    /** OpenVisualizer's MAX_FRAGMENT_SIZE: leaves room for the MAC header and MIC in a 127-byte frame. */
    public static final int DEFAULT_FRAGMENT_SIZE = 80;

    public BridgeConfig {
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(pledgeId, "pledgeId");
        Objects.requireNonNull(psk, "psk (the bridge joins the JRC as 6LBR and needs its own PSK)");
        Objects.requireNonNull(pcap, "pcap");
        Objects.requireNonNull(pcapLowpan, "pcapLowpan");
        Objects.requireNonNull(statusInterval, "statusInterval");
        if (networkId == null || networkId.length == 0 || networkId.length > 16) {
            throw new IllegalArgumentException("network id must be 1 to 16 bytes");
        }
        if (prefix == null || prefix.length != 8) {
            throw new IllegalArgumentException("the mesh prefix must be a /64 (8 bytes)");
        }
        if (statusInterval.isNegative()) {
            throw new IllegalArgumentException("status interval must not be negative");
        }
        if (fragmentSize < 24 || fragmentSize > 118) {
            throw new IllegalArgumentException("fragment size " + fragmentSize + " outside 24..118 (a 'D' frame"
                    + " carries at most 118 bytes of 6LoWPAN)");
        }
        networkId = networkId.clone();
        prefix = prefix.clone();
        if (jrcAddress == null) {
            jrcAddress = defaultJrcAddress(prefix);
        }
    }

    /** A config with defaults for everything but the serial line and the PSK. */
    public static BridgeConfig of(String serial, PreSharedKey psk) {
        return new BridgeConfig(serial, 115200, Optional.empty(), psk, DEFAULT_NETWORK_ID, DEFAULT_PREFIX, null,
                Optional.empty(), Optional.empty(), false, DEFAULT_STATUS_INTERVAL, DEFAULT_FRAGMENT_SIZE);
    }

    /** prefix::1, where OpenVisualizer's host lived. */
    public static Inet6Address defaultJrcAddress(byte[] prefix) {
        byte[] a = Arrays.copyOf(prefix, 16);
        a[15] = 1;
        try {
            return (Inet6Address) InetAddress.getByAddress(a);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("16 bytes are always an IPv6 address", e);
        }
    }

    @Override
    public byte[] networkId() {
        return networkId.clone();
    }

    @Override
    public byte[] prefix() {
        return prefix.clone();
    }

    /** {@code bbbb::/64} form for messages. */
    public String prefixText() {
        return prefixText(prefix);
    }

    /** {@code bbbb::/64}, {@code 2001:db8:0:1::/64}: the /64 with trailing zero groups folded. */
    public static String prefixText(byte[] prefix) {
        int last = -1;
        int[] groups = new int[4];
        for (int i = 0; i < 4; i++) {
            groups[i] = ((prefix[2 * i] & 0xFF) << 8) | (prefix[2 * i + 1] & 0xFF);
            if (groups[i] != 0) {
                last = i;
            }
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i <= last; i++) {
            b.append(i == 0 ? "" : ":").append(Integer.toHexString(groups[i]));
        }
        return b.append("::/64").toString();
    }

    public BridgeConfig withBaud(int b) {
        return new BridgeConfig(serial, b, pledgeId, psk, networkId, prefix, jrcAddress, pcap, pcapLowpan,
                logMoteOutput, statusInterval, fragmentSize);
    }

    public BridgeConfig withPledgeId(PledgeId id) {
        return new BridgeConfig(serial, baud, Optional.of(id), psk, networkId, prefix, jrcAddress, pcap, pcapLowpan,
                logMoteOutput, statusInterval, fragmentSize);
    }

    public BridgeConfig withCaptures(Path ipv6, Path lowpan) {
        return new BridgeConfig(serial, baud, pledgeId, psk, networkId, prefix, jrcAddress, Optional.ofNullable(ipv6),
                Optional.ofNullable(lowpan), logMoteOutput, statusInterval, fragmentSize);
    }

    public BridgeConfig withNetworkId(byte[] id) {
        return new BridgeConfig(serial, baud, pledgeId, psk, id, prefix, jrcAddress, pcap, pcapLowpan,
                logMoteOutput, statusInterval, fragmentSize);
    }

    public BridgeConfig withStatusInterval(Duration d) {
        return new BridgeConfig(serial, baud, pledgeId, psk, networkId, prefix, jrcAddress, pcap, pcapLowpan,
                logMoteOutput, d, fragmentSize);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BridgeConfig c && serial.equals(c.serial) && baud == c.baud && pledgeId.equals(c.pledgeId)
                && psk.equals(c.psk) && Arrays.equals(networkId, c.networkId) && Arrays.equals(prefix, c.prefix)
                && jrcAddress.equals(c.jrcAddress) && pcap.equals(c.pcap) && pcapLowpan.equals(c.pcapLowpan)
                && logMoteOutput == c.logMoteOutput && statusInterval.equals(c.statusInterval)
                && fragmentSize == c.fragmentSize;
    }

    @Override
    public int hashCode() {
        return Objects.hash(serial, baud, pledgeId, Arrays.hashCode(networkId), Arrays.hashCode(prefix));
    }

    @Override
    public String toString() {
        return "BridgeConfig[serial " + serial + ", baud " + baud + ", pledge " + pledgeId.map(PledgeId::hex)
                .orElse("(mote EUI-64)") + ", psk [redacted], network " + HexFormat.of().formatHex(networkId)
                + ", prefix " + prefixText() + ", jrc " + jrcAddress.getHostAddress() + "]";
    }
}
