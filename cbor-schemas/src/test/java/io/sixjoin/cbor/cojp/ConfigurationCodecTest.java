package io.sixjoin.cbor.cojp;

import static io.sixjoin.cbor.cojp.CojpDecodeException.Reason.*;
import static io.sixjoin.cbor.cojp.Fixtures.hex;
import static io.sixjoin.cbor.cojp.Fixtures.rejects;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Valid and invalid fixtures for every Configuration decoding rule. */
class ConfigurationCodecTest {
    private static final Fixtures.Decoder D = ConfigurationCodec::decode;
    private static final String K16 = "50" + "00112233445566778899aabbccddeeff"; // bstr(16) key_value

    private static ConfigurationDecodeResult ok(String h) throws Exception {
        ConfigurationDecodeResult r = ConfigurationCodec.decodeWithReport(hex(h));
        Configuration again = ConfigurationCodec.decode(ConfigurationCodec.encode(r.configuration()));
        assertEquals(r.configuration(), again);
        return r;
    }

    @Test
    void keyIdModes() throws Exception {
        // {2: [0, key, h'8 bytes']}: mode 0, pairwise key for one peer's long address
        assertEquals(0, ok("a10283" + "00" + K16 + "4800124b0014b5d2a1")
                .configuration().keySet().orElseThrow().get(0).keyIdMode());
        ok("a10283" + "00" + K16 + "42af93");                           // mode 0, short address
        ok("a10283" + "00" + K16 + "4a00124b0014b5d2a1af93");           // mode 0, long || short
        assertEquals(3, ok("a10283" + "07" + K16 + "480102030405060708")
                .configuration().keySet().orElseThrow().get(0).keyIdMode()); // mode 3
        ok("a10282" + "18fe" + K16);                                    // key_id 254, the maximum
        rejects(D, "a10282" + "00" + K16, INVALID_KEY_ID_MODE, 2);      // key_id 0 needs a peer address
        rejects(D, "a10283" + "00" + K16 + "4401020304", INVALID_KEY_ID_MODE, 2); // mode 0, 4 bytes
        rejects(D, "a10283" + "01" + K16 + "42af93", INVALID_KEY_ID_MODE, 2);     // key source of 2 bytes
        rejects(D, "a10283" + "01" + K16 + "40", INVALID_KEY_ID_MODE, 2);         // empty key source
    }

    @Test
    void invalidKeysAreSignalledWithTheKey() {
        // {2: [255, key]}: key_id 255 is reserved; diagnostic echoes [255, key] as Unsupported
        CojpDecodeException e = rejects(D, "a10282" + "18ff" + K16, INVALID_KEY_ID, 2);
        UnsupportedParameter p = e.toUnsupportedParameter().orElseThrow();
        assertEquals(UnsupportedCode.UNSUPPORTED, p.code());
        assertEquals("8218ff" + K16, hex(p.addinfo()));
        rejects(D, "a10282" + "1b8000000000000000" + K16, INVALID_KEY_ID, 2);  // 2^63
        rejects(D, "a10282" + "1bffffffffffffffff" + K16, INVALID_KEY_ID, 2);  // 2^64-1
        rejects(D, "a10282014f" + "00".repeat(15), INVALID_KEY_LENGTH, 2);     // 15-byte key
        rejects(D, "a102820151" + "00".repeat(17), INVALID_KEY_LENGTH, 2);     // 17-byte key
        rejects(D, "a10283010f" + K16, UNKNOWN_KEY_USAGE, 2);                  // usage 15
        rejects(D, "a102830120" + K16, UNKNOWN_KEY_USAGE, 2);                  // usage -1
        // second key bad: the first one is not enough, the whole set is refused and the bad key echoed
        e = rejects(D, "a10284" + "01" + K16 + "02" + "4101", INVALID_KEY_LENGTH, 2);
        assertEquals("820241" + "01", hex(e.toUnsupportedParameter().orElseThrow().addinfo()));
    }

    @Test
    void keySetStructure() {
        rejects(D, "a10201", WRONG_TYPE, 2);                   // {2: 1}
        rejects(D, "a10280", EMPTY_VALUE, 2);                  // {2: []}
        rejects(D, "a10281" + K16, BAD_GROUP_SEQUENCE, 2);     // key_value without key_id
        rejects(D, "a1028101", BAD_GROUP_SEQUENCE, 2);         // key_id without key_value
        rejects(D, "a10283010101", BAD_GROUP_SEQUENCE, 2);     // key_id, usage, then an int again
        rejects(D, "a10284" + "01" + K16 + "4401020304" + "4401020304", BAD_GROUP_SEQUENCE, 2); // 3 bstr
        rejects(D, "a1028201" + "81" + K16, WRONG_TYPE, 2);    // [[key]]: nested array, the wrong shape
        rejects(D, "a1028201f6", WRONG_TYPE, 2);               // null instead of key_value
        rejects(D, "a102820158" + "10" + "00".repeat(15), NOT_WELL_FORMED, 2); // bstr runs past the end
        rejects(D, "a1029f01" + K16 + "ff", INDEFINITE_LENGTH, 2);
    }

    @Test
    void shortIdentifierValid() throws Exception {
        // {3: [h'0001', 0]}: lease 0 hours is present, distinct from absent
        ShortIdentifier s = ok("a1038242000100").configuration().shortIdentifier().orElseThrow();
        assertEquals(OptionalLong.of(0), s.leaseTimeHours());
        assertEquals(1, s.shortAddress());
        // {3: [h'af93', 1b 0000000000000018]}: non-shortest lease accepted
        assertEquals(OptionalLong.of(24), ok("a1038242af931b0000000000000018")
                .configuration().shortIdentifier().orElseThrow().leaseTimeHours());
    }

