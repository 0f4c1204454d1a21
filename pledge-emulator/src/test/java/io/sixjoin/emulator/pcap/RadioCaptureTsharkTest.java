package io.sixjoin.emulator.pcap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sixjoin.emulator.kernel.EventKernel;
import io.sixjoin.emulator.kernel.SeededRandom;
import io.sixjoin.emulator.kernel.VirtualClock;
import io.sixjoin.emulator.medium.HoppingSequence;
import io.sixjoin.emulator.medium.LinkModel;
import io.sixjoin.emulator.medium.RadioMedium;
import io.sixjoin.emulator.tsch.KeyRing;
import io.sixjoin.emulator.tsch.MacListener;
import io.sixjoin.emulator.tsch.Protection;
import io.sixjoin.emulator.tsch.ReceivedFrame;
import io.sixjoin.emulator.tsch.RxSecurity;
import io.sixjoin.emulator.tsch.TschConfig;
import io.sixjoin.emulator.tsch.TschMac;
import io.sixjoin.emulator.tsch.TschNetwork;
import io.sixjoin.stack.ieee802154.EnhancedBeacon;
import io.sixjoin.stack.ieee802154.Fcs;
import io.sixjoin.stack.ieee802154.FrameFormatException;
import io.sixjoin.stack.ieee802154.FrameType;
import io.sixjoin.stack.ieee802154.Ieee802154Frame;
import io.sixjoin.stack.ieee802154.JoinInfoIe;
import io.sixjoin.stack.ieee802154.MacAddress;
import io.sixjoin.stack.ieee802154.security.LinkKey;
import io.sixjoin.stack.ipv6.UdpDatagram;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small network recorded through the medium's tap and read back by tshark: a root and three pledges in a
 * line, one of them out of the root's reach, so the capture holds Enhanced Beacons with and without the RFC
 * 9032 join IE from two senders, unsecured join traffic, encrypted and authenticated unicast, an authenticated
 * broadcast and keep-alives. Every frame must be counted once, decode as 802.15.4 with a good FCS, and none may
 * be malformed.
 */
@Timeout(120)
class RadioCaptureTsharkTest {

    private static final int PAN = 0xcafe;
    private static final LinkKey K = LinkKey.of(filled(LinkKey.LENGTH, 0x11));
    /** Wireshark's PI_ERROR expert severity. */
    private static final String ERROR_SEVERITY = String.valueOf(0x00800000);
    private static final long SLOTFRAMES = 3_000;

    @TempDir
    Path dir;

    @Test
    void everyFrameOnTheAirIsCapturedAndDecodesCleanly() throws Exception {
        String tshark = tsharkPath();
        assumeTrue(tshark != null, "tshark not on PATH: skipping the capture decoding test");
        Path file = dir.resolve("radio.pcap");
        Run run;
        try (RadioCapture capture = RadioCapture.create(file, new VirtualClock())) {
            run = new Run(7, capture);
            assertTrue(capture.error().isEmpty(), capture.toString());
            assertEquals(run.tapped.size(), capture.frames());
        }
        assertEquals(run.medium.stats().framesSent(), run.tapped.size(), "the tap saw each transmission once");
        assertTrue(run.sawEverything(), run.toString());
        for (byte[] f : run.tapped) {
            assertTrue(Fcs.verifies(f), "frames on the medium carry their FCS");
        }

        List<String[]> rows = fields(tshark, file, "frame.number", "wpan.frame_type", "wpan.fcs_ok",
                "_ws.malformed", "_ws.expert.severity", "frame.protocols");
        assertEquals(run.tapped.size(), rows.size(), "one packet per frame tapped");
        Map<Integer, Integer> types = new TreeMap<>();
        int coap = 0;
        for (String[] r : rows) {
            String line = String.join(" | ", r);
            assertTrue(r[5].startsWith("wpan"), "decoded as 802.15.4: " + line);
            int type = Integer.decode(r[1]);
            assertTrue(type == 0 || type == 1, "a beacon or a data frame: " + line);
            assertEquals("1", r[2], "FCS valid: " + line);
            assertTrue(r[3].isEmpty() && !r[5].contains("malformed"), "not malformed: " + line);
            assertTrue(!Arrays.asList(r[4].split(",")).contains(ERROR_SEVERITY), "no expert error: " + line);
            types.merge(type, 1, Integer::sum);
            if (r[5].equals("wpan:6lowpan:ipv6:udp:coap:data")) {
                coap++;
            }
        }
        assertEquals(run.beacons, types.getOrDefault(0, 0), "EBs: " + types);
        assertEquals(run.tapped.size() - run.beacons, types.getOrDefault(1, 0), "data frames: " + types);
        assertEquals(run.unsecuredData, coap, "unsecured frames decode down to CoAP; secured ones stay opaque");
        assertEquals(0, lines(tshark, "-r", file.toString(), "-Y", "_ws.malformed || _ws.expert.severity >= 0x00800000")
                .size(), "tshark's own filter agrees");
    }

