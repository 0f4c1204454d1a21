package io.sixjoin.cli.bench;

import io.sixjoin.bridge.serial.SerialLink;
import io.sixjoin.stack.hdlc.HdlcDecoder;
import io.sixjoin.stack.hdlc.HdlcEncoder;
import io.sixjoin.stack.hdlc.XonXoffEscaper;
import io.sixjoin.stack.openwsn.HostFrame;
import io.sixjoin.stack.openwsn.HostFrameCodec;
import io.sixjoin.stack.openwsn.MoteFrame;
import io.sixjoin.stack.openwsn.MoteFrameCodec;
import io.sixjoin.stack.openwsn.OpenWsnFormatException;
import io.sixjoin.stack.openwsn.StatusElement;
import java.io.IOException;

/**
 * The border-router mote as {@code bench bridge} plays it, on the far end of the bridge's serial line: it answers
 * the bridge's echo probes, reports its IdManager status every 100 ms (DAGroot once a SETROOT 'Y' arrived), and
 * lets the benchmark write pre-encoded 'D' frames. Status reports stop before the measurement, as firmware only
 * prints status when its output buffer is empty, which it never is on a saturated line. Writes are serialised so
 * a status frame never lands inside a data frame.
 */
final class BridgeBenchMote implements AutoCloseable {
    private static final int PAN = 0xCAFE;

    private final SerialLink link;
    private final Object writeLock = new Object();
    private final HdlcDecoder decoder = new HdlcDecoder();
    private final Thread reader;
    private final Thread status;
    private volatile boolean running = true;
    private volatile boolean reporting = true;
    private volatile boolean root;
    private volatile long prefix;
    private long asn = 1;

    BridgeBenchMote(SerialLink link) {
        this.link = link;
        reader = new Thread(this::readLoop, "bench-mote-rx");
        status = new Thread(this::statusLoop, "bench-mote-status");
        reader.setDaemon(true);
        status.setDaemon(true);
        reader.start();
        status.start();
    }

    /** Stops the periodic status frames. */
    void quiet() {
        reporting = false;
        status.interrupt();
    }

    /** Writes one already framed and escaped frame; blocks while the line's buffers are full. */
    void write(byte[] wire) throws IOException {
        synchronized (writeLock) {
            link.write(wire);
        }
    }

    private void send(MoteFrame frame) {
        try {
            write(XonXoffEscaper.escape(HdlcEncoder.encode(MoteFrameCodec.encode(frame))));
        } catch (IOException e) {
            // the line is gone: the benchmark notices through the bridge's state
        }
    }

    private void readLoop() {
        byte[] buf = new byte[512];
        while (running) {
            int n;
            try {
                n = link.read(buf, 0, buf.length, 50);
            } catch (IOException e) {
                return;
            }
            if (n > 0) {
                decoder.feed(buf, 0, n, event -> {
                    if (event instanceof HdlcDecoder.Frame f) {
                        try {
                            handle(HostFrameCodec.parse(f.payload()));
                        } catch (OpenWsnFormatException e) {
                            // firmware drops what it cannot parse, and so do we
                        }
                    }
                });
            }
        }
    }

    private void handle(HostFrame frame) {
        if (frame instanceof HostFrame.Echo echo) {
            send(new MoteFrame.EchoReply(BridgeWorkload.MOTE_ID, nextAsn(), echo.data()));
        } else if (frame instanceof HostFrame.SetRoot s && s.action() == HostFrame.SetRoot.BECOME_ROOT) {
            prefix = s.prefix();
            root = true;
        }
    }

    private synchronized long nextAsn() {
        return asn++;
    }

    private void statusLoop() {
        while (running && reporting) {
            boolean r = root;
            StatusElement.IdManager id = new StatusElement.IdManager(r ? 1 : 0, PAN, BridgeWorkload.MOTE_ID,
                    BridgeWorkload.ROOT_EUI, r ? prefix : 0);
            send(new MoteFrame.Status(BridgeWorkload.MOTE_ID, 1, id.toBytes()));
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        running = false;
        link.close();
        reader.interrupt();
        status.interrupt();
        try {
            reader.join(1000);
            status.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
