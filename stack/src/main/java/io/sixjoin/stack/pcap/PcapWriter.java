package io.sixjoin.stack.pcap;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.Objects;

/**
 * Writes a classic libpcap capture (microsecond timestamps, little-endian) to an {@link OutputStream} the
 * caller opened: the 24-byte global header at once, then a 16-byte record header and the bytes of each
 * packet. The caller supplies every timestamp, so a capture can follow the wall clock (the radio bridge) or
 * virtual time (the mote emulator, whose captures are then byte-for-byte reproducible). By default every
 * record is flushed as it is written, so a process that is killed leaves a file tshark and Wireshark read up
 * to the last packet; a writer made with {@code flushEachRecord} false leaves buffering to the stream and
 * flushes on {@link #flush} and {@link #close}. Thread-safe: records from several threads never interleave.
 *
 * <pre>{@code
 * try (PcapWriter w = new PcapWriter(Files.newOutputStream(file), PcapWriter.LINKTYPE_IPV6)) {
 *     w.write(Instant.now(), packet);
 * }
 * }</pre>
 */
public final class PcapWriter implements Closeable {
    /** IEEE 802.15.4 frames ending with their 2-byte FCS. */
    public static final int LINKTYPE_IEEE802_15_4_WITHFCS = 195;
    /** Raw IPv6 packets, no link-layer header. */
    public static final int LINKTYPE_IPV6 = 229;
    /** IEEE 802.15.4 frames without the 2-byte FCS. */
    public static final int LINKTYPE_IEEE802_15_4_NOFCS = 230;
    /** Largest packet we record; anything longer is cut and its original length kept, as pcap allows. */
    public static final int SNAPLEN = 65535;

    static final int MAGIC_MICROSECONDS = 0xA1B2C3D4;
    static final int GLOBAL_HEADER_LENGTH = 24;
    static final int RECORD_HEADER_LENGTH = 16;
    private static final long MICROS_PER_SECOND = 1_000_000;

    private final OutputStream out;
    private final boolean flushEachRecord;
    private final byte[] header = new byte[RECORD_HEADER_LENGTH];
    private long records;
    private boolean closed;

    /** Starts a capture of {@code linkType} on {@code out}, flushing every record; the header is written at once. */
    public PcapWriter(OutputStream out, int linkType) throws IOException {
        this(out, linkType, true);
    }

    /**
     * Starts a capture of {@code linkType} on {@code out}; the header is written and flushed at once.
     *
     * @param flushEachRecord false when the stream's own buffering should decide, for captures of many
     *                        packets where a flush per packet would cost more than the packet
     */
    public PcapWriter(OutputStream out, int linkType, boolean flushEachRecord) throws IOException {
        this.out = Objects.requireNonNull(out, "out");
        this.flushEachRecord = flushEachRecord;
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

    /** Appends one packet stamped {@code time}, which must not precede 1970. */
    public void write(Instant time, byte[] packet) throws IOException {
        write(Math.addExact(Math.multiplyExact(time.getEpochSecond(), MICROS_PER_SECOND), time.getNano() / 1000),
                packet);
    }

    /**
     * Appends one packet stamped {@code micros} microseconds after the Unix epoch (a virtual clock's time since
     * its origin reads as a date in January 1970). pcap keeps seconds in 32 unsigned bits, so the time must lie
     * in 1970..2106.
     *
     * @throws IllegalArgumentException if the timestamp does not fit the format
     */
    public synchronized void write(long micros, byte[] packet) throws IOException {
        Objects.requireNonNull(packet, "packet");
        long seconds = micros / MICROS_PER_SECOND;
        if (micros < 0 || seconds > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("timestamp " + micros + " µs is outside pcap's 1970..2106");
        }
        if (closed) {
            throw new IOException("capture closed");
        }
        int captured = Math.min(packet.length, SNAPLEN);
        putLe32(header, 0, (int) seconds);
        putLe32(header, 4, (int) (micros % MICROS_PER_SECOND));
        putLe32(header, 8, captured);
        putLe32(header, 12, packet.length);
        out.write(header);
        out.write(packet, 0, captured);
        if (flushEachRecord) {
            out.flush();
        }
        records++;
    }

    /** Pushes buffered records to the stream's destination. */
    public synchronized void flush() throws IOException {
        if (!closed) {
            out.flush();
        }
    }

    /** Packets written so far. */
    public synchronized long records() {
        return records;
    }

    /** Closes the stream (which flushes it); later writes fail, a second close does nothing. */
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
