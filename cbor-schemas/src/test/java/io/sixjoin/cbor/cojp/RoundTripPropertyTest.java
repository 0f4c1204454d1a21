package io.sixjoin.cbor.cojp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** decode(encode(x)).equals(x) over random valid records, and encoding is stable (byte-exact) across it. */
class RoundTripPropertyTest {
    private static final int CASES = Math.max(1000, Integer.getInteger("sixjoin.fuzz.cases", 100_000) / 20);

    @Test
    void joinRequest() throws Exception {
        Random r = new Random(9031);
        for (int i = 0; i < CASES; i++) {
            JoinRequest x = Generators.joinRequest(r);
            byte[] enc = JoinRequestCodec.encode(x);
            JoinRequest y = JoinRequestCodec.decode(enc);
            assertEquals(x, y, () -> Fixtures.hex(enc));
            assertEquals(x.hashCode(), y.hashCode());
            assertArrayEquals(enc, JoinRequestCodec.encode(y));
        }
    }

    @Test
    void configurationWithKeysShortIdentifierAndEverythingElse() throws Exception {
        Random r = new Random(8949);
        for (int i = 0; i < CASES; i++) {
            Configuration x = Generators.configuration(r);
            byte[] enc = ConfigurationCodec.encode(x);
            ConfigurationDecodeResult y = ConfigurationCodec.decodeWithReport(enc);
            assertEquals(x, y.configuration(), () -> Fixtures.hex(enc));
            assertEquals(List.of(), y.ignored());
            assertEquals(x.hashCode(), y.configuration().hashCode());
            assertArrayEquals(enc, ConfigurationCodec.encode(y.configuration()));
        }
    }

    @Test
    void unsupportedConfiguration() throws Exception {
        Random r = new Random(8613);
        for (int i = 0; i < CASES; i++) {
            UnsupportedConfiguration x = Generators.unsupportedConfiguration(r);
            byte[] enc = UnsupportedConfigurationCodec.encode(x);
            assertEquals(x, UnsupportedConfigurationCodec.decode(enc), () -> Fixtures.hex(enc));
        }
    }

    @Test
    void encodingIsDeterministicShortestForm() {
        // {7: 23}, {7: 24}, {7: 255}, {7: 256}, {7: 65536}, {7: 2^32}: each at its width boundary
        assertEquals("a10717", Fixtures.hex(ConfigurationCodec.encode(Configuration.empty().withJoinRate(23))));
        assertEquals("a1071818", Fixtures.hex(ConfigurationCodec.encode(Configuration.empty().withJoinRate(24))));
        assertEquals("a10718ff", Fixtures.hex(ConfigurationCodec.encode(Configuration.empty().withJoinRate(255))));
        assertEquals("a107190100", Fixtures.hex(ConfigurationCodec.encode(Configuration.empty().withJoinRate(256))));
        assertEquals("a1071a00010000",
                Fixtures.hex(ConfigurationCodec.encode(Configuration.empty().withJoinRate(65536))));
        assertEquals("a1071b0000000100000000",
                Fixtures.hex(ConfigurationCodec.encode(Configuration.empty().withJoinRate(1L << 32))));
        // [-1 code, -25 label (38 18), -1 addinfo]: negative integers, shortest form too
        assertEquals("8320381820", Fixtures.hex(UnsupportedConfigurationCodec.encode(UnsupportedConfiguration.of(
                new UnsupportedParameter(UnsupportedCode.of(-1), CojpLabel.of(-25), Fixtures.hex("20"))))));
    }
}
