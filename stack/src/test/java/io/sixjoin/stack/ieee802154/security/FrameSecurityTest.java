package io.sixjoin.stack.ieee802154.security;

import static io.sixjoin.stack.ieee802154.security.FrameSecurityVectorsTest.EUI_1;
import static io.sixjoin.stack.ieee802154.security.FrameSecurityVectorsTest.EUI_2;
import static io.sixjoin.stack.ieee802154.security.FrameSecurityVectorsTest.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.sixjoin.stack.ieee802154.FrameFormatException;
import io.sixjoin.stack.ieee802154.FrameGenerator;
import io.sixjoin.stack.ieee802154.FrameType;
import io.sixjoin.stack.ieee802154.Ieee802154Frame;
import io.sixjoin.stack.ieee802154.MacAddress;
import io.sixjoin.stack.ieee802154.security.FrameSecurityException.Reason;

/** Round trips at every level, and the typed failures a receiver counts. */
class FrameSecurityTest {
    static final LinkKey KEY = LinkKey.of(hex("00112233445566778899aabbccddeeff"));
    static final LinkKey OTHER_KEY = LinkKey.of(hex("ffeeddccbbaa99887766554433221100"));

    static Ieee802154Frame data() {
        return Ieee802154Frame.builder(FrameType.DATA).sequenceNumber(1).destination(MacAddress.extended(EUI_2))
                .source(MacAddress.extended(EUI_1)).pan(0xCAFE).payload(hex("0102030405060708090a0b0c0d0e0f10ff"))
                .build();
    }

    @ParameterizedTest
    @EnumSource(value = SecurityLevel.class, names = {"NONE", "ENC"}, mode = EnumSource.Mode.EXCLUDE)
    void randomFramesRoundTripAtEveryLevel(SecurityLevel level) throws Exception {
        Random random = new Random(level.value());
        for (int i = 0; i < 500; i++) {
            Ieee802154Frame plain = FrameGenerator.plain(random, false);
            long asn = random.nextLong() & 0xFF_FFFF_FFFFL;
            Ieee802154Frame secured = FrameSecurity.secure(plain, KEY, 1 + random.nextInt(254), level, EUI_1, asn);
            byte[] onAir = secured.encodeWithFcs();
            Ieee802154Frame received = Ieee802154Frame.parseWithFcs(onAir);
            assertEquals(secured, received);
            FrameSecurity.Unsecured back = FrameSecurity.unsecure(received, KEY, EUI_1, asn);
            assertEquals(plain, back.frame(), "case " + i);
            assertEquals(level, back.security().level());
            if (level.encrypted() && plain.bodyBytes().length > 3) {
                assertFalse(new String(received.payload(), java.nio.charset.StandardCharsets.ISO_8859_1).contains(
                        new String(plain.bodyBytes(), java.nio.charset.StandardCharsets.ISO_8859_1)), "encrypted");
            }
        }
    }

