package io.sixjoin.emulator.pcap;

import io.sixjoin.emulator.kernel.VirtualClock;
import io.sixjoin.emulator.medium.FrameTap;
import io.sixjoin.stack.pcap.PcapWriter;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A pcap capture of everything an emulated network puts on the air: set it as the {@link FrameTap} of a
 * {@link io.sixjoin.emulator.medium.RadioMedium} and every frame a mote transmits (data, keep-alives,
 * Enhanced Beacons) becomes one record of a LINKTYPE_IEEE802_15_4_WITHFCS file, its bytes exactly as sent,
 * FCS included. Each record is stamped with the virtual start of its slot (ASN × slot length, as a time in
 * January 1970), so two runs with the same seed write identical files. Records are buffered and pushed out
 * by {@link #flush} and {@link #close}; a capture must not disturb the run it records, so a write that fails
 * (disk full) ends the capture quietly: the first error is kept for {@link #error}, later frames are dropped,
 * and nothing is thrown into the kernel.
 *
 * <pre>{@code
 * try (RadioCapture capture = RadioCapture.create(Path.of("run.pcap"), kernel.clock())) {
 *     medium.setTap(capture);
 *     kernel.runUntilAsn(10_000);
 *     medium.setTap(null);
 * }
 * }</pre>
 */
public final class RadioCapture implements FrameTap, Closeable {

    private final VirtualClock clock;
    private PcapWriter writer;
    private long frames;
    private IOException error;

    /**
     * Starts a capture on {@code out}, which it owns from now on; the pcap header is written at once. Slot
     * lengths, hence timestamps, come from {@code clock}.
     */
    public RadioCapture(OutputStream out, VirtualClock clock) throws IOException {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.writer = new PcapWriter(out, PcapWriter.LINKTYPE_IEEE802_15_4_WITHFCS, false);
    }

    /** Creates (or truncates) {@code file} and starts a capture in it. */
    public static RadioCapture create(Path file, VirtualClock clock) throws IOException {
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        try {
            return new RadioCapture(out, clock);
        } catch (IOException | RuntimeException e) {
            out.close();
            throw e;
        }
    }

    @Override
    public synchronized void onAir(long asn, int sender, int channel, byte[] frame) {
        if (writer == null) {
            return;
        }
        try {
            writer.write(clock.startOf(asn), frame);
            frames++;
        } catch (IOException e) {
            fail(e);
        } catch (IllegalArgumentException | ArithmeticException e) {
            // a run past 2106 in virtual time: pcap cannot stamp it
            fail(new IOException("slot " + asn + " lies beyond pcap's timestamp range", e));
        }
    }

    /** Pushes buffered records to the file, so it can be read while the run goes on. */
    public synchronized void flush() {
        if (writer != null) {
            try {
                writer.flush();
            } catch (IOException e) {
                fail(e);
            }
        }
    }

    /** Frames recorded so far. */
    public synchronized long frames() {
        return frames;
    }

    /** The failure that ended the capture early, if one did; frames after it were not recorded. */
    public synchronized Optional<IOException> error() {
        return Optional.ofNullable(error);
    }

    /** Whether the capture is still recording (not closed, no error). */
    public synchronized boolean isOpen() {
        return writer != null;
    }

    /** Flushes and closes the file; a failure to do so is kept for {@link #error}, not thrown. */
    @Override
    public synchronized void close() {
        if (writer != null) {
            PcapWriter w = writer;
            writer = null;
            try {
                w.close();
            } catch (IOException e) {
                if (error == null) {
                    error = e;
                }
            }
        }
    }

    @Override
    public synchronized String toString() {
        return "RadioCapture[" + frames + " frames" + (error != null ? ", failed: " + error.getMessage() : "")
                + (writer == null ? ", closed" : "") + "]";
    }

    private void fail(IOException e) {
        error = e;
        PcapWriter w = writer;
        writer = null;
        try {
            w.close();
        } catch (IOException ignored) {
            // the first error is the one worth reporting
        }
    }
}
