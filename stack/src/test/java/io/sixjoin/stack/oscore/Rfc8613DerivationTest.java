package io.sixjoin.stack.oscore;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HexFormat;

import org.eclipse.californium.oscore.OSCoreCtx;
import org.junit.jupiter.api.Test;

/**
 * RFC 8613 Appendix C.1–C.3: keys, Common IV and the nonces for Partial IV 0, for both ends, derived through
 * {@link OscoreContextFactory} (the production path) rather than by re-implementing HKDF here.
 */
class Rfc8613DerivationTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] SECRET = HEX.parseHex("0102030405060708090a0b0c0d0e0f10");
    private static final byte[] SALT = HEX.parseHex("9e7ca92223786340");
    private static final byte[] NO_SALT = {};
    private static final byte[] EMPTY = {};

    private record Expected(String clientSenderKey, String clientRecipientKey, String commonIv,
            String clientSenderNonce, String clientRecipientNonce) {
    }

    private static void check(OscoreContextParameters client, Expected e) {
        OSCoreCtx c = OscoreContextFactory.create(client, false);
        assertEquals(e.clientSenderKey(), HEX.formatHex(c.getSenderKey()), "client Sender Key");
        assertEquals(e.clientRecipientKey(), HEX.formatHex(c.getRecipientKey()), "client Recipient Key");
        assertEquals(e.commonIv(), HEX.formatHex(c.getCommonIV()), "client Common IV");
        assertEquals(e.clientSenderNonce(), HEX.formatHex(OscoreNonce.sender(c, 0)), "client sender nonce");
        assertEquals(e.clientRecipientNonce(), HEX.formatHex(OscoreNonce.recipient(c, 0)), "client recipient nonce");

        OSCoreCtx s = OscoreContextFactory.create(client.peer(), false);
        assertEquals(e.clientRecipientKey(), HEX.formatHex(s.getSenderKey()), "server Sender Key");
        assertEquals(e.clientSenderKey(), HEX.formatHex(s.getRecipientKey()), "server Recipient Key");
        assertEquals(e.commonIv(), HEX.formatHex(s.getCommonIV()), "server Common IV");
        assertEquals(e.clientRecipientNonce(), HEX.formatHex(OscoreNonce.sender(s, 0)), "server sender nonce");
        assertEquals(e.clientSenderNonce(), HEX.formatHex(OscoreNonce.recipient(s, 0)), "server recipient nonce");
    }

    @Test
    void rfc8613_c1_masterSaltEmptyClientIdNoIdContext() {
        check(OscoreContextParameters.of(SECRET, SALT, EMPTY, HEX.parseHex("01"), null), new Expected(
                "f0910ed7295e6ad4b54fc793154302ff",
                "ffb14e093c94c9cac9471648b4f98710",
                "4622d4dd6d944168eefb54987c",
                "4622d4dd6d944168eefb54987c",
                "4722d4dd6d944169eefb54987c"));
    }

    @Test
    void rfc8613_c2_noMasterSalt() {
        check(OscoreContextParameters.of(SECRET, NO_SALT, HEX.parseHex("00"), HEX.parseHex("01"), null), new Expected(
                "321b26943253c7ffb6003b0b64d74041",
                "e57b5635815177cd679ab4bcec9d7dda",
                "be35ae297d2dace910c52e99f9",
                "bf35ae297d2dace910c52e99f9",
                "bf35ae297d2dace810c52e99f9"));
    }

    @Test
    void rfc8613_c3_withIdContext() {
        check(OscoreContextParameters.of(SECRET, SALT, EMPTY, HEX.parseHex("01"), HEX.parseHex("37cbf3210017a2d3")),
                new Expected(
                        "af2a1300a5e95788b356336eeecd2b92",
                        "e39a0c7c77b43f03b4b39ab9a268699f",
                        "2ca58fb85ff1b81c0b7181b85e",
                        "2ca58fb85ff1b81c0b7181b85e",
                        "2da58fb85ff1b81d0b7181b85e"));
    }

    @Test
    void rfc8613_c4_nonceForSequenceNumber20() {
        OSCoreCtx c = OscoreContextFactory.create(
                OscoreContextParameters.of(SECRET, SALT, EMPTY, HEX.parseHex("01"), null), false);
        assertEquals("4622d4dd6d944168eefb549868", HEX.formatHex(OscoreNonce.sender(c, 20)));
        assertEquals("14", HEX.formatHex(OscoreNonce.partialIv(20)));
        assertEquals("00", HEX.formatHex(OscoreNonce.partialIv(0)));
    }

    @Test
    void absentAndEmptyIdContextDeriveDifferentKeys() {
        // nil and h'' are different CBOR in the info structure; conflating them would break interop.
        OSCoreCtx absent = OscoreContextFactory.create(OscoreContextParameters.of(SECRET, SALT, EMPTY, EMPTY, null), false);
        OSCoreCtx empty = OscoreContextFactory.create(OscoreContextParameters.of(SECRET, SALT, EMPTY, EMPTY, EMPTY), false);
        org.junit.jupiter.api.Assertions.assertNotEquals(HEX.formatHex(absent.getSenderKey()),
                HEX.formatHex(empty.getSenderKey()));
    }
}
