package io.sixjoin.emulator.serial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sixjoin.emulator.serial.BorderRouterMote.Counter;
import io.sixjoin.emulator.serial.BorderRouterMote.Listener.RootCommand;
import io.sixjoin.stack.hdlc.HdlcDecoder;
import io.sixjoin.stack.hdlc.HdlcEncoder;
import io.sixjoin.stack.hdlc.XonXoffFilter;
import io.sixjoin.stack.openwsn.FirmwareDialect;
import io.sixjoin.stack.openwsn.HostFrame;
import io.sixjoin.stack.openwsn.HostFrameCodec;
import io.sixjoin.stack.openwsn.MoteFrame;
import io.sixjoin.stack.openwsn.MoteFrameCodec;
import io.sixjoin.stack.openwsn.StatusElement;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The emulated DAGroot's serial protocol against openwsn-serial.md §1 and §7, on virtual time: every expectation
 * is read back through the stack's host-side codecs (XON/XOFF filter, HDLC decoder, mote-frame parser), and the
 * byte-exact cases compare with frames written out by hand.
 */
class BorderRouterMoteTest {
    static final HexFormat HEX = HexFormat.of();
    static final long EUI = 0x141592cc00000001L;
    static final long PREFIX = 0xbbbb000000000000L;
    static final byte[] KEY = HEX.parseHex("00112233445566778899aabbccddeeff");

    /** A mote on virtual time with a recording listener and output. */
    static final class Rig implements BorderRouterMote.Listener {
        final ByteArrayOutputStream wire = new ByteArrayOutputStream();
        final List<RootCommand> roots = new ArrayList<>();
        final List<HostFrame.DataDown> down = new ArrayList<>();
        final List<Boolean> reboots = new ArrayList<>();
        long asn = 0x0102030405L;
        final BorderRouterMote mote;

        Rig(long eui, FirmwareDialect dialect) {
            mote = BorderRouterMote.builder(eui).dialect(dialect).listener(this).asn(() -> asn)
                    .output(wire::writeBytes).build();
        }

        Rig() {
            this(EUI, FirmwareDialect.DEVELOP);
        }

        void host(HostFrame frame) {
            raw(HostFrameCodec.encode(frame));
        }

        /** Sends an HDLC frame around any payload, valid for the firmware or not. */
        void raw(byte[] payload) {
            bytes(HdlcEncoder.encode(payload));
        }

        void bytes(byte[] b) {
            mote.onBytesFromHost(b, 0, b.length);
        }

        /** Everything the mote sent since the last call, parsed as a host would. */
        List<MoteFrame> frames() throws Exception {
            byte[] sent = wire.toByteArray();
            wire.reset();
            for (byte b : sent) {
                assertFalse(b == 0x11 || b == 0x13, "no raw XON/XOFF in the output");
            }
            byte[] hdlc = new XonXoffFilter().feed(sent, signal -> { });
            List<MoteFrame> out = new ArrayList<>();
            for (HdlcDecoder.Event e : new HdlcDecoder().feed(hdlc)) {
                out.add(MoteFrameCodec.parse(assertInstanceOf(HdlcDecoder.Frame.class, e).payload()));
            }
            return out;
        }

        @Override
        public void rootCommand(RootCommand command) {
            roots.add(command);
        }

        @Override
        public void dataDown(long nextHop, byte[] lowpan) {
            down.add(new HostFrame.DataDown(nextHop, lowpan));
        }

        @Override
        public void rebooted(boolean wasRoot) {
            reboots.add(wasRoot);
        }
    }

    static HostFrame.SetRoot setRoot(int action) {
        return new HostFrame.SetRoot(action, PREFIX, 1, KEY);
    }

    @Test
    void answersAnEchoWithADataFrameCarryingIdAndAsn() throws Exception {
        Rig rig = new Rig();
        byte[] probe = HEX.parseHex("00010203047e7d111213");
        rig.host(new HostFrame.Echo(probe));
        assertEquals(List.of(new MoteFrame.EchoReply(0x0001, 0x0102030405L, probe)), rig.frames());
        assertEquals(1, rig.mote.count(Counter.ECHOES));
    }

