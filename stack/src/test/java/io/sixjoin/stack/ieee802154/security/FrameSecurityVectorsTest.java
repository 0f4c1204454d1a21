package io.sixjoin.stack.ieee802154.security;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.sixjoin.stack.ieee802154.EnhancedBeacon;
import io.sixjoin.stack.ieee802154.FrameFormatException;
import io.sixjoin.stack.ieee802154.FrameType;
import io.sixjoin.stack.ieee802154.HeaderIe;
import io.sixjoin.stack.ieee802154.Ieee802154Frame;
import io.sixjoin.stack.ieee802154.MacAddress;

/**
 * Published vectors: IEEE 802.15.4-2006 Annex C.2.1 (beacon, MIC-64) and C.2.3 (MAC command, ENC-MIC-64),
 * frame-counter nonces, run through the whole parse / unsecure / secure path. No published vector exists
 * for the TSCH nonce (EUI-64 || ASN), so those frames are checked against {@link ReferenceCcm}, an
 * independent CCM* assembled by hand from the JDK's AES block function.
 */
class FrameSecurityVectorsTest {
    static final LinkKey ANNEX_C_KEY = LinkKey.of(hex("c0c1c2c3c4c5c6c7c8c9cacbcccdcecf"));
    static final byte[] ANNEX_C_SENDER = hex("acde480000000001");
    static final byte[] EUI_1 = hex("1415920000000001");
    static final byte[] EUI_2 = hex("1415920000000002");

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replaceAll("\\s", ""));
    }

    @Test
    void annexC21BeaconMic64() throws Exception {
        byte[] secured = hex("08d0 84 2143 010000000048deac"  // FC (beacon, security, v2006, src ext), seq, src PAN, src
                + "02 05000000"                                // aux: MIC-64, key ID mode 0; frame counter 5
                + "55cf 0000 51 52 53 54"                      // beacon payload (superframe spec, GTS, pending, data)
                + "223bc1ec841ab553");                         // MIC
        Ieee802154Frame frame = Ieee802154Frame.parse(secured);
        FrameSecurity.Unsecured plain = FrameSecurity.unsecure(frame, ANNEX_C_KEY, ANNEX_C_SENDER, 0);
        assertArrayEquals(hex("55cf000051525354"), plain.frame().payload());
        assertNull(plain.frame().security());
        byte[] again = FrameSecurity.secure(plain.frame(), ANNEX_C_KEY, plain.security(), ANNEX_C_SENDER, 0).encode();
        assertArrayEquals(secured, again);
    }

    @Test
    void annexC23CommandEncMic64() throws Exception {
        byte[] secured = hex("2bdc 84 2143 020000000048deac"  // FC (command, security, AR, dst ext, v2006, src ext)
                + "ffff 010000000048deac"                      // src PAN, src
                + "06 05000000"                                // aux: ENC-MIC-64, key ID mode 0, frame counter 5
                + "01"                                         // command ID (association request), in the clear
                + "d8"                                         // encrypted capability information 0xce
                + "4fde529061f9c6f1");                         // MIC
        Ieee802154Frame frame = Ieee802154Frame.parse(secured);
        FrameSecurity.Unsecured plain = FrameSecurity.unsecure(frame, ANNEX_C_KEY, ANNEX_C_SENDER, 0);
        assertArrayEquals(hex("01ce"), plain.frame().payload());
        assertArrayEquals(secured,
                FrameSecurity.secure(plain.frame(), ANNEX_C_KEY, plain.security(), ANNEX_C_SENDER, 0).encode());
    }

    @Test
    void openWsnDataFrameEncMic32MatchesReferenceCcm() throws Exception {
        LinkKey k2 = LinkKey.of(hex("000102030405060708090a0b0c0d0e0f"));
        long asn = 0x0000012345L;
        Ieee802154Frame plain = Ieee802154Frame.builder(FrameType.DATA).sequenceNumber(9).ackRequest(true)
                .destination(MacAddress.extended(EUI_2)).source(MacAddress.extended(EUI_1)).pan(0xCAFE)
                .payload(hex("7a331122")).build();
        Ieee802154Frame secured = FrameSecurity.secure(plain, k2, 1, SecurityLevel.ENC_MIC_32, EUI_1, asn);
        byte[] header = hex("29ec 09 feca 0200000000921514 0100000000921514" // FC now with security enabled
                + "6d 01");                                    // aux: ENC-MIC-32, key ID mode 1, FC suppressed, ASN in nonce; key index 1
        byte[] nonce = hex("1415920000000001 0000012345");  // EUI-64 || ASN, big-endian
        byte[] expected = concat(header, ReferenceCcm.seal(k2.value(), nonce, header, hex("7a331122"), 4));
        assertArrayEquals(expected, secured.encode());
        assertEquals(plain, FrameSecurity.unsecure(Ieee802154Frame.parse(expected), k2, EUI_1, asn).frame());
    }

    @Test
    void enhancedBeaconMic32MatchesReferenceCcm() throws Exception {
        LinkKey k1 = LinkKey.of(hex("11111111111111111111111111111111"));
        long asn = 0xAB_0000_0001L;
        Ieee802154Frame eb = EnhancedBeacon.builder(0xCAFE, MacAddress.extended(EUI_1)).sequenceNumber(3)
                .asn(asn).joinMetric(0).build();
        Ieee802154Frame secured = FrameSecurity.secure(eb, k1, 1, SecurityLevel.MIC_32, EUI_1, asn);
        byte[] plainBytes = eb.encode();
        // MIC-only: security bit set, aux "69 01" inserted before the IEs, everything authenticated, nothing encrypted.
        byte[] header = concat(hex("48ea 03 feca ffff 0100000000921514 6901"), hex("003f"));
        byte[] body = java.util.Arrays.copyOfRange(plainBytes, 17, plainBytes.length); // after HT1
        byte[] nonce = hex("1415920000000001 ab00000001");
        byte[] mic = ReferenceCcm.seal(k1.value(), nonce, concat(header, body), new byte[0], 4);
        assertArrayEquals(concat(concat(header, body), mic), secured.encode());
        // A pledge without K1 reads it unverified, then verifies once it has the key.
        Ieee802154Frame received = Ieee802154Frame.parse(secured.encode());
        assertEquals(eb, FrameSecurity.unverified(received).frame());
        assertEquals(asn, EnhancedBeacon.read(FrameSecurity.unsecure(received, k1, EUI_1, asn).frame()).asn());
    }

    @Test
    void enhancedAckEncMic32HasTheMicRightAfterTheTimeCorrectionIe() throws Exception {
        LinkKey k2 = LinkKey.of(hex("deadbeeffacecafedeadbeeffacecafe"));
        Ieee802154Frame ack = Ieee802154Frame.builder(FrameType.ACK).sequenceNumber(9)
                .destination(MacAddress.extended(EUI_1)).source(MacAddress.extended(EUI_2)).pan(0xCAFE)
                .headerIes(List.of(new HeaderIe.TimeCorrection(100, false))).build();
        Ieee802154Frame secured = FrameSecurity.secure(ack, k2, 1, SecurityLevel.ENC_MIC_32, EUI_2, 77);
        byte[] header = hex("0aee 09 feca 0100000000921514 0200000000921514 6d01 020f 6400");
        byte[] mic = ReferenceCcm.seal(k2.value(), hex("1415920000000002 000000004d"), header, new byte[0], 4);
        assertArrayEquals(concat(header, mic), secured.encode());
        Ieee802154Frame parsed = parse(concat(header, mic));
        assertEquals(List.of(new HeaderIe.TimeCorrection(100, false)), parsed.headerIes());
        assertEquals(ack, FrameSecurity.unsecure(parsed, k2, EUI_2, 77).frame());
    }

    private static Ieee802154Frame parse(byte[] bytes) throws FrameFormatException {
        return Ieee802154Frame.parse(bytes);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
