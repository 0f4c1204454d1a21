package io.sixjoin.cbor.cojp;

import static io.sixjoin.cbor.cojp.CojpDecodeException.Reason.*;
import static io.sixjoin.cbor.cojp.Fixtures.hex;
import static io.sixjoin.cbor.cojp.Fixtures.rejects;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Valid and invalid fixtures for every Join_Request decoding rule. */
class JoinRequestCodecTest {
    private static final Fixtures.Decoder D = JoinRequestCodec::decode;

    @Test
    void acceptsAnyKeyOrderAndNonShortestIntegers() throws Exception {
        // a2 | 05 42 cafe | 01 01 role after network id
        JoinRequest jr = JoinRequestCodec.decode(hex("a20542cafe0101"));
        assertEquals(Role.SIXLBR, jr.effectiveRole());
        assertEquals("a201010542cafe", hex(JoinRequestCodec.encode(jr)));
        // a1 | 18 05 label 5 in two-byte form | 42 cafe
        assertEquals(JoinRequest.of(hex("cafe")), JoinRequestCodec.decode(hex("a1180542cafe")));
    }

    @Test
    void unknownRoleValueIsKeptRaw() throws Exception {
        // a2 | 01 07 role 7 (not in Table 3) | 05 42 cafe
        JoinRequest jr = JoinRequestCodec.decode(hex("a201070542cafe"));
        assertEquals(Optional.of(Role.of(7)), jr.role());
        assertFalse(jr.effectiveRole().isKnown());
    }

    @Test
    void topLevelMustBeAMap() {
        rejects(D, "8105", NOT_A_MAP, null);          // [5]
        rejects(D, "42cafe", NOT_A_MAP, null);        // h'cafe'
        rejects(D, "", NOT_WELL_FORMED, null);        // nothing
    }

    @Test
    void networkIdentifierRules() {
        rejects(D, "a0", MISSING_PARAMETER, 5);               // {}
        rejects(D, "a10101", MISSING_PARAMETER, 5);           // {1: 1}
        rejects(D, "a10540", EMPTY_VALUE, 5);                 // {5: h''}
        rejects(D, "a10505", WRONG_TYPE, 5);                  // {5: 5}
        rejects(D, "a1056463616665", WRONG_TYPE, 5);          // {5: "cafe"} text, not bytes
        rejects(D, "a1058142cafe", WRONG_TYPE, 5);            // {5: [h'cafe']} deeper than the schema
    }

    @Test
    void roleMustBeUint() {
        rejects(D, "a201200542cafe", WRONG_TYPE, 1);          // {1: -1, 5: h'cafe'}
        rejects(D, "a201410105 42cafe", WRONG_TYPE, 1);       // {1: h'01', ...}
        // {1: 2^64-1}: a uint, but not one we can hold; Unsupported, not Malformed
        rejects(D, "a2011bffffffffffffffff0542cafe", VALUE_OUT_OF_RANGE, 1);
    }

    @Test
    void unknownAndMisplacedLabels() {
        CojpDecodeException e = rejects(D, "a20542cafe0900", UNKNOWN_LABEL, 9); // {5: .., 9: 0}
        assertTrue(e.toUnsupportedParameter().orElseThrow().hasNullAddinfo());
        assertEquals("830009f6", hex(UnsupportedConfigurationCodec.encode(
                UnsupportedConfiguration.of(e.toUnsupportedParameter().orElseThrow()))));
        rejects(D, "a20542cafe2000", UNKNOWN_LABEL, -1);      // label -1
        rejects(D, "a20542cafe0700", LABEL_NOT_ALLOWED, 7);   // join rate belongs to Configuration
        rejects(D, "a20542cafe0280", LABEL_NOT_ALLOWED, 2);   // key set belongs to Configuration
    }

    @Test
    void keysMustBeIntegersAndUnique() {
        rejects(D, "a1613542cafe", BAD_KEY_TYPE, null);       // {"5": h'cafe'}
        rejects(D, "a1c10542cafe", TAG_NOT_ALLOWED, null);    // {1(5): h'cafe'} tagged key
        rejects(D, "a1fa3f80000001", NOT_WELL_FORMED, null);  // {1.0: 1} float key (Jackson refuses)
        rejects(D, "a20542cafe0542beef", DUPLICATE_LABEL, 5); // {5: h'cafe', 5: h'beef'}
    }

    @Test
    void structuralRejections() {
        rejects(D, "a10542cafe00", TRAILING_BYTES, null);     // valid map, then 00
        rejects(D, "bf0542cafeff", INDEFINITE_LENGTH, null);  // indefinite map
        rejects(D, "a1055f42ca41feff", INDEFINITE_LENGTH, 5); // {5: (_ h'ca', h'fe')}
        rejects(D, "a105c242cafe", TAG_NOT_ALLOWED, 5);       // {5: 2(h'cafe')} bignum tag
        rejects(D, "d9d9f7a10542cafe", TAG_NOT_ALLOWED, null); // self-described CBOR tag 55799 on the map
        rejects(D, "a105d9d9f742cafe", TAG_NOT_ALLOWED, 5);   // ... and on a value
        rejects(D, "a105fa3f800000", WRONG_TYPE, 5);          // {5: 1.0}
        rejects(D, "a105f5", WRONG_TYPE, 5);                  // {5: true}
        rejects(D, "a10542ca", NOT_WELL_FORMED, 5);           // bstr(2) with one byte left
        rejects(D, "a1055c", NOT_WELL_FORMED, 5);             // reserved additional information 28
        rejects(D, "a105f800", NOT_WELL_FORMED, 5);           // simple(0) in two-byte form
        rejects(D, "a105818181818142cafe", TOO_DEEP, 5);      // five nested arrays
        rejects(D, "a20542cafe", NOT_WELL_FORMED, null);      // map(2) with one entry
        byte[] big = new byte[CborIn.MAX_INPUT + 1];
        big[0] = (byte) 0xa1;
        CojpDecodeException e = org.junit.jupiter.api.Assertions.assertThrows(CojpDecodeException.class,
                () -> JoinRequestCodec.decode(big));
        assertEquals(TOO_LARGE, e.reason());
    }

    @Test
    void embeddedUnsupportedConfiguration() throws Exception {
        // {5: h'cafe', 8: [0, 2, [1, h'00'*16]]}: addinfo echoes a key in its normal structure
        JoinRequest jr = JoinRequestCodec.decode(
                hex("a20542cafe0883000282015000000000000000000000000000000000"));
        UnsupportedParameter p = jr.unsupportedConfiguration().orElseThrow().parameters().get(0);
        assertEquals("82015000000000000000000000000000000000", hex(p.addinfo()));
        rejects(D, "a20542cafe08820003", BAD_TRIPLE_COUNT, 8);    // [0, 3] pair, not triple
        rejects(D, "a20542cafe0880", BAD_TRIPLE_COUNT, 8);        // []
        rejects(D, "a20542cafe08834000f6", WRONG_TYPE, 8);        // code h''
    }
}