    @Test
    void printsOneStatusElementPer100MsRoundRobinInTheDevelopDialect() throws Exception {
        Rig rig = new Rig();
        rig.mote.poll(99_999);
        assertEquals(List.of(), rig.frames(), "nothing before the first period");
        assertEquals(100_000, rig.mote.nextDeadline());
        List<Integer> ids = new ArrayList<>();
        for (long t = 100_000; t <= 1_400_000; t += 100_000) {
            rig.mote.poll(t);
            rig.mote.poll(t + 99_999); // still inside the period: nothing more
            List<MoteFrame> f = rig.frames();
            assertEquals(1, f.size(), "exactly one element at " + t);
            ids.add(((MoteFrame.Status) f.get(0)).elementId());
            assertEquals(t + 100_000, rig.mote.nextDeadline());
        }
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 0), ids);
        rig.mote.poll(10_000_050); // far behind: one element, no burst, deadlines stay on the 100 ms grid
        assertEquals(1, rig.frames().size());
        assertEquals(10_100_000, rig.mote.nextDeadline());
    }

    @Test
    void statusElementsDecodeAsTheFirmwareSendsThem() throws Exception {
        Rig rig = new Rig();
        rig.host(setRoot('Y'));
        List<StatusElement> elements = new ArrayList<>();
        for (int i = 1; i <= 13; i++) {
            rig.mote.poll(i * 100_000L);
        }
        for (MoteFrame f : rig.frames()) {
            MoteFrame.Status s = (MoteFrame.Status) f;
            assertEquals(0x0001, s.moteId());
            StatusElement e = s.decode(FirmwareDialect.DEVELOP);
            elements.add(e);
            if (!(e instanceof StatusElement.Other)) {
                assertEquals(e, s.decode(), "a bridge that does not know the dialect reads the same");
            }
        }
        assertEquals(new StatusElement.IsSync(1), elements.get(0));
        assertEquals(new StatusElement.IdManager(1, 0xFECA, 0x0001, EUI, PREFIX), elements.get(1));
        assertEquals(new StatusElement.MyDagRank(256), elements.get(2));
        assertEquals(new StatusElement.Asn(0x0102030405L), elements.get(4));
        assertEquals(new StatusElement.Joined(0x0102030405L), elements.get(11));
        for (int i = 0; i < 13; i++) {
            assertEquals(FirmwareDialect.DEVELOP.kind(i).orElseThrow(), elements.get(i).kind());
        }
    }

    @Test
    void theCmake2021DialectNumbersAsnAs3() throws Exception {
        Rig rig = new Rig(EUI, FirmwareDialect.CMAKE_2021);
        for (int i = 1; i <= 13; i++) {
            rig.mote.poll(i * 100_000L);
        }
        List<MoteFrame> f = rig.frames();
        MoteFrame.Status asn = (MoteFrame.Status) f.get(3);
        assertEquals(3, asn.elementId());
        assertEquals(new StatusElement.Asn(0x0102030405L), asn.decode(FirmwareDialect.CMAKE_2021));
        assertEquals(0, ((MoteFrame.Status) f.get(12)).elementId(), "12 elements, then round again");
    }

    @Test
    void setRootYesNoAndToggleFollowTheFirmware() throws Exception {
        Rig rig = new Rig();
        assertFalse(rig.mote.isRoot());
        assertEquals(new StatusElement.IdManager(0, 0xFECA, 1, EUI, BorderRouterMote.LINK_LOCAL_PREFIX),
                rig.mote.identity());
        rig.host(setRoot('Y'));
        assertTrue(rig.mote.isRoot());
        assertEquals(new RootCommand('Y', false, true, PREFIX, 1, KEY), rig.roots.get(0));
        assertArrayEquals(KEY, rig.roots.get(0).key());
        assertEquals(new StatusElement.IdManager(1, 0xFECA, 1, EUI, PREFIX), rig.mote.identity());
        rig.host(setRoot('Y'));
        assertTrue(rig.mote.isRoot(), "'Y' is idempotent");
        rig.host(setRoot('T'));
        assertFalse(rig.mote.isRoot(), "a toggle un-roots a root: OpenVisualizer's 'set root twice'");
        rig.host(setRoot('T'));
        assertTrue(rig.mote.isRoot());
        rig.host(setRoot('N'));
        assertFalse(rig.mote.isRoot());
        rig.host(setRoot('N'));
        assertFalse(rig.mote.isRoot());
        rig.host(new HostFrame.SetRoot('X', 0xaaaa000000000000L, 2, KEY));
        assertFalse(rig.mote.isRoot(), "another action keeps the role");
        assertEquals(0xaaaa000000000000L, rig.mote.prefix(), "but the prefix is stored");
        assertEquals(2, rig.mote.keyIndex(), "and the key");
        assertEquals(List.of(true, true, false, true, false, false, false),
                rig.roots.stream().map(RootCommand::isRoot).toList());
        assertEquals(7, rig.mote.count(Counter.SET_ROOTS));
        assertEquals("RootCommand['X', root false -> false, prefix aaaa000000000000, key index 2, key [redacted]]",
                rig.roots.get(6).toString());
    }

    @Test
    void setRootMustBeExactly26Bytes() throws Exception {
        Rig rig = new Rig();
        byte[] good = HostFrameCodec.encode(setRoot('Y'));
        assertEquals(27, good.length);
        rig.raw(Arrays.copyOf(good, 26));
        rig.raw(Arrays.copyOf(good, 28));
        assertFalse(rig.mote.isRoot());
        assertEquals(List.of(), rig.roots);
        assertEquals(2, rig.mote.count(Counter.REJECTED_LENGTH));
        rig.raw(good);
        assertTrue(rig.mote.isRoot());
    }

    @Test
    void dataDownOnlyWhileRoot() throws Exception {
        Rig rig = new Rig();
        HostFrame.DataDown d = new HostFrame.DataDown(0x141592cc00000002L, HEX.parseHex("f18205ffff7a"));
        rig.host(d);
        assertEquals(List.of(), rig.down);
        assertEquals(1, rig.mote.count(Counter.DATA_DOWN_REFUSED));
        rig.host(setRoot('Y'));
        rig.host(d);
        assertEquals(List.of(d), rig.down);
        byte[] tooLong = new byte[1 + 127];
        tooLong[0] = 'D';
        rig.raw(tooLong);
        rig.raw(HEX.parseHex("4401020304050607")); // 7 bytes: no room for the next hop
        assertEquals(1, rig.down.size());
        assertEquals(2, rig.mote.count(Counter.REJECTED_LENGTH));
        assertEquals(List.of(), rig.frames(), "refusals are silent");
    }

    @Test
    void dataUpFrameIsByteExact() throws Exception {
        Rig rig = new Rig();
        byte[] lowpan = HEX.parseHex("f18205ffff7a11");
        assertFalse(rig.mote.dataUp(0x141592cc00000002L, lowpan), "only a root bridges");
        assertEquals(List.of(), rig.frames());
        rig.host(setRoot('Y'));
        assertTrue(rig.mote.dataUp(0x141592cc00000002L, lowpan));
        byte[] hdlc = new XonXoffFilter().feed(rig.wire.toByteArray(), s -> { });
        HdlcDecoder.Frame frame = (HdlcDecoder.Frame) new HdlcDecoder().feed(hdlc).get(0);
        assertEquals("44" + "0001" + "0504030201" + "141592cc00000001" + "141592cc00000002" + "f18205ffff7a11",
                HEX.formatHex(frame.payload()));
    }

    @Test
    void outputIsXonXoffEscapedBelowHdlc() throws Exception {
        Rig rig = new Rig(0x1112137e7d000013L, FirmwareDialect.DEVELOP);
        rig.asn = 0;
        rig.host(new HostFrame.Echo(HEX.parseHex("111213")));
        String wire = HEX.formatHex(rig.wire.toByteArray());
        // 'D', mote id 00 13, ASN 0, echoed 11 12 13: each of 11/12/13 goes out as 12 b^10.
        assertTrue(wire.startsWith("7e44" + "001203" + "0000000000" + "120112021203"), wire);
        rig.mote.poll(100_000); // IsSync
        rig.mote.poll(200_000); // IdManager: the EUI-64 holds XON, ESC, XOFF and both HDLC specials
        String id = HEX.formatHex(rig.wire.toByteArray());
        assertTrue(id.contains("120112021203" + "7d5e" + "7d5d" + "00001203"), id);
        assertEquals(3, rig.frames().size());
    }

    @Test
    void garbageAndBadChecksumsAreCountedAndIgnored() throws Exception {
        Rig rig = new Rig();
        rig.bytes(HEX.parseHex("0102037e"));               // noise before the first flag
        byte[] echo = HdlcEncoder.encode(HostFrameCodec.encode(new HostFrame.Echo(new byte[] {9})));
        echo[2] ^= 0x01;                                    // the echoed byte, so the FCS no longer matches
        rig.bytes(echo);
        rig.bytes(HEX.parseHex("7e41427e"));               // too short for a type and an FCS
        rig.bytes(new byte[400]);                          // longer than the input buffer, no flag
        rig.raw(HEX.parseHex("430102"));                   // 'C': a REL-1.24.0 command, ignored now
        rig.raw(HEX.parseHex("5101"));                     // RESET with a trailing byte
        assertEquals(List.of(), rig.frames());
        assertFalse(rig.mote.isRoot());
        assertTrue(rig.mote.count(Counter.BAD_FRAMES) >= 3, "" + rig.mote.count(Counter.BAD_FRAMES));
        assertEquals(1, rig.mote.count(Counter.UNKNOWN_TYPE));
        rig.bytes(new byte[] {0x7e});
        rig.host(new HostFrame.Echo(new byte[] {9}));
        assertEquals(List.of(new MoteFrame.EchoReply(1, 0x0102030405L, new byte[] {9})), rig.frames());
    }

    @Test
    void resetRebootsTheMote() throws Exception {
        Rig rig = new Rig();
        rig.host(setRoot('Y'));
        rig.mote.poll(100_000);
        rig.mote.poll(200_000);
        rig.frames();
        rig.host(new HostFrame.Reset());
        assertFalse(rig.mote.isRoot());
        assertEquals(BorderRouterMote.LINK_LOCAL_PREFIX, rig.mote.prefix());
        assertEquals(-1, rig.mote.keyIndex());
        assertEquals(List.of(true), rig.reboots);
        rig.mote.poll(300_000);
        assertEquals(0, ((MoteFrame.Status) rig.frames().get(0)).elementId(), "printing restarts at element 0");
    }
}
