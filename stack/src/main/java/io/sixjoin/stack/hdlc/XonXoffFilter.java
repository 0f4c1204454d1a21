package io.sixjoin.stack.hdlc;

import java.io.ByteArrayOutputStream;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The host's receive filter for OpenWSN's software flow control, which sits below HDLC on the mote-to-host
 * direction: raw 0x11 (XON) and 0x13 (XOFF) bytes are removed from the stream and reported as
 * {@link FlowControl} signals (on XOFF the host must stop sending until XON), and escaped data bytes
 * {@code 0x12, b ^ 0x10} are restored to {@code b}. Real boards and the emulated firmware UART both escape, so
 * the filter belongs on every line, pty and TCP included. An escape byte that ends one chunk is remembered and
 * applied to the first data byte of the next. One instance per line; not thread-safe.
 *
 * <pre>{@code
 * XonXoffFilter filter = new XonXoffFilter();
 * byte[] hdlc = filter.feed(chunk, signal -> paused = signal == XonXoffFilter.FlowControl.XOFF);
 * decoder.feed(hdlc, 0, hdlc.length, events::add);
 * }</pre>
 */
public final class XonXoffFilter {
    /** Raw byte that lets the host send again. */
    public static final int XON = 0x11;
    /** Raw byte that asks the host to stop sending. */
    public static final int XOFF = 0x13;
    /** Precedes an escaped data byte. */
    public static final int ESCAPE = 0x12;
    /** XORed into the byte that follows {@link #ESCAPE}. */
    public static final int ESCAPE_MASK = 0x10;

    /** A flow-control signal from the mote. */
    public enum FlowControl {
        /** The mote accepts input again. */
        XON,
        /** The mote is in an active slot; the host must hold its bytes. */
        XOFF;

        /** The raw byte that carries this signal. */
        public int byteValue() {
            return this == XON ? XonXoffFilter.XON : XonXoffFilter.XOFF;
        }
    }

    /** Receives filtered output, in stream order. */
    public interface Sink {
        /** Un-escaped data bytes; the array is only valid during the call. */
        void data(byte[] bytes, int offset, int length);

        /** A raw flow-control byte was seen at this point of the stream. */
        void flowControl(FlowControl signal);
    }

    private boolean escapePending;

    /**
     * Filters {@code length} bytes at {@code offset}. A raw XON/XOFF between an escape and its data byte is
     * still treated as flow control: the mote may send one at any moment, and the escape stays pending.
     */
    public void feed(byte[] chunk, int offset, int length, Sink sink) {
        Objects.checkFromIndexSize(offset, length, chunk.length);
        Objects.requireNonNull(sink, "sink");
        byte[] out = new byte[length];
        int n = 0;
        for (int i = offset; i < offset + length; i++) {
            int b = chunk[i] & 0xFF;
            if (b == XON || b == XOFF) {
                if (n > 0) {
                    sink.data(out, 0, n);
                    n = 0;
                }
                sink.flowControl(b == XON ? FlowControl.XON : FlowControl.XOFF);
            } else if (escapePending) {
                // OpenWSN only escapes 0x11..0x13, but its host un-escapes any byte; the HDLC FCS catches the rest.
                out[n++] = (byte) (b ^ ESCAPE_MASK);
                escapePending = false;
            } else if (b == ESCAPE) {
                escapePending = true;
            } else {
                out[n++] = (byte) b;
            }
        }
        if (n > 0) {
            sink.data(out, 0, n);
        }
    }

    /** Filters all of {@code chunk}, returning the data bytes and passing signals to {@code flowControl}. */
    public byte[] feed(byte[] chunk, Consumer<? super FlowControl> flowControl) {
        Objects.requireNonNull(flowControl, "flowControl");
        ByteArrayOutputStream data = new ByteArrayOutputStream(chunk.length);
        feed(chunk, 0, chunk.length, new Sink() {
            @Override
            public void data(byte[] bytes, int offset, int length) {
                data.write(bytes, offset, length);
            }

            @Override
            public void flowControl(FlowControl signal) {
                flowControl.accept(signal);
            }
        });
        return data.toByteArray();
    }

    /** Whether the last chunk ended in an escape byte whose data byte has not arrived yet. */
    public boolean escapePending() {
        return escapePending;
    }

    /** Forgets a pending escape, e.g. after the port was reopened. */
    public void reset() {
        escapePending = false;
    }
}
