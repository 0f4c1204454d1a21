package io.sixjoin.cbor.cojp;

import static io.sixjoin.cbor.cojp.Fixtures.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The record refuses the same keys the decoder refuses, compares by content and never prints key bytes. */
class LinkLayerKeyTest {

    @Test
    void constructorEnforcesRfc9031Rules() {
        assertThrows(IllegalArgumentException.class, () -> LinkLayerKey.of(255, key(1)));       // reserved id
        assertThrows(IllegalArgumentException.class, () -> LinkLayerKey.of(1, new byte[15]));   // short key
        assertThrows(IllegalArgumentException.class, () -> LinkLayerKey.of(0, key(1)));         // mode 0, no peer
        assertThrows(IllegalArgumentException.class, () -> new LinkLayerKey(1, Optional.of(KeyUsage.of(15)),
                key(1), Optional.empty()));                                                        // unknown usage
        assertThrows(IllegalArgumentException.class, () -> new LinkLayerKey(3, Optional.empty(), key(1),
                Optional.of(ByteString.ofHex("0102"))));                                           // 2-byte source
        assertEquals(2, new LinkLayerKey(3, Optional.empty(), key(1),
                Optional.of(ByteString.ofHex("01020304"))).keyIdMode());
    }

    @Test
    void absentUsageIsDistinctFromExplicitZero() {
        LinkLayerKey absent = LinkLayerKey.of(1, key(7));
        LinkLayerKey explicit = new LinkLayerKey(1, Optional.of(KeyUsage.K1K2_ENC_MIC32), key(7), Optional.empty());
        assertEquals(absent.effectiveKeyUsage(), explicit.effectiveKeyUsage());
        assertNotEquals(absent, explicit);
        assertEquals("a102820150" + "07".repeat(16),
                Fixtures.hex(ConfigurationCodec.encode(Configuration.empty().withKeySet(java.util.List.of(absent)))));
        assertEquals("a10283010050" + "07".repeat(16),
                Fixtures.hex(ConfigurationCodec.encode(Configuration.empty().withKeySet(java.util.List.of(explicit)))));
    }

    @Test
    void equalityByContentAndDefensiveCopies() {
        byte[] v = key(9);
        LinkLayerKey a = LinkLayerKey.of(2, v);
        v[0] = 0;
        assertEquals(LinkLayerKey.of(2, key(9)), a);
        assertEquals(LinkLayerKey.of(2, key(9)).hashCode(), a.hashCode());
    }

    @Test
    void toStringIsRedacted() {
        String s = new LinkLayerKey(1, Optional.of(KeyUsage.K2_MIC64), key(0xab), Optional.empty()).toString();
        assertTrue(s.contains("keyValue=[redacted]"), s);
        assertTrue(s.contains("6TiSCH-K2-MIC64"), s);
        assertFalse(s.toLowerCase().contains("abab"), s);
        assertFalse(s.contains("-85"), s);
    }

    @Test
    void registriesStayOpen() {
        assertEquals("unknown(99)", KeyUsage.of(99).toString());
        assertEquals("unknown(42)=42", CojpLabel.of(42).toString());
        assertEquals("join rate", CojpLabel.JOIN_RATE.name());
        assertEquals("Malformed", UnsupportedCode.MALFORMED.toString());
        assertEquals("6LBR", Role.SIXLBR.toString());
        assertFalse(Role.of(5).isKnown());
    }
}