    /**
     * The emulator's EBs are authenticated with K1, and tshark, holding no keys, shows the body of a secured
     * frame as opaque data (with a "can't decrypt" warning), payload IEs included. So the IE encoding is checked
     * on the same EBs unsecured: with and without the RFC 9032 join IE, short and long slotframes.
     */
    @Test
    void enhancedBeaconIesDecodeFieldByField() throws Exception {
        String tshark = tsharkPath();
        assumeTrue(tshark != null, "tshark not on PATH: skipping the capture decoding test");
        byte[] iid = {0x16, 0x15, (byte) 0x92, (byte) 0xcc, 0, 0, 0, 1};
        List<byte[]> ebs = List.of(
                EnhancedBeacon.builder(PAN, TschNetwork.defaultAddress(0)).sequenceNumber(0).asn(0).joinMetric(0)
                        .build().encodeWithFcs(),
                EnhancedBeacon.builder(PAN, TschNetwork.defaultAddress(1)).sequenceNumber(200).asn(0x12_3456_789AL)
                        .joinMetric(3).slotframeLength(11)
                        .joinInfo(new JoinInfoIe(false, 0x10, 0, 0, null, new byte[] {(byte) 0xca, (byte) 0xfe}))
                        .build().encodeWithFcs(),
                EnhancedBeacon.builder(PAN, TschNetwork.defaultAddress(2)).sequenceNumber(1).asn(1_000_000)
                        .joinMetric(255).slotframeLength(0xffff)
                        .joinInfo(new JoinInfoIe(true, 0x7e, 0xfff, 0xff, iid, filled(16, 0x5a)))
                        .build().encodeWithFcs());
        Path file = dir.resolve("ebs.pcap");
        try (RadioCapture c = RadioCapture.create(file, new VirtualClock())) {
            for (int i = 0; i < ebs.size(); i++) {
                c.onAir(i, i, 20, ebs.get(i));
            }
        }
        List<String[]> rows = fields(tshark, file, "wpan.frame_type", "wpan.seq_no", "wpan.tsch.asn",
                "wpan.tsch.join_metric", "wpan.tsch.slotframe_size", "wpan.tsch.link_options", "wpan.payload_ie.id",
                "wpan.fcs_ok", "_ws.malformed", "_ws.expert.severity");
        List<String> got = rows.stream().map(r -> String.join(" ", r)).toList();
        // tshark 4.0 names the RFC 9032 join IE an IETF payload IE (ID 5) without parsing its content
        assertEquals(List.of(
                "0x0000 0 0 0 101 0x0f 0x0001 1  ",
                "0x0000 200 78187493530 3 11 0x0f 0x0001,0x0005 1  ",
                "0x0000 1 1000000 255 65535 0x0f 0x0001,0x0005 1  "), got);
    }

    @Test
    void theSameSeedWritesTheSameCaptureAndTheTapChangesNothing() throws Exception {
        ByteArrayOutputStream a = new ByteArrayOutputStream();
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        Run first;
        try (RadioCapture c = new RadioCapture(a, new VirtualClock())) {
            first = new Run(9, c);
        }
        try (RadioCapture c = new RadioCapture(b, new VirtualClock())) {
            new Run(9, c);
        }
        assertArrayEquals(a.toByteArray(), b.toByteArray());
        Run untapped = new Run(9, null);
        assertTrue(untapped.tapped.isEmpty());
        assertEquals(first.medium.stats(), untapped.medium.stats());
        assertEquals(first.net.totals(), untapped.net.totals());
    }

