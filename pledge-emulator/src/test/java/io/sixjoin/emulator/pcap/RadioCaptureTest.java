package io.sixjoin.emulator.pcap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sixjoin.emulator.kernel.VirtualClock;
import io.sixjoin.stack.ieee802154.Fcs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The bytes a capture writes, and how it behaves when the disk does not cooperate. */
class RadioCaptureTest {

    private static final HexFormat HEX = HexFormat.of();
    /** A 2015 data frame, PAN 0xcafe, mote 2 to mote 1, one payload byte, then its FCS (CRC-16/KERMIT). */
    private static final String MPDU = "01ec" + "2a" + "feca" + "01000000cc921514" + "02000000cc921514" + "7a";
    private static final String FCS = "8c41";

    @Test
    void aFrameBecomesOneRecordStampedWithItsSlotStart() throws Exception {
        byte[] frame = HEX.parseHex(MPDU + FCS);
        assertTrue(Fcs.verifies(frame), "the FCS written here is the one the stack computes");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (RadioCapture c = new RadioCapture(out, new VirtualClock())) {
            c.onAir(150, 2, 20, frame);
            assertEquals(1, c.frames());
        }
        String expected = ""
                + "d4c3b2a1" // magic: microsecond timestamps, little-endian
                + "0200" + "0400" // version 2.4
                + "00000000" // thiszone
                + "00000000" // sigfigs
                + "ffff0000" // snaplen 65535
                + "c3000000" // LINKTYPE_IEEE802_15_4_WITHFCS = 195
                + "01000000" // ts_sec: ASN 150 x 10 ms = 1.5 s
                + "20a10700" // ts_usec 500000
                + "18000000" // incl_len 24: 22-byte MPDU + FCS
                + "18000000" // orig_len
                + MPDU + FCS; // FCS least significant byte first, as on the air
        assertEquals(expected, HEX.formatHex(out.toByteArray()));
    }

    @Test
    void theSlotLengthOfTheClockSetsTheTimestamps() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (RadioCapture c = new RadioCapture(out, new VirtualClock(java.time.Duration.ofMillis(15)))) {
            c.onAir(1_000, 0, 11, new byte[] {1, 2, 3});
        }
        assertEquals("0f000000" + "00000000", HEX.formatHex(out.toByteArray(), 24, 32), "15 s");
    }

    @Test
    void aFailedWriteEndsTheCaptureWithoutDisturbingTheRun() throws Exception {
        FailingStream out = new FailingStream();
        RadioCapture c = new RadioCapture(out, new VirtualClock());
        c.onAir(0, 0, 11, new byte[] {1});
        c.flush();
        assertTrue(c.error().isEmpty());
        out.full = true;
        c.onAir(1, 0, 11, new byte[] {2});
        assertTrue(c.error().isPresent(), "the write failed, and onAir did not throw");
        IOException first = c.error().get();
        assertFalse(c.isOpen());
        assertTrue(out.closed, "the file is released at once");
        c.onAir(2, 0, 11, new byte[] {3});
        c.flush();
        c.close();
        assertEquals(first, c.error().get(), "the first error is the one kept");
        assertEquals(1, c.frames(), "only the frame written before the failure");
        assertTrue(c.toString().contains("No space left"), c.toString());
    }

    @Test
    void closeIsIdempotentAndLaterFramesAreIgnored() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RadioCapture c = new RadioCapture(out, new VirtualClock());
        c.onAir(0, 0, 11, new byte[] {1});
        c.close();
        c.close();
        c.onAir(1, 0, 11, new byte[] {2});
        assertEquals(1, c.frames());
        assertTrue(c.error().isEmpty());
        assertEquals(24 + 16 + 1, out.size());
        assertArrayEquals(new byte[] {1}, java.util.Arrays.copyOfRange(out.toByteArray(), 40, 41));
    }

    /** A stream on a disk that fills up on demand. */
    private static final class FailingStream extends OutputStream {
        boolean full;
        boolean closed;

        @Override
        public void write(int b) throws IOException {
            check();
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            check();
        }

        @Override
        public void flush() throws IOException {
            check();
        }

        @Override
        public void close() {
            closed = true;
        }

        private void check() throws IOException {
            if (full) {
                throw new IOException("No space left on device");
            }
        }
    }
}