    @Test
    void wrongKeyAsnSenderOrAnyFlippedBitFailAuthentication() throws FrameFormatException {
        Ieee802154Frame secured = FrameSecurity.secure(data(), KEY, 1, SecurityLevel.ENC_MIC_32, EUI_1, 1000);
        assertAuthFails(secured, OTHER_KEY, EUI_1, 1000);
        assertAuthFails(secured, KEY, EUI_1, 1001);
        assertAuthFails(secured, KEY, EUI_2, 1000);
        byte[] bytes = secured.encode();
        for (int i = 0; i < bytes.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] tampered = bytes.clone();
                tampered[i] ^= (byte) (1 << bit);
                Ieee802154Frame parsed;
                try {
                    parsed = Ieee802154Frame.parse(tampered);
                } catch (FrameFormatException e) {
                    continue; // the header no longer parses: dropped before security
                }
                if (parsed.security() == null) {
                    continue; // security bit cleared: a plain frame, refused by policy, not by FrameSecurity
                }
                FrameSecurityException e = assertThrows(FrameSecurityException.class,
                        () -> FrameSecurity.unsecure(parsed, KEY, EUI_1, 1000), "byte " + i + " bit " + bit);
                assertTrue(e.reason() == Reason.AUTHENTICATION_FAILED || e.reason() == Reason.UNSUPPORTED_LEVEL,
                        e.getMessage());
            }
        }
    }

    private static void assertAuthFails(Ieee802154Frame f, LinkKey key, byte[] sender, long asn) {
        assertEquals(Reason.AUTHENTICATION_FAILED,
                assertThrows(FrameSecurityException.class, () -> FrameSecurity.unsecure(f, key, sender, asn)).reason());
    }

    @Test
    void misuseIsTyped() throws Exception {
        assertEquals(Reason.NOT_SECURED, assertThrows(FrameSecurityException.class,
                () -> FrameSecurity.unsecure(data(), KEY, EUI_1, 0)).reason());
        Ieee802154Frame encrypted = FrameSecurity.secure(data(), KEY, 1, SecurityLevel.ENC_MIC_64, EUI_1, 5);
        assertEquals(Reason.UNSUPPORTED_LEVEL, assertThrows(FrameSecurityException.class,
                () -> FrameSecurity.unverified(encrypted)).reason());
        Ieee802154Frame level4 = data().withSecuredBody(AuxSecurityHeader.tsch(SecurityLevel.ENC, 1), hex("00"));
        assertEquals(Reason.UNSUPPORTED_LEVEL, assertThrows(FrameSecurityException.class,
                () -> FrameSecurity.unsecure(level4, KEY, EUI_1, 0)).reason());
        assertEquals(Reason.UNSUPPORTED_FRAME, assertThrows(FrameSecurityException.class,
                () -> FrameSecurity.unsecure(encrypted, KEY, new byte[2], 5)).reason());
        assertThrows(IllegalArgumentException.class,
                () -> FrameSecurity.secure(encrypted, KEY, 1, SecurityLevel.MIC_32, EUI_1, 0));
        assertThrows(IllegalArgumentException.class,
                () -> FrameSecurity.secure(data(), KEY, 1, SecurityLevel.ENC, EUI_1, 0));
        Ieee802154Frame level0 = data().withSecuredBody(AuxSecurityHeader.tsch(SecurityLevel.NONE, 1), hex("00"));
        assertEquals(Reason.UNSUPPORTED_LEVEL, assertThrows(FrameSecurityException.class,
                () -> FrameSecurity.unsecure(level0, KEY, EUI_1, 0)).reason());
    }

    @Test
    void auxiliaryHeaderAsOpenWsnSendsIt() throws FrameFormatException {
        AuxSecurityHeader aux = AuxSecurityHeader.tsch(SecurityLevel.ENC_MIC_32, 1);
        byte[] bytes = new byte[aux.encodedLength()];
        aux.emitTo(bytes, 0);
        assertEquals("6d01", java.util.HexFormat.of().formatHex(bytes));
        assertEquals(aux, AuxSecurityHeader.parse(bytes, 0, bytes.length));
        AuxSecurityHeader mode3 = new AuxSecurityHeader(SecurityLevel.MIC_128, 3, 0x01020304L, false,
                hex("0011223344556677"), 9);
        byte[] m3 = new byte[mode3.encodedLength()];
        mode3.emitTo(m3, 0);
        assertEquals("1b" + "04030201" + "0011223344556677" + "09", java.util.HexFormat.of().formatHex(m3));
        assertEquals(mode3, AuxSecurityHeader.parse(m3, 0, m3.length));
    }

    @Test
    void keysNeverPrint() {
        assertEquals("LinkKey[redacted]", KEY.toString());
        assertFalse(KEY.toString().contains("0011"));
        assertEquals(KEY, LinkKey.of(KEY.value()));
    }
}
