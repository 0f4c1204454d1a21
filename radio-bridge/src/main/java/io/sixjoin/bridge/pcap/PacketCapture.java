package io.sixjoin.bridge.pcap;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bridge's two optional captures behind one tap: {@code --pcap} records every IPv6 packet that crosses the
 * bridge in either direction (LINKTYPE_IPV6), {@code --pcap-lowpan} every 6LoWPAN frame exchanged with the
 * mote, wrapped in a synthesised 802.15.4 header (LINKTYPE_IEEE802_15_4_NOFCS). Either may be absent. A capture
 * that fails to write (disk full) is closed and logged once; it never stops the bridge, since forwarding
 * matters more than the record of it.
 */
public final class PacketCapture implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(PacketCapture.class);

    private volatile PcapWriter ipv6;
    private volatile PcapWriter lowpan;
    private final int panId;
    private final AtomicInteger sequence = new AtomicInteger();

    /** Wraps already-open writers; either may be null. */
    public PacketCapture(PcapWriter ipv6, PcapWriter lowpan, int panId) {
        this.ipv6 = ipv6;
        this.lowpan = lowpan;
        this.panId = panId;
    }

    /** A capture that records nothing. */
    public static PacketCapture none() {
        return new PacketCapture(null, null, 0);
    }

    /** Opens the files the user asked for; either path may be null. */
    public static PacketCapture open(Path ipv6File, Path lowpanFile, int panId, Clock clock) throws IOException {
        PcapWriter a = ipv6File == null ? null : PcapWriter.create(ipv6File, PcapWriter.LINKTYPE_IPV6, clock);
        try {
            PcapWriter b = lowpanFile == null ? null
                    : PcapWriter.create(lowpanFile, PcapWriter.LINKTYPE_IEEE802_15_4_NOFCS, clock);
            return new PacketCapture(a, b, panId);
        } catch (IOException e) {
            if (a != null) {
                a.close();
            }
            throw e;
        }
    }

    /** Records one IPv6 packet (either direction). */
    public void ipv6(byte[] packet) {
        PcapWriter w = ipv6;
        if (w != null) {
            try {
                w.write(packet);
            } catch (IOException e) {
                ipv6 = null;
                LOG.warn("IPv6 capture stopped: {}", e.getMessage());
                closeQuietly(w);
            }
        }
    }

    /** Records one 6LoWPAN frame sent by {@code source} to {@code destination} (EUI-64s, big-endian). */
    public void lowpan(byte[] source, byte[] destination, byte[] frame) {
        PcapWriter w = lowpan;
        if (w != null) {
            try {
                w.write(Ieee802154Header.frame(sequence.getAndIncrement(), panId, source, destination, frame));
            } catch (IOException e) {
                lowpan = null;
                LOG.warn("6LoWPAN capture stopped: {}", e.getMessage());
                closeQuietly(w);
            }
        }
    }

    @Override
    public void close() {
        closeQuietly(ipv6);
        closeQuietly(lowpan);
    }

    private static void closeQuietly(PcapWriter w) {
        if (w != null) {
            try {
                w.close();
            } catch (IOException ignored) {
                // the capture is best effort
            }
        }
    }
}
