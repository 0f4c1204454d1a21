package io.sixjoin.cli.bench;

import io.sixjoin.bridge.BridgeConfig;
import io.sixjoin.stack.hdlc.HdlcDecoder;
import io.sixjoin.stack.hdlc.XonXoffFilter;
import io.sixjoin.stack.ipv6.Ipv6Packet;
import io.sixjoin.stack.lowpan.Ieee802154Address;
import io.sixjoin.stack.lowpan.LowpanCodec;
import io.sixjoin.stack.lowpan.LowpanContext;
import io.sixjoin.stack.lowpan.MeshPacket;
import io.sixjoin.stack.openwsn.MoteFrame;
import io.sixjoin.stack.openwsn.MoteFrameCodec;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a frame's time goes inside the bridge: the per-frame CPU cost of each stage of the upstream path, run
 * alone on one thread over the benchmark's own frames with the same library calls the bridge makes (XON/XOFF
 * filter and HDLC de-framing with FCS check, 'D' frame parsing, 6LoWPAN decompression, IPv6 encoding, one UDP
 * send on loopback). The sum is the bridge's single-core ceiling without thread hand-offs, which is what an
 * end-to-end rate well below it should be compared with.
 */
final class BridgeStageProfile {
    /** One stage's mean cost. */
    record Stage(String name, double nanosPerFrame) {
    }

    private static final int FRAMES = 4096;
    private final long warmupNanos;
    private final long measureNanos;
    private long sink;

    BridgeStageProfile(double warmupSeconds, double seconds) {
        this.warmupNanos = (long) (warmupSeconds * 1e9);
        this.measureNanos = (long) (seconds * 1e9);
    }

    List<Stage> run(BridgeWorkload w) throws Exception {
        byte[][] wire = new byte[FRAMES][];
        for (int i = 0; i < FRAMES; i++) {
            wire[i] = w.frame(i);
        }
        HdlcDecoder decoder = new HdlcDecoder();
        XonXoffFilter filter = new XonXoffFilter();
        List<byte[]> payloads = new ArrayList<>();
        XonXoffFilter.Sink collect = sinkInto(decoder, payloads);
        for (byte[] f : wire) {
            filter.feed(f, 0, f.length, collect);
        }
        byte[][] hdlcPayloads = payloads.toArray(new byte[0][]);
        MoteFrame.Data[] frames = new MoteFrame.Data[FRAMES];
        for (int i = 0; i < FRAMES; i++) {
            frames[i] = (MoteFrame.Data) MoteFrameCodec.parse(hdlcPayloads[i]);
        }
        byte[][] lowpans = new byte[FRAMES][];
        for (int i = 0; i < FRAMES; i++) {
            lowpans[i] = frames[i].lowpan();
        }
        LowpanContext ctx = new LowpanContext(Ieee802154Address.extended(BridgeWorkload.bytes(
                BridgeWorkload.PLEDGE_EUI)), Ieee802154Address.extended(BridgeWorkload.bytes(BridgeWorkload.ROOT_EUI)),
                BridgeConfig.DEFAULT_PREFIX, BridgeConfig.defaultJrcAddress(BridgeConfig.DEFAULT_PREFIX),
                Ieee802154Address.IidRule.OPENWSN_EUI64_AS_IS);
        Ipv6Packet[] packets = new Ipv6Packet[FRAMES];
        for (int i = 0; i < FRAMES; i++) {
            packets[i] = LowpanCodec.decompress(lowpans[i], ctx).packet();
        }

        List<Stage> stages = new ArrayList<>();
        XonXoffFilter.Sink count = sinkInto(decoder, null);
        stages.add(measure("XON/XOFF filter + HDLC de-framing + FCS", i -> {
            byte[] f = wire[i];
            filter.feed(f, 0, f.length, count);
        }));
        stages.add(measure("'D' frame parsing (MoteFrameCodec)", i -> {
            sink += ((MoteFrame.Data) MoteFrameCodec.parse(hdlcPayloads[i])).asn();
        }));
        stages.add(measure("6LoWPAN decompression (LowpanCodec)", i -> {
            // the bridge reads the payload out of the record (a copy) and builds a context per frame
            LowpanContext c = ctx.withLink(Ieee802154Address.extended(BridgeWorkload.bytes(
                    frames[i].previousHop())), Ieee802154Address.extended(BridgeWorkload.bytes(
                    frames[i].nextHop())));
            sink += LowpanCodec.decompress(frames[i].lowpan(), c).packet().hopLimit();
        }));
        stages.add(measure("IPv6 encoding (Ipv6Packet.encode)", i -> sink += packets[i].encode().length));
        try (DatagramSocket receiver = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                DatagramSocket sender = new DatagramSocket()) {
            sender.connect(receiver.getLocalSocketAddress());
            byte[] bytes = packets[0].encode();
            DatagramPacket d = new DatagramPacket(bytes, bytes.length);
            Thread drain = new Thread(() -> {
                DatagramPacket in = new DatagramPacket(new byte[2048], 2048);
                while (!receiver.isClosed()) {
                    try {
                        receiver.receive(in);
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "bench-stage-drain");
            drain.setDaemon(true);
            drain.start();
            stages.add(measure("UDP send to the tunnel (loopback syscall)", i -> sender.send(d)));
        }
        stages.add(new Stage("sum: single-core ceiling " + String.format(java.util.Locale.ROOT, "%,.0f frames/s",
                1e9 / stages.stream().mapToDouble(Stage::nanosPerFrame).sum()),
                stages.stream().mapToDouble(Stage::nanosPerFrame).sum()));
        return stages;
    }

    private XonXoffFilter.Sink sinkInto(HdlcDecoder decoder, List<byte[]> out) {
        return new XonXoffFilter.Sink() {
            @Override
            public void data(byte[] bytes, int offset, int length) {
                decoder.feed(bytes, offset, length, e -> {
                    if (e instanceof HdlcDecoder.Frame f) {
                        if (out != null) {
                            out.add(f.payload());
                        } else {
                            sink++;
                        }
                    }
                });
            }

            @Override
            public void flowControl(XonXoffFilter.FlowControl signal) {
            }
        };
    }

    private interface Step {
        void run(int i) throws Exception;
    }

    private Stage measure(String name, Step step) throws Exception {
        loop(step, warmupNanos);
        long[] done = loop(step, measureNanos);
        return new Stage(name, done[1] / (double) done[0]);
    }

    /** Runs the step over the frames until {@code nanos} have passed; returns {frames, elapsed nanos}. */
    private static long[] loop(Step step, long nanos) throws Exception {
        long start = System.nanoTime();
        long n = 0;
        long elapsed;
        do {
            for (int i = 0; i < FRAMES; i++) {
                step.run(i);
            }
            n += FRAMES;
            elapsed = System.nanoTime() - start;
        } while (elapsed < nanos);
        return new long[] {n, elapsed};
    }
}