    /**
     * One seeded run. Pledges send an unsecured join request to their time source once synchronised, again
     * if it is dropped after its retries; when it is acknowledged they are "admitted": keyed, advertising with a join IE, and they send an encrypted
     * frame up and an authenticated broadcast; the root answers encrypted frames with an authenticated one.
     * Without a capture the medium gets no tap at all.
     */
    private static final class Run implements MacListener {
        final EventKernel kernel = new EventKernel();
        final RadioMedium medium;
        final TschNetwork net;
        final List<byte[]> tapped = new ArrayList<>();
        final Map<Long, MacAddress> joinRequestHandles = new HashMap<>();
        final Map<String, Integer> kinds = new TreeMap<>();
        int beacons;
        int unsecuredData;
        final Set<Integer> admitted = new TreeSet<>();

        Run(long seed, RadioCapture capture) {
            SeededRandom seeds = new SeededRandom(seed);
            medium = new RadioMedium(LinkModel.unitDisk(50), HoppingSequence.openWsn(), seeds);
            double[][] at = {{0, 0}, {30, 0}, {-30, 0}, {70, 0}};
            for (double[] p : at) {
                medium.addMote(p[0], p[1]);
            }
            TschConfig config = TschConfig.defaults(PAN).withSlotframeLength(11).withEbProbability(0.2)
                    .withScan(1, 0).withKeepAlive(110, 1_100);
            net = new TschNetwork(kernel, medium, seeds, config);
            for (int i = 0; i < at.length; i++) {
                TschMac mac = net.addMote();
                mac.setListener(this);
            }
            TschMac root = net.mac(0);
            root.startAsRoot();
            root.keys().install(1, K, KeyRing.Role.K1K2);
            root.advertise(0, null);
            if (capture != null) {
                medium.setTap((asn, sender, channel, frame) -> {
                    tapped.add(frame.clone());
                    classify(frame);
                    capture.onAir(asn, sender, channel, frame);
                });
            }
            net.start();
            kernel.runUntilAsn(SLOTFRAMES * config.slotframeLength());
        }

        /** Sorts a transmitted frame into the kinds the run must produce. */
        private void classify(byte[] bytes) {
            Ieee802154Frame frame;
            try {
                frame = Ieee802154Frame.parseWithFcs(bytes);
            } catch (FrameFormatException e) {
                throw new AssertionError("the stack cannot read a frame it sent", e);
            }
            String kind;
            if (frame.frameType().equals(FrameType.BEACON)) {
                beacons++;
                kind = "EB";
            } else if (frame.payload().length <= 4) {
                // nothing but, at most, a MIC-32: no upper-layer frame is that short
                kind = "keep-alive";
            } else if (frame.security() == null) {
                unsecuredData++;
                kind = "unsecured data";
            } else {
                kind = frame.security().level() + (frame.destination().isShort() ? " broadcast" : " unicast");
            }
            kinds.merge(kind, 1, Integer::sum);
        }

        /** Every kind of frame went on the air, and the pledge out of the root's reach joined through another. */
        boolean sawEverything() {
            return kinds.keySet().containsAll(List.of("EB", "keep-alive", "unsecured data", "ENC_MIC_32 unicast",
                    "MIC_32 unicast", "MIC_32 broadcast")) && admitted.size() == 3 && net.mac(3).timeSourceMote() > 0
                    && net.totals().txBeacons() == beacons;
        }

        @Override
        public void synchronised(TschMac mac, long asn, MacAddress timeSource, EnhancedBeacon.Info eb) {
            requestJoin(mac, timeSource);
        }

        /** Sends a join request to {@code parent} until one is acknowledged. */
        private void requestJoin(TschMac mac, MacAddress parent) {
            long h = mac.send(parent, lowpan(mac.address(), parent, "join"), Protection.NONE);
            if (h > 0) {
                joinRequestHandles.put(key(mac, h), parent);
            }
        }

