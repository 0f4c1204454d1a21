package io.sixjoin.stack.lowpan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;

import org.junit.jupiter.api.Test;

import io.sixjoin.stack.lowpan.Ieee802154Address.IidRule;

/** IID derivation: RFC 4944 §6 / RFC 6282 §3.2.2 (U/L flip, short-address form) and OpenWSN's as-is rule. */
class Ieee802154AddressTest {
    static final HexFormat HEX = HexFormat.of();

    @Test
    void extendedAddressesFlipTheUniversalLocalBit() {
        Ieee802154Address a = Ieee802154Address.extended(HEX.parseHex("00124b0001020304"));
        assertEquals("02124b0001020304", HEX.formatHex(a.iid(IidRule.RFC_4944)));
        assertEquals("00124b0001020304", HEX.formatHex(a.iid(IidRule.OPENWSN_EUI64_AS_IS)));
        assertEquals(a, Ieee802154Address.fromIid(a.iid(IidRule.RFC_4944), IidRule.RFC_4944));
    }

    @Test
    void shortAddressesBecome00ffFe00() {
        Ieee802154Address s = Ieee802154Address.shortAddress(0xCAFE);
        assertTrue(s.isShort());
        assertEquals("000000fffe00cafe", HEX.formatHex(s.iid(IidRule.RFC_4944)));
        assertEquals(s, Ieee802154Address.fromIid(s.iid(IidRule.OPENWSN_EUI64_AS_IS), IidRule.RFC_4944));
        assertEquals("ca:fe", s.toString());
    }

    @Test
    void refusesOtherLengths() {
        assertThrows(IllegalArgumentException.class, () -> new Ieee802154Address(new byte[4]));
        assertThrows(IllegalArgumentException.class, () -> Ieee802154Address.shortAddress(0x10000));
    }
}
