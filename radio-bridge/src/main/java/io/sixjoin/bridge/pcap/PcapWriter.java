package io.sixjoin.bridge.pcap;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * Writes a classic libpcap file (microsecond timestamps, little-endian): the 24-byte global header once, then a
 * 16-byte record header and the bytes of each packet. Every record is flushed as it is written, so a bridge that
 * is killed leaves a file tshark and Wireshark read up to the last packet. Timestamps come from the injected
 * {@link Clock}. Thread-safe: the serial reader and the uplink receiver both write to the same capture.
 */
public final class PcapWriter implements Closeable {
    /** Raw IPv6 packets, no link-layer header. */
    public static final int LINKTYPE_IPV6 = 229;
    /** IEEE 802.15.4 frames without the 2-byte FCS. */
    public static final int LINKTYPE_IEEE802_15_4_NOFCS = 230;
    /** Largest packet we record; anything longer is cut and its original length kept, as pcap allows. */
    public static final int SNAPLEN = 65535;

    static final int MAGIC_MICROSECONDS = 0xA1B2C3D4;
    static final int GLOBAL_HEADER_LENGTH = 24;
    static final int RECORD_HEADER_LENGTH = 16;

    private final OutputStream out;
    private final Clock clock;
    private final byte[] header = new byte[RECORD_HEADER_LENGTH];
    private long records;
    private boolean closed;

    /** Starts a capture on {@code out} (the header is written at once). */
    public PcapWriter(OutputStream out, int linkType, Clock clock) throws IOException {
        this.out = Objects.requireNonNull(out, "out");
        this.clock = Objects.requireNonNull(clock, "clock");
        byte[] global = new byte[GLOBAL_HEADER_LENGTH];
        putLe32(global, 0, MAGIC_MICROSECONDS);
        putLe16(global, 4, 2);
        putLe16(global, 6, 4);
        // thiszone and sigfigs stay 0: timestamps are UTC.
        putLe32(global, 16, SNAPLEN);
        putLe32(global, 20, linkType);
        out.write(global);
        out.flush();
    }

    /** Creates (or truncates) {@code file} and starts a capture in it. */
    public static PcapWriter create(Path file, int linkType, Clock clock) throws IOException {
        OutputStream stream = new BufferedOutputStream(Files.newOutputStream(file));
        try {
            return new PcapWriter(stream, linkType, clock);
        } catch (IOException e) {
            stream.close();
            throw e;
        }
    }

    /** Appends one packet stamped with the clock's current time, and flushes it to the file. */
    public synchronized void write(byte[] packet) throws IOException {
        if (closed) {
            throw new IOException("capture closed");
        }
        Instant now = clock.instant();
        int captured = Math.min(packet.length, SNAPLEN);
        putLe32(header, 0, (int) now.getEpochSecond());
        putLe32(header, 4, now.getNano() / 1000);
        putLe32(header, 8, captured);
        putLe32(header, 12, packet.length);
        out.write(header);
        out.write(packet, 0, captured);
        out.flush();
        records++;
    }

    /** Packets written so far. */
    public synchronized long records() {
        return records;
    }

    @Override
    public synchronized void close() throws IOException {
        if (!closed) {
            closed = true;
            out.close();
        }
    }

    private static void putLe16(byte[] b, int at, int v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >>> 8);
    }

    private static void putLe32(byte[] b, int at, int v) {
        putLe16(b, at, v);
        putLe16(b, at + 2, v >>> 16);
    }
}
