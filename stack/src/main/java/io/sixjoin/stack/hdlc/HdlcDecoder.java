package io.sixjoin.stack.hdlc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A streaming receiver for OpenWSN serial HDLC: feed it whatever chunks the transport delivers and it emits,
 * in order, each complete frame's payload (FCS checked and removed) or a typed {@link Corruption} event. It
 * never throws on line content. A frame starts after any flag and ends at the next one, so back-to-back flags
 * are harmless, and after any damage (bad FCS, an escape directly before a flag, an over-long frame, bytes
 * before the first flag) it resynchronises on the next flag. Memory is bounded by the maximum payload length
 * given at construction, whatever arrives. One instance per serial line; not thread-safe.
 *
 * <pre>{@code
 * HdlcDecoder decoder = new HdlcDecoder();
 * decoder.feed(chunk, 0, n, event -> {
 *     if (event instanceof HdlcDecoder.Frame f) handle(MoteFrameCodec.parse(f.payload()));
 *     else log.debug("serial line: {}", event);
 * });
 * }</pre>
 */
public final class HdlcDecoder {
    /** Default bound on a frame's payload; OpenWSN's output ring buffer is 1024 bytes, so nothing longer is real. */
    public static final int DEFAULT_MAX_PAYLOAD_LENGTH = 1024;

    /** What {@link #feed} reports. */
    public sealed interface Event permits Frame, Corruption {
    }

    /**
     * A frame whose FCS verified.
     *
     * @param payload the unstuffed bytes between the flags, FCS removed; copied in and out
     */
    public record Frame(byte[] payload) implements Event {
        public Frame {
            payload = payload.clone();
        }

        @Override
        public byte[] payload() {
            return payload.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Frame f && Arrays.equals(payload, f.payload);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(payload);
        }

        @Override
        public String toString() {
            return "Frame[" + HexFormat.of().formatHex(payload) + "]";
        }
    }

    /** Why bytes were dropped; stable names, usable as counter keys. */
    public enum Reason {
        /** The FCS did not verify: line noise, a lost byte, or a baud-rate mismatch if it happens on every frame. */
        BAD_FCS,
        /** One or two bytes between flags: too few to hold a frame type and an FCS. */
        TOO_SHORT,
        /** More unstuffed bytes than the bound before any closing flag; the rest up to the next flag is skipped. */
        TOO_LONG,
        /** An escape byte 0x7D directly followed by a flag; the flag then opens the next frame. */
        ESCAPE_BEFORE_FLAG,
        /** Bytes before the first flag seen, e.g. the tail of a frame the port was opened in the middle of. */
        UNSYNCHRONISED
    }

    /**
     * Dropped input.
     *
     * @param reason         why
     * @param droppedBytes   how many bytes were dropped, at least 1: unstuffed bytes of the frame (plus the
     *                       dangling escape for {@link Reason#ESCAPE_BEFORE_FLAG}); raw bytes for
     *                       {@link Reason#UNSYNCHRONISED}
     */
    public record Corruption(Reason reason, int droppedBytes) implements Event {
        public Corruption {
            Objects.requireNonNull(reason, "reason");
        }
    }

    private enum State { HUNTING, IN_FRAME, ESCAPED, SKIPPING }

    private final byte[] buffer;
    private State state = State.HUNTING;
    private int fill;
    private int skipped;

    /** A decoder bounded at {@link #DEFAULT_MAX_PAYLOAD_LENGTH}. */
    public HdlcDecoder() {
        this(DEFAULT_MAX_PAYLOAD_LENGTH);
    }

    /** @param maxPayloadLength largest payload (FCS excluded) accepted; longer frames are reported and skipped */
    public HdlcDecoder(int maxPayloadLength) {
        if (maxPayloadLength < 1 || maxPayloadLength > 1 << 20) {
            throw new IllegalArgumentException("maxPayloadLength " + maxPayloadLength + " outside 1..2^20");
        }
        buffer = new byte[maxPayloadLength + 2];
    }

    /** Consumes {@code length} bytes at {@code offset}, passing each completed event to {@code sink} in order. */
    public void feed(byte[] chunk, int offset, int length, Consumer<? super Event> sink) {
        Objects.checkFromIndexSize(offset, length, chunk.length);
        Objects.requireNonNull(sink, "sink");
        for (int i = offset; i < offset + length; i++) {
            accept(chunk[i] & 0xFF, sink);
        }
    }

    /** Consumes all of {@code chunk} and returns the events it completed. */
    public List<Event> feed(byte[] chunk) {
        List<Event> events = new ArrayList<>();
        feed(chunk, 0, chunk.length, events::add);
        return events;
    }

    /** Forgets any partial frame and waits for a flag again, e.g. after the port was reopened. */
    public void reset() {
        state = State.HUNTING;
        fill = 0;
        skipped = 0;
    }

    private void accept(int b, Consumer<? super Event> sink) {
        switch (state) {
            case HUNTING -> {
                if (b == HdlcEncoder.FLAG) {
                    if (skipped > 0) {
                        sink.accept(new Corruption(Reason.UNSYNCHRONISED, skipped));
                    }
                    startFrame();
                } else {
                    skipped = skipped == Integer.MAX_VALUE ? skipped : skipped + 1;
                }
            }
            case SKIPPING -> {
                if (b == HdlcEncoder.FLAG) {
                    startFrame();
                }
            }
            case ESCAPED -> {
                if (b == HdlcEncoder.FLAG) {
                    sink.accept(new Corruption(Reason.ESCAPE_BEFORE_FLAG, fill + 1));
                    startFrame();
                } else {
                    state = State.IN_FRAME;
                    append(b ^ HdlcEncoder.ESCAPE_MASK, sink);
                }
            }
            case IN_FRAME -> {
                if (b == HdlcEncoder.FLAG) {
                    closeFrame(sink);
                } else if (b == HdlcEncoder.ESCAPE) {
                    state = State.ESCAPED;
                } else {
                    append(b, sink);
                }
            }
        }
    }

    private void startFrame() {
        state = State.IN_FRAME;
        fill = 0;
        skipped = 0;
    }

    private void append(int b, Consumer<? super Event> sink) {
        if (fill == buffer.length) {
            // Reported at once rather than at the closing flag, which may never come on a wedged line.
            sink.accept(new Corruption(Reason.TOO_LONG, fill + 1));
            state = State.SKIPPING;
            fill = 0;
            return;
        }
        buffer[fill++] = (byte) b;
    }

    private void closeFrame(Consumer<? super Event> sink) {
        int n = fill;
        startFrame();
        if (n == 0) {
            return; // back-to-back flags: an idle line, not an error
        }
        if (n < 3) {
            sink.accept(new Corruption(Reason.TOO_SHORT, n));
        } else if (!Crc16X25.verifies(buffer, 0, n)) {
            sink.accept(new Corruption(Reason.BAD_FCS, n));
        } else {
            sink.accept(new Frame(Arrays.copyOf(buffer, n - 2)));
        }
    }
}
