package io.sixjoin.bridge;

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
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A scripted OpenWSN border-router mote on the far end of a serial line: answers echo frames, reports its
 * IdManager status every 100 ms (not DAGroot until a SETROOT 'Y' arrives), records SETROOT and DATA frames, and
 * sends whatever 'D' frames the test asks for. With noise on, the bytes it writes suffer random bit flips and
 * dropped bytes, as a flaky USB-UART would; the FCS must catch them and the bridge must retry past them.
 */
final class ScriptedMote implements AutoCloseable {
    static final int MOTE_ID = 0x0001;
    static final long EUI = 0x141592cc00000001L;
    static final int PAN = 0xFECA;

    final BlockingQueue<HostFrame.SetRoot> setRoots = new LinkedBlockingQueue<>();
    final BlockingQueue<HostFrame.DataDown> dataDown = new LinkedBlockingQueue<>();
    private final SerialLink link;
    private final Random noise;
    private volatile double corruptProbability;
    private volatile double inboundCorruptProbability;
    private final HdlcDecoder decoder = new HdlcDecoder();
    private volatile boolean root;
    private volatile long prefix;
    private volatile boolean running = true;
    private final Thread reader;
    private final Thread status;
    private long asn = 1000;

    /** @param corruptProbability chance per written chunk that one byte is flipped or dropped */
    ScriptedMote(SerialLink link, long seed, double corruptProbability) {
        this.link = link;
        this.noise = new Random(seed);
        this.corruptProbability = corruptProbability;
        reader = new Thread(this::readLoop, "scripted-mote-rx");
        status = new Thread(this::statusLoop, "scripted-mote-status");
        reader.setDaemon(true);
        status.setDaemon(true);
        reader.start();
        status.start();
    }

    /** Changes the line quality from now on. */
    void noise(double probability) {
        corruptProbability = probability;
    }

    /** Damages what the bridge sends too (one bit per chunk read, with this probability). */
    void inboundNoise(double probability) {
        inboundCorruptProbability = probability;
    }

    boolean isRoot() {
        return root;
    }

    private void readLoop() {
        byte[] buf = new byte[256];
        while (running) {
            int n;
            try {
                n = link.read(buf, 0, buf.length, 50);
            } catch (Exception e) {
                return;
            }
            if (n > 0 && noise.nextDouble() < inboundCorruptProbability) {
                buf[noise.nextInt(n)] ^= (byte) (1 << noise.nextInt(8));
            }
            decoder.feed(buf, 0, n, event -> {
                if (event instanceof HdlcDecoder.Frame f) {
                    try {
                        handle(HostFrameCodec.parse(f.payload()));
                    } catch (OpenWsnFormatException e) {
                        // the firmware drops such frames too
                    }
                }
            });
        }
    }

    private void handle(HostFrame frame) {
        if (frame instanceof HostFrame.Echo echo) {
            send(new MoteFrame.EchoReply(MOTE_ID, asn++, echo.data()));
        } else if (frame instanceof HostFrame.SetRoot s) {
            setRoots.add(s);
            if (s.action() == HostFrame.SetRoot.BECOME_ROOT) {
                root = true;
                prefix = s.prefix();
            } else if (s.action() == HostFrame.SetRoot.TOGGLE) {
                root = !root;
            }
        } else if (frame instanceof HostFrame.DataDown d) {
            dataDown.add(d);
        }
    }

    private void statusLoop() {
        while (running) {
            StatusElement.IdManager id = new StatusElement.IdManager(root ? 1 : 0, PAN, MOTE_ID, EUI,
                    root ? prefix : 0);
            send(new MoteFrame.Status(MOTE_ID, 1, id.toBytes()));
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Sends a 'D' frame as the DAGroot does for a packet from {@code previousHop}. */
    void receivedFromMesh(long previousHop, byte[] lowpan) {
        send(new MoteFrame.Data(MOTE_ID, asn++, EUI, previousHop, lowpan));
    }

    synchronized void send(MoteFrame frame) {
        byte[] wire = XonXoffEscaper.escape(HdlcEncoder.encode(MoteFrameCodec.encode(frame)));
        if (noise.nextDouble() < corruptProbability) {
            int at = noise.nextInt(wire.length);
            if (noise.nextBoolean()) {
                wire[at] ^= (byte) (1 << noise.nextInt(8));
            } else {
                byte[] shorter = new byte[wire.length - 1];
                System.arraycopy(wire, 0, shorter, 0, at);
                System.arraycopy(wire, at + 1, shorter, at, wire.length - at - 1);
                wire = shorter;
            }
        }
        try {
            link.write(wire);
        } catch (Exception e) {
            // the line is gone; the test decides what that means
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
