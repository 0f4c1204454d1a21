package io.sixjoin.stack.cojp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.oscore.OSCoreCtx;
import org.junit.jupiter.api.Test;

import io.sixjoin.stack.oscore.OscoreContextParameters;

/** The RFC 9031 §7.3 identifiers, the §7.2/§8.5 numbers and secret hygiene of the CoJP profile. */
class CojpOscoreProfileTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final String PSK_HEX = "d00dfeedcafebabe0123456789abcdef";
    private static final PreSharedKey PSK = PreSharedKey.parse(PSK_HEX);
    private static final PledgeId PLEDGE = PledgeId.parse("00:12:4b:00:14:b5:d2:a1");

    @Test
    void identifiersOfRfc9031Section7_3() {
        OscoreContextParameters pledge = CojpOscoreProfile.pledgeParameters(PSK, PLEDGE);
        assertArrayEquals(new byte[0], pledge.senderId());
        assertArrayEquals(HEX.parseHex("4a5243"), pledge.recipientId());
        assertArrayEquals(PLEDGE.bytes(), pledge.idContext());
        assertArrayEquals(new byte[0], pledge.masterSalt());
        assertArrayEquals(PSK.secret(), pledge.masterSecret());
        assertEquals(OscoreContextParameters.DEFAULT_AEAD, pledge.aead());
        assertEquals(pledge.peer(), CojpOscoreProfile.jrcParameters(PSK, PLEDGE));
        assertArrayEquals("JRC".getBytes(java.nio.charset.StandardCharsets.US_ASCII), CojpOscoreProfile.jrcId());
    }

    @Test
    void onlyThePledgeSendsTheKidContext() {
        OSCoreCtx pledge = CojpOscoreProfile.pledgeContext(PSK, PLEDGE);
        OSCoreCtx jrc = CojpOscoreProfile.jrcContext(PSK, PLEDGE);
        assertTrue(pledge.getIncludeContextId());
        assertFalse(jrc.getIncludeContextId());
        assertArrayEquals(PLEDGE.bytes(), jrc.getIdContext());
    }

    @Test
    void jrcIdIsACopy() {
        CojpOscoreProfile.jrcId()[0] = 0;
        assertArrayEquals(HEX.parseHex("4a5243"), CojpOscoreProfile.jrcId());
    }

    @Test
    void numbersOfTables1And8() {
        assertEquals(Duration.ofSeconds(10), CojpOscoreProfile.ACK_TIMEOUT);
        assertEquals(1.5, CojpOscoreProfile.ACK_RANDOM_FACTOR);
        assertEquals(4, CojpOscoreProfile.MAX_RETRANSMIT);
        assertEquals(1, CojpOscoreProfile.NSTART);
        assertEquals(Duration.ofSeconds(5), CojpOscoreProfile.DEFAULT_LEISURE);
        assertEquals(1.0, CojpOscoreProfile.PROBING_RATE);
        assertEquals(4, CojpOscoreProfile.COJP_MAX_JOIN_ATTEMPTS);
        assertEquals(Duration.ofSeconds(12), CojpOscoreProfile.COJP_REKEYING_GUARD_TIME);
        assertEquals("6tisch.arpa", CojpOscoreProfile.URI_HOST);
        assertEquals("j", CojpOscoreProfile.URI_PATH);
    }

    @Test
    void joinTimeConfiguration() {
        Configuration c = CojpOscoreProfile.joinTimeConfiguration();
        assertEquals(10_000L, c.get(CoapConfig.ACK_TIMEOUT, TimeUnit.MILLISECONDS));
        assertEquals(1.5f, c.get(CoapConfig.ACK_INIT_RANDOM));
        assertEquals(4, c.get(CoapConfig.MAX_RETRANSMIT));
        assertEquals(1, c.get(CoapConfig.NSTART));
        assertEquals(5_000L, c.get(CoapConfig.LEISURE, TimeUnit.MILLISECONDS));
        assertEquals(1.0f, c.get(CoapConfig.PROBING_RATE));
        // RFC 7252 §4.8.2 with the Table 1 values (cojp.md §3.6): 465 s, 435 s; last back-off 10·1.5·2^4.
        assertEquals(465_000L, c.get(CoapConfig.MAX_TRANSMIT_WAIT, TimeUnit.MILLISECONDS));
        assertEquals(435_000L, c.get(CoapConfig.EXCHANGE_LIFETIME, TimeUnit.MILLISECONDS));
        assertEquals(325_000L, c.get(CoapConfig.NON_LIFETIME, TimeUnit.MILLISECONDS));
        assertEquals(240_000L, c.get(CoapConfig.MAX_ACK_TIMEOUT, TimeUnit.MILLISECONDS));
        // Each call is independent, so one endpoint's tweaks never leak into another's.
        c.set(CoapConfig.NSTART, 3);
        assertEquals(1, CojpOscoreProfile.joinTimeConfiguration().get(CoapConfig.NSTART));
    }

    @Test
    void noKeyMaterialInToString() {
        OSCoreCtx pledge = CojpOscoreProfile.pledgeContext(PSK, PLEDGE);
        String[] texts = {
            CojpOscoreProfile.pledgeParameters(PSK, PLEDGE).toString(),
            CojpOscoreProfile.jrcParameters(PSK, PLEDGE).toString(),
            PSK.toString(),
        };
        String[] secrets = {PSK_HEX, HEX.formatHex(pledge.getSenderKey()), HEX.formatHex(pledge.getRecipientKey()),
            PSK_HEX.substring(0, 8)};
        for (String text : texts) {
            for (String secret : secrets) {
                assertFalse(text.toLowerCase().contains(secret), text);
            }
        }
    }
}
