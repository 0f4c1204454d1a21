package io.sixjoin.cbor.cojp;

import static io.sixjoin.cbor.cojp.CojpDecodeException.Reason.*;
import static io.sixjoin.cbor.cojp.Fixtures.hex;
import static io.sixjoin.cbor.cojp.Fixtures.rejects;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Fixtures for Unsupported_Configuration as a standalone diagnostic payload. */
class UnsupportedConfigurationCodecTest {
    private static final Fixtures.Decoder D = UnsupportedConfigurationCodec::decode;

    @Test
    void validPayloads() throws Exception {
        // 86 | 00 07 f6 | 01 05 f6: two triples
        UnsupportedConfiguration uc = UnsupportedConfigurationCodec.decode(hex("860007f60105f6"));
        assertEquals(2, uc.parameters().size());
        assertEquals(UnsupportedCode.MALFORMED, uc.parameters().get(1).code());
        // 83 | 20 code -1 | 39 03e7 label -1000 | 42 0102: unregistered numbers are kept raw
        UnsupportedParameter p = UnsupportedConfigurationCodec.decode(hex("83203903e7420102")).parameters().get(0);
        assertEquals(-1, p.code().value());
        assertEquals(-1000, p.label().value());
        assertEquals("420102", hex(p.addinfo()));
        // addinfo [1, -1, h'', [null]] nested
        assertEquals("8300038401204081f6", hex(UnsupportedConfigurationCodec.encode(
                UnsupportedConfigurationCodec.decode(hex("8300038401204081f6")))));
    }

    @Test
    void addinfoIsStoredCanonically() throws Exception {
        // 83 00 07 | 18 00: addinfo 0 in non-shortest form; kept as 00
        UnsupportedConfiguration uc = UnsupportedConfigurationCodec.decode(hex("8300071800"));
        assertEquals("00", hex(uc.parameters().get(0).addinfo()));
        assertEquals("83000700", hex(UnsupportedConfigurationCodec.encode(uc)));
    }

    @Test
    void invalidPayloads() {
        rejects(D, "80", BAD_TRIPLE_COUNT, 8);                // []
        rejects(D, "820007", BAD_TRIPLE_COUNT, 8);            // [0, 7]
        rejects(D, "840007f600", BAD_TRIPLE_COUNT, 8);        // four elements
        rejects(D, "a0", WRONG_TYPE, 8);                      // {}
        rejects(D, "834007f6", WRONG_TYPE, 8);                // code h''
        rejects(D, "830040f6", WRONG_TYPE, 8);                // label h''
        rejects(D, "830007a0", UNSUPPORTED_ADDINFO, 8);       // addinfo {} (no CoJP value is a map)
        rejects(D, "8300076161", UNSUPPORTED_ADDINFO, 8);     // addinfo "a"
        rejects(D, "830007f93c00", UNSUPPORTED_ADDINFO, 8);   // addinfo 1.0 (half float)
        rejects(D, "830007c100", TAG_NOT_ALLOWED, 8);         // addinfo 1(0)
        rejects(D, "830007f600", TRAILING_BYTES, null);       // one byte too many
        rejects(D, "9f0007f6ff", INDEFINITE_LENGTH, null);    // indefinite array
        rejects(D, "83001bfffffffffffffffff6", VALUE_OUT_OF_RANGE, 8); // label 2^64-1
    }

    @Test
    void constructorRefusesBadAddinfo() {
        assertThrows(IllegalArgumentException.class, () -> new UnsupportedParameter(
                UnsupportedCode.UNSUPPORTED, CojpLabel.ROLE, hex("0000")));   // two items
        assertThrows(IllegalArgumentException.class, () -> new UnsupportedParameter(
                UnsupportedCode.UNSUPPORTED, CojpLabel.ROLE, hex("")));       // none
        assertThrows(IllegalArgumentException.class, () -> UnsupportedConfiguration.of());
    }
}
