package io.sixjoin.stack.oscore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;

import org.eclipse.californium.cose.AlgorithmID;
import org.eclipse.californium.oscore.OSCoreCtx;
import org.junit.jupiter.api.Test;

/** The guards that stop cf-oscore from deriving something other than what we asked for, and redaction. */
class OscoreContextFactoryTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] SECRET = HEX.parseHex("c0ffee0102030405060708090a0b0c0d");
    private static final byte[] SALT = HEX.parseHex("5a17");
    private static final byte[] EMPTY = {};

    @Test
    void sevenByteIdIsTheLongestForAesCcm16() {
        byte[] seven = HEX.parseHex("01020304050607");
        OSCoreCtx ctx = OscoreContextFactory.create(OscoreContextParameters.of(SECRET, EMPTY, seven, EMPTY, null), false);
        assertArrayEquals(seven, ctx.getSenderId());
        assertEquals(7, OscoreContextFactory.maxIdLength(AlgorithmID.AES_CCM_16_64_128));
    }

    @Test
    void overLongIdsAreRefusedInsteadOfSilentlyReplaced() {
        byte[] eight = HEX.parseHex("0102030405060708");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OscoreContextFactory
                .create(OscoreContextParameters.of(SECRET, EMPTY, eight, EMPTY, null), false));
        assertTrue(e.getMessage().contains("Sender ID"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> OscoreContextFactory
                .create(OscoreContextParameters.of(SECRET, EMPTY, EMPTY, eight, null), false));
        // AES-CCM-64 has a 7-byte nonce, so a 2-byte ID already does not fit.
        assertThrows(IllegalArgumentException.class, () -> OscoreContextFactory.create(OscoreContextParameters
                .of(SECRET, EMPTY, HEX.parseHex("0102"), EMPTY, null).withAead(AlgorithmID.AES_CCM_64_64_128), false));
    }

    @Test
    void missingIdsAreRefusedInsteadOfDefaulted() {
        assertThrows(NullPointerException.class, () -> OscoreContextParameters.of(SECRET, EMPTY, null, EMPTY, null));
        assertThrows(NullPointerException.class, () -> OscoreContextParameters.of(SECRET, EMPTY, EMPTY, null, null));
        assertThrows(IllegalArgumentException.class, () -> OscoreContextParameters.of(EMPTY, EMPTY, EMPTY, EMPTY, null));
    }

    @Test
    void emptyIdsStayEmpty() {
        OSCoreCtx ctx = OscoreContextFactory.create(OscoreContextParameters.of(SECRET, EMPTY, EMPTY, EMPTY, null), false);
        assertEquals(0, ctx.getSenderId().length);
        assertEquals(0, ctx.getRecipientId().length);
    }

    @Test
    void defaultsAndReplayWindow() {
        OSCoreCtx ctx = OscoreContextFactory.create(OscoreContextParameters.of(SECRET, SALT, EMPTY, EMPTY, null), false);
        assertEquals(AlgorithmID.AES_CCM_16_64_128, ctx.getAlg());
        assertEquals(AlgorithmID.HKDF_HMAC_SHA_256, ctx.getKdf());
        assertEquals(32, ctx.getRecipientReplaySize());
        assertEquals(16, ctx.getSenderKey().length);
        assertEquals(13, ctx.getCommonIV().length);
        assertFalse(ctx.getIncludeContextId());
    }

    @Test
    void kidContextNeedsAnIdContext() {
        assertThrows(IllegalArgumentException.class, () -> OscoreContextFactory
                .create(OscoreContextParameters.of(SECRET, EMPTY, EMPTY, EMPTY, null), true));
        OSCoreCtx ctx = OscoreContextFactory.create(
                OscoreContextParameters.of(SECRET, EMPTY, EMPTY, EMPTY, HEX.parseHex("aa")), true);
        assertTrue(ctx.getIncludeContextId());
        assertThrows(IllegalArgumentException.class, () -> OscoreContextFactory
                .create(OscoreContextParameters.of(SECRET, EMPTY, EMPTY, EMPTY, new byte[256]), false));
    }

    @Test
    void unsupportedHkdfIsRefused() {
        OscoreContextParameters p = new OscoreContextParameters(SECRET, EMPTY, EMPTY, EMPTY, null,
                AlgorithmID.AES_CCM_16_64_128, AlgorithmID.HKDF_HMAC_AES_128);
        assertThrows(IllegalArgumentException.class, () -> OscoreContextFactory.create(p, false));
    }

    @Test
    void parametersAreDefensivelyCopied() {
        byte[] secret = SECRET.clone();
        OscoreContextParameters p = OscoreContextParameters.of(secret, SALT, EMPTY, EMPTY, null);
        secret[0] ^= 1;
        assertArrayEquals(SECRET, p.masterSecret());
        p.masterSecret()[0] ^= 1;
        assertArrayEquals(SECRET, p.masterSecret());
    }

    @Test
    void equalityIsByValue() {
        OscoreContextParameters a = OscoreContextParameters.of(SECRET, SALT, EMPTY, HEX.parseHex("01"), null);
        OscoreContextParameters b = OscoreContextParameters.of(SECRET.clone(), SALT.clone(), EMPTY, HEX.parseHex("01"), null);
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, a.peer());
        assertNotEquals(a, OscoreContextParameters.of(SECRET, SALT, EMPTY, HEX.parseHex("01"), EMPTY));
        assertEquals(a, a.peer().peer());
    }

    @Test
    void toStringRedactsSecretAndSalt() {
        String s = OscoreContextParameters.of(SECRET, SALT, HEX.parseHex("0a0b"), HEX.parseHex("4a5243"),
                HEX.parseHex("00124b0014b5d2a1")).toString();
        assertFalse(s.toLowerCase().contains("c0ffee"), s);
        assertFalse(s.toLowerCase().contains("5a17"), s);
        assertTrue(s.contains("redacted"), s);
        assertTrue(s.contains("4a5243") && s.contains("00124b0014b5d2a1"), "identifiers help debugging: " + s);
    }
}
