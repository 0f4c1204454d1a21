package io.sixjoin.bridge.pcap;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

/** tshark checks shared by the capture tests; a no-op when tshark is not installed. */
public final class TsharkDecodeTestSupport {
    private TsharkDecodeTestSupport() {
    }

    /** Every frame decodes at least down to {@code protocolPrefix}, none malformed, no expert error. */
    public static void assertDecodesCleanly(Path file, String protocolPrefix) throws Exception {
        if (TsharkDecodeTest.tsharkPath() == null) {
            return;
        }
        List<String> frames = TsharkDecodeTest.tshark(file);
        assertFalse(frames.isEmpty(), file + " is empty");
        for (String line : frames) {
            String f = line.length() > 200 ? line.substring(0, 200) + "..." : line;
            assertTrue(f.startsWith(protocolPrefix), file + ": " + f);
            assertFalse(f.contains("malformed"), file + ": " + f);
            assertFalse(f.contains(String.valueOf(TsharkDecodeTest.ERROR_SEVERITY)), file + ": " + f);
        }
    }

    /** At least one frame of {@code file} decodes down to {@code protocolPrefix}. */
    public static void assertSomeFrameDecodesTo(Path file, String protocolPrefix) throws Exception {
        if (TsharkDecodeTest.tsharkPath() == null) {
            return;
        }
        List<String> frames = TsharkDecodeTest.tshark(file);
        assertTrue(frames.stream().anyMatch(f -> f.startsWith(protocolPrefix)), file + ": none is " + protocolPrefix);
    }
}
