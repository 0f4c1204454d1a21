package io.sixjoin.bridge;

import io.sixjoin.bridge.serial.LinkFailedException;
import io.sixjoin.bridge.serial.LinkOpener;
import io.sixjoin.bridge.serial.ReconnectingLink;
import io.sixjoin.bridge.serial.SerialLink;
import io.sixjoin.bridge.serial.Sleeper;
import io.sixjoin.stack.hdlc.HdlcDecoder;
import io.sixjoin.stack.hdlc.HdlcEncoder;
import io.sixjoin.stack.hdlc.XonXoffFilter;
import io.sixjoin.stack.openwsn.HostFrame;
import io.sixjoin.stack.openwsn.HostFrameCodec;
import io.sixjoin.stack.openwsn.MoteFrame;
import io.sixjoin.stack.openwsn.MoteFrameCodec;
import io.sixjoin.stack.openwsn.OpenWsnFormatException;
import java.io.Closeable;
import java.io.IOException;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OpenWSN serial protocol over one {@link ReconnectingLink}: a reader thread un-escapes XON/XOFF, de-frames
 * HDLC and parses mote frames, handing each to the {@link Listener}; {@link #send} frames host commands and
 * holds them while the mote has said XOFF (bounded, since a lost XON must not wedge the bridge). Line damage is
 * counted, never thrown: noise costs the frames it touched and the decoder resynchronises on the next flag.
 * After a reopen the framing state is reset and the listener told, because the mote may have rebooted.
 */
public final class MoteChannel implements Closeable {
    /** Longest we hold a frame for XON; OpenWSN's XOFF covers one slot (10-20 ms). */
    static final long MAX_XOFF_WAIT_MILLIS = 200;
    static final int READ_TIMEOUT_MILLIS = 100;

    private static final Logger LOG = LoggerFactory.getLogger(MoteChannel.class);

    /** Receives what the mote sends; called on the reader thread. */
    public interface Listener {
        void frame(MoteFrame frame);

        /** The line (re)opened: probe again. @param generation 1 for the first open */
        void lineUp(int generation);

        void lineDown(String reason);
    }

    private final ReconnectingLink link;
    private final BridgeStats stats;
    private final Listener listener;
    private final HdlcDecoder decoder = new HdlcDecoder();
    private final XonXoffFilter filter = new XonXoffFilter();
    private final Object flow = new Object();
    private boolean xoff;
    private volatile boolean running;
    private Thread reader;

    public MoteChannel(LinkOpener opener, LongSupplier nanoClock, Sleeper sleeper, BridgeStats stats,
            Listener listener) {
        this.stats = Objects.requireNonNull(stats, "stats");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.link = new ReconnectingLink(opener, nanoClock, sleeper, new ReconnectingLink.Listener() {
            @Override
            public void linkUp(int generation) {
                // Runs on the reader thread, before the first read of the new link.
                decoder.reset();
                filter.reset();
                setXoff(false);
                if (generation > 1) {
                    stats.reconnect();
                }
                listener.lineUp(generation);
            }

            @Override
            public void linkDown(String reason) {
                listener.lineDown(reason);
            }
        });
    }

    /** Starts the reader thread; the link is opened by it. */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        reader = new Thread(this::readLoop, "sixjoin-bridge-serial-rx");
        reader.setDaemon(true);
        reader.start();
    }

    public String describe() {
        return link.describe();
    }

    public boolean isUp() {
        return link.isUp();
    }

    private void readLoop() {
        byte[] buffer = new byte[512];
        XonXoffFilter.Sink sink = new XonXoffFilter.Sink() {
            @Override
            public void data(byte[] bytes, int offset, int length) {
                decoder.feed(bytes, offset, length, MoteChannel.this::event);
            }

            @Override
            public void flowControl(XonXoffFilter.FlowControl signal) {
                setXoff(signal == XonXoffFilter.FlowControl.XOFF);
            }
        };
        while (running) {
            int n;
            try {
                n = link.read(buffer, 0, buffer.length, READ_TIMEOUT_MILLIS);
            } catch (IOException e) {
                if (running) {
                    LOG.debug("serial read: {}", e.getMessage());
                }
                continue;
            }
            if (n > 0) {
                filter.feed(buffer, 0, n, sink);
            }
        }
    }

    private void event(HdlcDecoder.Event event) {
        if (event instanceof HdlcDecoder.Frame f) {
            MoteFrame frame;
            try {
                frame = MoteFrameCodec.parse(f.payload());
            } catch (OpenWsnFormatException e) {
                stats.drop(BridgeStats.Drop.BAD_FRAME);
                LOG.debug("mote frame dropped: {}", e.getMessage());
                return;
            }
            stats.frameFromMote();
            try {
                listener.frame(frame);
            } catch (RuntimeException e) {
                LOG.error("handling {} failed", frame, e);
            }
        } else if (event instanceof HdlcDecoder.Corruption c) {
            if (c.reason() == HdlcDecoder.Reason.BAD_FCS) {
                stats.crcError();
            } else {
                stats.lineError();
            }
            LOG.debug("serial line: {}", c);
        }
    }

    private void setXoff(boolean paused) {
        synchronized (flow) {
            xoff = paused;
            if (!paused) {
                flow.notifyAll();
            }
        }
    }

    /**
     * Frames and writes one host command. Returns false (and counts the drop) if the line is down or the write
     * failed; never throws for line trouble.
     */
    public boolean send(HostFrame frame) {
        byte[] wire = HdlcEncoder.encode(HostFrameCodec.encode(frame));
        try {
            synchronized (flow) {
                long deadline = System.nanoTime() + MAX_XOFF_WAIT_MILLIS * 1_000_000L;
                long left;
                while (xoff && (left = deadline - System.nanoTime()) > 0) {
                    flow.wait(Math.max(1, left / 1_000_000L));
                }
            }
            link.write(wire);
            stats.frameToMote();
            return true;
        } catch (LinkFailedException e) {
            stats.drop(BridgeStats.Drop.SERIAL_DOWN);
            LOG.debug("not sent to mote: {}", e.getMessage());
            return false;
        } catch (IOException e) {
            stats.drop(BridgeStats.Drop.SERIAL_DOWN);
            LOG.debug("not sent to mote: {}", e.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The link, for tests. */
    SerialLink link() {
        return link;
    }

    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            running = false;
            t = reader;
            reader = null;
        }
        link.close();
        if (t != null) {
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
