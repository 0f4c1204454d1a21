package io.sixjoin.cbor.cojp;

import static io.sixjoin.cbor.cojp.Fixtures.hex;
import static io.sixjoin.cbor.cojp.Fixtures.key;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** RFC 9031 Appendix A examples and the extra fixtures of cojp.md §9.6: decode, then re-encode byte-exactly. */
class Rfc9031AppendixATest {

    private static void joinRequest(String h, JoinRequest expected) throws Exception {
        assertEquals(expected, JoinRequestCodec.decode(hex(h)));
        assertEquals(h, hex(JoinRequestCodec.encode(expected)));
    }

    private static void configuration(String h, Configuration expected) throws Exception {
        ConfigurationDecodeResult r = ConfigurationCodec.decodeWithReport(hex(h));
        assertEquals(expected, r.configuration());
        assertEquals(List.of(), r.ignored());
        assertEquals(h, hex(ConfigurationCodec.encode(expected)));
    }

    @Test
    void appendixA_joinRequest() throws Exception {
        // a1 map(1) | 05 label 5 network identifier | 42 cafe bstr(2) PAN ID
        JoinRequest jr = JoinRequestCodec.decode(hex("a10542cafe"));
        assertEquals(Optional.empty(), jr.role());
        assertEquals(Role.NODE, jr.effectiveRole());
        joinRequest("a10542cafe", JoinRequest.of(hex("cafe")));
    }

    @Test
    void appendixA_configuration() throws Exception {
        // a2 map(2)
        //   02 label 2 key set | 82 array(2) | 01 key_id 1 | 50 bstr(16) key_value
        //   03 label 3 short id | 81 array(1) | 42 af93 identifier
        String h = "a202820150e6bf4287c2d7618d6a9687445ffd33e6038142af93";
        Configuration c = Configuration.empty()
                .withKeySet(List.of(LinkLayerKey.of(1, hex("e6bf4287c2d7618d6a9687445ffd33e6"))))
                .withShortIdentifier(new ShortIdentifier(hex("af93"), OptionalLong.empty()));
        configuration(h, c);
        LinkLayerKey k = c.keySet().orElseThrow().get(0);
        assertEquals(KeyUsage.K1K2_ENC_MIC32, k.effectiveKeyUsage());
        assertEquals(1, k.keyIdMode());
    }

    @Test
    void joinRequestRows() throws Exception {
        // a2 | 01 01 role 6LBR | 05 42 cafe
        joinRequest("a201010542cafe", new JoinRequest(Optional.of(Role.SIXLBR), hex("cafe"), Optional.empty()));
        // role 0 written explicitly stays explicit
        joinRequest("a201000542cafe", new JoinRequest(Optional.of(Role.NODE), hex("cafe"), Optional.empty()));
        // a2 | 05 42 cafe | 08 83 [00 Unsupported, 03 label 3, f6 null]
        joinRequest("a20542cafe08830003f6", new JoinRequest(Optional.empty(), hex("cafe"), Optional.of(
                UnsupportedConfiguration.of(UnsupportedParameter.withNullAddinfo(
                        UnsupportedCode.UNSUPPORTED, CojpLabel.SHORT_IDENTIFIER)))));
        // ... 08 83 [01 Malformed, 02 label 2, f6]
        joinRequest("a20542cafe08830102f6", new JoinRequest(Optional.empty(), hex("cafe"), Optional.of(
                UnsupportedConfiguration.of(UnsupportedParameter.withNullAddinfo(
                        UnsupportedCode.MALFORMED, CojpLabel.LINK_LAYER_KEY_SET)))));
    }

    @Test
    void diagnosticPayload() throws Exception {
        // 83 array(3) | 00 Unsupported | 07 join rate | f6 null
        UnsupportedConfiguration uc = UnsupportedConfiguration.of(
                UnsupportedParameter.withNullAddinfo(UnsupportedCode.UNSUPPORTED, CojpLabel.JOIN_RATE));
        assertEquals(uc, UnsupportedConfigurationCodec.decode(hex("830007f6")));
        assertEquals("830007f6", hex(UnsupportedConfigurationCodec.encode(uc)));
        assertEquals("830105f6", hex(UnsupportedConfigurationCodec.encode(UnsupportedConfiguration.of(
                UnsupportedParameter.withNullAddinfo(UnsupportedCode.MALFORMED, CojpLabel.NETWORK_IDENTIFIER)))));
    }

    @Test
    void configurationRows() throws Exception {
        // a1 | 02 84 [05 key_id, 01 usage, 50 key, 44 01020304 key source] = Key ID Mode 2
        configuration("a1028405015000112233445566778899aabbccddeeff4401020304", Configuration.empty().withKeySet(
                List.of(new LinkLayerKey(5, Optional.of(KeyUsage.K1K2_ENC_MIC64),
                        hex("00112233445566778899aabbccddeeff"), Optional.of(ByteString.ofHex("01020304"))))));
        // a1 | 02 86 [01, 06 K1-MIC32, 50 11*16, 02, 0c K2-ENC-MIC32, 50 22*16]
        configuration("a1028601065011111111111111111111111111111111020c5022222222222222222222222222222222",
                Configuration.empty().withKeySet(List.of(
                        new LinkLayerKey(1, Optional.of(KeyUsage.K1_MIC32), key(0x11), Optional.empty()),
                        new LinkLayerKey(2, Optional.of(KeyUsage.K2_ENC_MIC32), key(0x22), Optional.empty()))));
        // a1 | 03 82 [42 af93, 18 18 lease 24 hours]
        configuration("a1038242af931818", Configuration.empty()
                .withShortIdentifier(new ShortIdentifier(hex("af93"), OptionalLong.of(24))));
        // a1 | 04 50 2001:db8::1
        configuration("a1045020010db8000000000000000000000001",
                Configuration.empty().withJrcAddress(ByteString.ofHex("20010db8000000000000000000000001")));
        // a1 | 06 80 empty blacklist (clear)
        configuration("a10680", Configuration.empty().withBlacklist(List.of()));
        // a1 | 06 81 [48 pledge EUI-64]
        configuration("a106814800124b0014b5d2a1",
                Configuration.empty().withBlacklist(List.of(ByteString.ofHex("00124b0014b5d2a1"))));
        // a1 | 07 00 join rate 0;  a1 | 07 19 012c join rate 300
        configuration("a10700", Configuration.empty().withJoinRate(0));
        configuration("a10719012c", Configuration.empty().withJoinRate(300));
        // a0: an empty Configuration is valid (every parameter optional)
        configuration("a0", Configuration.empty());
    }
}