        private void admit(TschMac mac, MacAddress parent) {
            admitted.add(mac.index());
            mac.keys().install(1, K, KeyRing.Role.K1K2);
            mac.advertise(1, new JoinInfoIe(false, 0x10, 0, 0, null, new byte[] {(byte) 0xca, (byte) 0xfe}));
            mac.send(parent, lowpan(mac.address(), parent, "up"), Protection.ENCRYPTED);
            mac.send(MacAddress.BROADCAST, lowpan(mac.address(), MacAddress.BROADCAST, "all"),
                    Protection.AUTHENTICATED);
        }

        @Override
        public boolean admitUnsecured(TschMac mac, ReceivedFrame frame) {
            return true;
        }

        @Override
        public void received(TschMac mac, ReceivedFrame frame) {
            if (mac.isRoot() && !frame.isBroadcast() && frame.security() == RxSecurity.VERIFIED) {
                mac.send(frame.source(), lowpan(mac.address(), frame.source(), "down"), Protection.AUTHENTICATED);
            }
        }

        @Override
        public void sendDone(TschMac mac, long handle, boolean delivered) {
            MacAddress parent = joinRequestHandles.remove(key(mac, handle));
            if (parent != null && delivered) {
                admit(mac, parent);
            } else if (parent != null && mac.isSynchronised()) {
                requestJoin(mac, parent);
            }
        }

        private static long key(TschMac mac, long handle) {
            return ((long) mac.index() << 48) | handle;
        }

        @Override
        public String toString() {
            return "run: " + tapped.size() + " frames " + kinds + ", admitted " + admitted + ", mote 3 follows "
                    + net.mac(3).timeSourceMote() + "; " + net.totals();
        }
    }

    /**
     * A CoAP NON POST to /j carrying {@code text}, in UDP, in an IPHC datagram between the link-local addresses
     * of the MAC addresses: real traffic, so that tshark decodes it all the way and would flag what is wrong.
     */
    static byte[] lowpan(MacAddress source, MacAddress destination, String text) {
        try {
            byte[] payload = concat(new byte[] {0x50, 0x02, 0x00, 0x01, (byte) 0xb1, 'j', (byte) 0xff},
                    text.getBytes(StandardCharsets.US_ASCII));
            Inet6Address src = linkLocal(source.bytes());
            if (destination.isShort()) {
                Inet6Address all = (Inet6Address) InetAddress.getByName("ff02::1");
                // IPHC: TF elided, NH inline, HLIM 64; source IID inline; multicast ff02::00XX in one byte
                return concat(new byte[] {0x7a, 0x1b, 17}, source.bytes(), new byte[] {1},
                        new UdpDatagram(5683, 5683, payload).encode(src, all));
            }
            Inet6Address dst = linkLocal(destination.bytes());
            // IPHC: TF elided, NH inline, HLIM 64, both 64-bit IIDs inline
            return concat(new byte[] {0x7a, 0x11, 17}, source.bytes(), destination.bytes(),
                    new UdpDatagram(5683, 5683, payload).encode(src, dst));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Inet6Address linkLocal(byte[] eui64) throws IOException {
        byte[] a = new byte[16];
        a[0] = (byte) 0xfe;
        a[1] = (byte) 0x80;
        System.arraycopy(eui64, 0, a, 8, 8);
        a[8] ^= 0x02;
        return (Inet6Address) InetAddress.getByAddress(a);
    }

    static String tsharkPath() {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, "tshark"))) {
                return Path.of(d, "tshark").toString();
            }
        }
        return null;
    }

    private static List<String[]> fields(String tshark, Path file, String... names) throws Exception {
        List<String> args = new ArrayList<>(List.of(tshark, "-n", "-r", file.toString(), "-T", "fields",
                "-E", "occurrence=a", "-E", "aggregator=,"));
        for (String n : names) {
            args.add("-e");
            args.add(n);
        }
        List<String[]> rows = new ArrayList<>();
        for (String l : lines(args.toArray(String[]::new))) {
            rows.add(Arrays.copyOf(l.split("\t", -1), names.length));
        }
        return rows;
    }

    private static List<String> lines(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "tshark finished");
        assertEquals(0, p.exitValue(), "tshark exit status; output: " + out);
        return out.lines().filter(l -> !l.isBlank()).toList();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] filled(int n, int value) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) value);
        return b;
    }
}
