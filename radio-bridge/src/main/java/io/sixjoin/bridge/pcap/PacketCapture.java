package io.sixjoin.bridge.pcap;

import io.sixjoin.stack.pcap.PcapWriter;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bridge's two optional captures behind one tap: {@code --pcap} records every IPv6 packet that crosses the
 * bridge in either direction (LINKTYPE_IPV6), {@code --pcap-lowpan} every 6LoWPAN frame exchanged with the
 * mote, wrapped in a synthesised 802.15.4 header (LINKTYPE_IEEE802_15_4_NOFCS). Either may be absent. Packets
 * are stamped with the injected {@link Clock} and flushed one by one, so a killed bridge leaves readable files. A
 * capture that fails to write (disk full) is closed and logged once; it never stops the bridge, since forwarding
 * matters more than the record of it.
 */
public final class PacketCapture implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(PacketCapture.class);

    private volatile PcapWriter ipv6;
    private volatile PcapWriter lowpan;
    private final int panId;
    private final Clock clock;
    private final AtomicInteger sequence = new AtomicInteger();

    /** Wraps already-open writers, either of which may be null; packets are stamped with {@code clock}. */
    public PacketCapture(PcapWriter ipv6, PcapWriter lowpan, int panId, Clock clock) {
        this.ipv6 = ipv6;
        this.lowpan = lowpan;
        this.panId = panId;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A capture that records nothing. */
    public static PacketCapture none() {
        return new PacketCapture(null, null, 0, Clock.systemUTC());
    }

    /** Opens the files the user asked for; either path may be null. */
    public static PacketCapture open(Path ipv6File, Path lowpanFile, int panId, Clock clock) throws IOException {
        PcapWriter a = ipv6File == null ? null : create(ipv6File, PcapWriter.LINKTYPE_IPV6);
        try {
            PcapWriter b = lowpanFile == null ? null : create(lowpanFile, PcapWriter.LINKTYPE_IEEE802_15_4_NOFCS);
            return new PacketCapture(a, b, panId, clock);
        } catch (IOException e) {
            if (a != null) {
                a.close();
            }
            throw e;
        }
    }

    /** Creates (or truncates) {@code file} and starts a capture in it. */
    private static PcapWriter create(Path file, int linkType) throws IOException {
        OutputStream stream = new BufferedOutputStream(Files.newOutputStream(file));
        try {
            return new PcapWriter(stream, linkType);
        } catch (IOException e) {
            stream.close();
            throw e;
        }
    }

    /** Records one IPv6 packet (either direction). */
    public void ipv6(byte[] packet) {
        PcapWriter w = ipv6;
        if (w != null) {
            try {
                w.write(clock.instant(), packet);
            } catch (IOException | IllegalArgumentException e) {
                // IllegalArgumentException: a clock outside pcap's 1970..2106
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
            // built outside the try: a bad address or oversized frame is the caller's error, not the capture's
            byte[] wrapped = Ieee802154Header.frame(sequence.getAndIncrement(), panId, source, destination, frame);
            try {
                w.write(clock.instant(), wrapped);
            } catch (IOException | IllegalArgumentException e) {
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