    @Test
    void shortIdentifierInvalidIsIgnoredNotRejected() throws Exception {
        // {3: [id], 7: 0}: the short id is dropped whole, the rest of the Configuration survives
        for (String id : List.of("4101", "43010203", "42fffe", "42ffff", "40")) {
            ConfigurationDecodeResult r = ok("a20381" + id + "0700");
            assertFalse(r.configuration().shortIdentifier().isPresent(), id);
            assertEquals(OptionalLong.of(0), r.configuration().joinRate());
            assertEquals(List.of(CojpLabel.SHORT_IDENTIFIER),
                    r.ignored().stream().map(ConfigurationDecodeResult.Ignored::label).toList());
        }
        // the lease is dropped along with the identifier
        assertTrue(ok("a1038242ffff1818").configuration().shortIdentifier().isEmpty());
    }

    @Test
    void shortIdentifierStructureIsStillChecked() {
        rejects(D, "a10342af93", WRONG_TYPE, 3);            // {3: h'af93'} not an array
        rejects(D, "a1038242af9320", WRONG_TYPE, 3);        // lease -1
        rejects(D, "a1038242af934101", WRONG_TYPE, 3);      // lease h'01'
        rejects(D, "a1038242ffff20", WRONG_TYPE, 3);        // invalid id does not excuse a bad lease
        rejects(D, "a10380", BAD_GROUP_SEQUENCE, 3);        // []
        rejects(D, "a1038342af930101", BAD_GROUP_SEQUENCE, 3); // three elements
        rejects(D, "a1038101", WRONG_TYPE, 3);              // [1]
        rejects(D, "a1038242af931bffffffffffffffff", VALUE_OUT_OF_RANGE, 3); // lease 2^64-1
    }

    @Test
    void jrcAddressOfWrongLengthIsDiscarded() throws Exception {
        for (String addr : List.of("4f" + "00".repeat(15), "51" + "00".repeat(17), "40", "4420010db8")) {
            ConfigurationDecodeResult r = ok("a104" + addr);
            assertEquals(Optional.empty(), r.configuration().jrcAddress(), addr);
            assertEquals(CojpLabel.JRC_ADDRESS, r.ignored().get(0).label());
        }
        rejects(D, "a10401", WRONG_TYPE, 4);                // {4: 1}
        rejects(D, "a104816120", WRONG_TYPE, 4);            // {4: [" "]}
    }

    @Test
    void blacklist() throws Exception {
        assertEquals(Optional.of(List.of()), ok("a10680").configuration().blacklist());     // [] clears
        assertEquals(Optional.empty(), ok("a0").configuration().blacklist());              // absent keeps
        assertEquals(2, ok("a1068240420102").configuration().blacklist().orElseThrow().size()); // [h'', h'0102']
        rejects(D, "a10640", WRONG_TYPE, 6);                // {6: h''}
        rejects(D, "a1068101", WRONG_TYPE, 6);              // {6: [1]}
        rejects(D, "a106818140", WRONG_TYPE, 6);            // {6: [[h'']]}
        rejects(D, "a1069fff", INDEFINITE_LENGTH, 6);       // {6: [_ ]}
    }

    @Test
    void joinRate() throws Exception {
        assertEquals(OptionalLong.of(0), ok("a10700").configuration().joinRate());
        assertEquals(OptionalLong.empty(), ok("a0").configuration().joinRate());
        rejects(D, "a10720", WRONG_TYPE, 7);                // -1
        rejects(D, "a10740", WRONG_TYPE, 7);                // h''
        rejects(D, "a107fb3ff0000000000000", WRONG_TYPE, 7); // 1.0 double
        rejects(D, "a107c100", TAG_NOT_ALLOWED, 7);         // 1(0)
        rejects(D, "a1071bffffffffffffffff", VALUE_OUT_OF_RANGE, 7);
    }

    @Test
    void labels() {
        rejects(D, "a10101", LABEL_NOT_ALLOWED, 1);         // role is a Join_Request parameter
        rejects(D, "a10542cafe", LABEL_NOT_ALLOWED, 5);     // network identifier too
        rejects(D, "a108830007f6", LABEL_NOT_ALLOWED, 8);   // and unsupported configuration
        rejects(D, "a10900", UNKNOWN_LABEL, 9);
        rejects(D, "a10000", UNKNOWN_LABEL, 0);
        rejects(D, "a1190100f6", UNKNOWN_LABEL, 256);
        rejects(D, "a207000701", DUPLICATE_LABEL, 7);       // {7: 0, 7: 1}
        rejects(D, "a203814101038142af93", DUPLICATE_LABEL, 3); // a second short id after an ignored one
        rejects(D, "a1613700", BAD_KEY_TYPE, null);         // {"7": 0}
        rejects(D, "a14100f6", BAD_KEY_TYPE, null);         // {h'00': null}
        rejects(D, "a10700ff", TRAILING_BYTES, null);
        rejects(D, "bf0700ff", INDEFINITE_LENGTH, null);
    }

    @Test
    void toStringRedactsKeys() throws Exception {
        Configuration c = ConfigurationCodec.decode(
                hex("a202820150e6bf4287c2d7618d6a9687445ffd33e6038142af93"));
        String s = c.toString();
        assertTrue(s.contains("[redacted]"), s);
        for (String fragment : List.of("e6bf4287", "e6bf", "c2d7618d", "45ffd33e6", "-26, -65", "[-26")) {
            assertFalse(s.toLowerCase().contains(fragment), fragment + " leaked in " + s);
        }
        LinkLayerKey k = c.keySet().orElseThrow().get(0);
        byte[] v = k.keyValue();
        v[0] = 0;
        assertEquals((byte) 0xe6, k.keyValue()[0], "keyValue() must hand out a copy");
    }
}
