package io.sixjoin.stack.cojp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sixjoin.cbor.cojp.ConfigurationCodec;
import io.sixjoin.cbor.cojp.ConfigurationDecodeResult;
import io.sixjoin.cbor.cojp.JoinRequest;
import io.sixjoin.cbor.cojp.UnsupportedConfigurationCodec;
import io.sixjoin.stack.cojp.PledgeJoinExchange.Answer;
import io.sixjoin.stack.cojp.PledgeJoinExchange.Protected;
import io.sixjoin.stack.oscore.SingleContextDb;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.SplittableRandom;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.CoAP.Type;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.coap.Token;
import org.eclipse.californium.core.network.serialization.UdpDataSerializer;
import org.eclipse.californium.oscore.OSCoreCtx;
import org.eclipse.californium.oscore.ResponseEncryptor;
import org.junit.jupiter.api.Test;

/**
 * The pledge's side of the join against the cojp.md §9.4 vector (computed independently of cf-oscore), and RFC 9031
 * §7.3.2's rule that anything not protected with the pledge's own context is discarded, including under fuzzing.
 */
class PledgeJoinExchangeTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final int CASES = Integer.getInteger("sixjoin.fuzz.cases", 100_000);
    private static final PreSharedKey PSK = PreSharedKey.parse("0102030405060708090a0b0c0d0e0f10");
    private static final PledgeId PLEDGE = PledgeId.parse("00124b0014b5d2a1");
    private static final byte[] CAFE = HEX.parseHex("cafe");
    /** RFC 9031 App. A configuration: key_id 1 and short address af93. */
    private static final byte[] CONFIGURATION = HEX.parseHex("a202820150e6bf4287c2d7618d6a9687445ffd33e6038142af93");

    /** cojp.md §9.4: CON, MID 0x0001, TKL 0; Uri-Host, OSCORE {19 00 08 <pledge id>}, Proxy-Scheme; ciphertext. */
    private static final String JOIN_REQUEST_9_4 = "40020001" // Ver 1, CON, TKL 0 | 0.02 POST | MID 0x0001
            + "3b" + "3674697363682e61727061"                   // Uri-Host (3), 11 bytes "6tisch.arpa"
            + "6b" + "19000800124b0014b5d2a1"                   // OSCORE (3+6=9), 11 bytes: h=1 k=1 n=1, PIV 00
            + "d411" + "636f6170"                               // Proxy-Scheme (9+13+17=39), 4 bytes "coap"
            + "ff" + "6ee13aad417503fd75f26d50233dee7128";      // payload: ciphertext and 8-byte tag
    private static final String JOIN_RESPONSE_CIPHERTEXT_9_4 =
            "2cc68c4f2cebc2feee56427f0a54786e004470aa2200e832be0cea3a85460691a62b3f75";

    private static PledgeJoinExchange pledge() {
        return new PledgeJoinExchange(PSK, PLEDGE);
    }

    /** An answer as the JRC builds it: a 2.04-wrapped response reusing the request nonce (no Partial IV). */
    private static byte[] answer(OSCoreCtx jrc, int requestSeq, ResponseCode code, byte[] payload, Token token)
            throws Exception {
        Response r = new Response(code);
        r.setType(Type.ACK);
        r.setMID(0x0001);
        r.setToken(token);
        r.setPayload(payload);
        Response p = ResponseEncryptor.encrypt(new SingleContextDb(jrc), r, jrc, false, false, requestSeq);
        return new UdpDataSerializer().getByteArray(p);
    }

    private static byte[] joinResponse() throws Exception {
        return answer(CojpOscoreProfile.jrcContext(PSK, PLEDGE), 0, ResponseCode.CHANGED, CONFIGURATION, Token.EMPTY);
    }

    @Test
    void joinRequestIsTheSection9_4VectorByteForByte() {
        PledgeJoinExchange p = pledge();
        Protected r = p.protect(JoinRequest.of(CAFE), Type.CON, 0x0001, Token.EMPTY);
        assertEquals(JOIN_REQUEST_9_4, HEX.formatHex(r.datagram()));
        assertEquals(0, r.sequence());
        assertEquals(1, p.nextSequence(), "every request consumes a sequence number");
        Protected second = p.protect(JoinRequest.of(CAFE), Type.CON, 0x0002, Token.EMPTY);
        assertEquals(1, second.sequence());
        assertTrue(!Arrays.equals(r.datagram(), second.datagram()), "a new Partial IV, a new ciphertext");
    }

    @Test
    void joinResponseOfSection9_4UnprotectsToJoined() throws Exception {
        byte[] datagram = joinResponse();
        // 2.04 outer code, empty OSCORE option (delta 9, length 0 = 0x90), then the §9.4 ciphertext
        assertEquals("60440001" + "90" + "ff" + JOIN_RESPONSE_CIPHERTEXT_9_4, HEX.formatHex(datagram));
        PledgeJoinExchange p = pledge();
        int seq = p.protect(JoinRequest.of(CAFE), Type.CON, 0x0001, Token.EMPTY).sequence();
        Answer.Joined joined = assertInstanceOf(Answer.Joined.class, p.unprotect(datagram, seq));
        assertEquals(ConfigurationCodec.decodeWithReport(CONFIGURATION), joined.configuration());
        assertEquals(0xaf93, joined.configuration().configuration().shortIdentifier().orElseThrow().shortAddress());
    }

    @Test
    void protectedDiagnosticIsRefused() throws Exception {
        byte[] diagnostic = HEX.parseHex("830105f6"); // [1, 5, null]: Malformed network identifier
        byte[] d = answer(CojpOscoreProfile.jrcContext(PSK, PLEDGE), 0, ResponseCode.BAD_REQUEST, diagnostic,
                Token.EMPTY);
        Answer.Refused r = assertInstanceOf(Answer.Refused.class, pledge().unprotect(d, 0));
        assertEquals(UnsupportedConfigurationCodec.decode(diagnostic), r.diagnostic());
    }

    @Test
    void protectedButUnexpectedAnswersAreInvalid() throws Exception {
        OSCoreCtx jrc = CojpOscoreProfile.jrcContext(PSK, PLEDGE);
        assertInstanceOf(Answer.Invalid.class,
                pledge().unprotect(answer(jrc, 0, ResponseCode.CONTENT, CONFIGURATION, Token.EMPTY), 0));
        // a 2.04 whose Configuration violates the CDDL (key set with a 15-byte key)
        byte[] badKey = HEX.parseHex("a10282014f" + "00".repeat(15));
        assertInstanceOf(Answer.Invalid.class,
                pledge().unprotect(answer(jrc, 0, ResponseCode.CHANGED, badKey, Token.EMPTY), 0));
        // a 4.00 whose payload is not an Unsupported_Configuration
        assertInstanceOf(Answer.Invalid.class,
                pledge().unprotect(answer(jrc, 0, ResponseCode.BAD_REQUEST, HEX.parseHex("a0"), Token.EMPTY), 0));
    }

    @Test
    void unprotectedAnswersAreDiscardedWhateverTheirCode() {
        PledgeJoinExchange p = pledge();
        // 2.04 with the App. A configuration in clear, and a 4.01 a forger might send to push the pledge away
        assertInstanceOf(Answer.Discarded.class,
                p.unprotect(HEX.parseHex("60440001ff" + HEX.formatHex(CONFIGURATION)), 0));
        assertInstanceOf(Answer.Discarded.class, p.unprotect(HEX.parseHex("60810001"), 0));
        // an empty ACK and a RST are not responses at all
        assertInstanceOf(Answer.Discarded.class, p.unprotect(HEX.parseHex("60000001"), 0));
        assertInstanceOf(Answer.Discarded.class, p.unprotect(HEX.parseHex("70000001"), 0));
        // a request coming back
        assertInstanceOf(Answer.Discarded.class, p.unprotect(HEX.parseHex(JOIN_REQUEST_9_4), 0));
    }

    @Test
    void garbageIsDiscarded() {
        PledgeJoinExchange p = pledge();
        for (String g : new String[] {"", "00", "ff", "60", "604400", "ffffffffffffffff", "4f440001"}) {
            assertInstanceOf(Answer.Discarded.class, p.unprotect(HEX.parseHex(g), 0), g);
        }
    }

    @Test
    void responseProtectedForAnotherPledgeOrAnotherRequestIsDiscarded() throws Exception {
        PledgeId other = PledgeId.parse("00124b0014b5d2a2");
        byte[] forOther = answer(CojpOscoreProfile.jrcContext(PSK, other), 0, ResponseCode.CHANGED, CONFIGURATION,
                Token.EMPTY);
        assertInstanceOf(Answer.Discarded.class, pledge().unprotect(forOther, 0));
        byte[] otherPsk = answer(CojpOscoreProfile.jrcContext(PreSharedKey.parse("ff".repeat(16)), PLEDGE), 0,
                ResponseCode.CHANGED, CONFIGURATION, Token.EMPTY);
        assertInstanceOf(Answer.Discarded.class, pledge().unprotect(otherPsk, 0));
        // the right context, but bound to request 0: it must not be taken as the answer to request 1
        assertInstanceOf(Answer.Discarded.class, pledge().unprotect(joinResponse(), 1));
        // the pledge's own context as sender (a reflected message): wrong key direction
        byte[] reflected = answer(CojpOscoreProfile.pledgeContext(PSK, PLEDGE), 0, ResponseCode.CHANGED,
                CONFIGURATION, Token.EMPTY);
        assertInstanceOf(Answer.Discarded.class, pledge().unprotect(reflected, 0));
    }

    @Test
    void everyTruncationIsDiscarded() throws Exception {
        byte[] full = joinResponse();
        PledgeJoinExchange p = pledge();
        for (int n = 0; n < full.length; n++) {
            Answer a = p.unprotect(Arrays.copyOf(full, n), 0);
            assertInstanceOf(Answer.Discarded.class, a, "first " + n + " bytes");
        }
        assertInstanceOf(Answer.Joined.class, p.unprotect(full, 0), "the context survived the failures");
    }

    @Test
    void sequenceNumberCannotBeSetOutsideWhatTheContextCanHold() {
        PledgeJoinExchange p = pledge();
        p.setNextSequence(Integer.MAX_VALUE - 1L);
        assertEquals(Integer.MAX_VALUE - 1L, p.nextSequence());
        // a silent (int) cast would restart at a used number: nonce reuse under the PSK
        assertThrows(IllegalArgumentException.class, () -> p.setNextSequence(1L << 32));
        assertThrows(IllegalArgumentException.class, () -> p.setNextSequence(-1));
        assertEquals(Integer.MAX_VALUE - 1L, p.nextSequence());
    }

    private enum Kind { JOINED, REFUSED, INVALID, DISCARDED }

    /**
     * Random datagrams, random CoAP responses with an OSCORE option, and mutations of the real answer: only Answer
     * values come out, and a mutation judged Joined must carry exactly the configuration the JRC sent (the AEAD
     * covers it; only header fields outside OSCORE may change).
     */
    @Test
    void fuzzedAnswersNeverThrowAndNeverForgeAConfiguration() throws Exception {
        byte[] valid = joinResponse();
        ConfigurationDecodeResult expected = ConfigurationCodec.decodeWithReport(CONFIGURATION);
        PledgeJoinExchange p = pledge();
        SplittableRandom rnd = new SplittableRandom(0x5eed_0003L);
        Map<Kind, Integer> seen = new EnumMap<>(Kind.class);
        long start = System.nanoTime();
        // cf-oscore 3.13 prints a stack trace for every failed tag (EncryptCommon.AES_CCM_Decrypt); tens of
        // thousands of them would dominate the run time and bury the report, so stderr is counted, not printed
        PrintStream stderr = System.err;
        CountingStream swallowed = new CountingStream();
        System.setErr(new PrintStream(swallowed, true));
        try {
            fuzz(p, valid, expected, rnd, seen);
        } finally {
            System.setErr(stderr);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(seen.getOrDefault(Kind.DISCARDED, 0) > CASES / 2, seen::toString);
        assertTrue(seen.getOrDefault(Kind.JOINED, 0) > 0, () -> "mutations of header fields still join: " + seen);
        assertInstanceOf(Answer.Joined.class, p.unprotect(valid, 0), "the context survived the fuzzing");
        System.out.println("PledgeJoinExchange fuzz: " + CASES + " cases in " + millis + " ms, " + seen
                + "; cf-oscore wrote " + swallowed.bytes + " bytes to stderr");
    }

    /** Counts and drops what is written to it. */
    static final class CountingStream extends OutputStream {
        long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }

    private static void fuzz(PledgeJoinExchange p, byte[] valid, ConfigurationDecodeResult expected,
            SplittableRandom rnd, Map<Kind, Integer> seen) {
        for (int i = 0; i < CASES; i++) {
            byte[] d = switch (rnd.nextInt(4)) {
                case 0 -> randomBytes(rnd, rnd.nextInt(48));
                case 1 -> randomOscoreResponse(rnd);
                default -> mutate(rnd, valid);
            };
            byte[] copy = d.clone();
            Answer a;
            try {
                a = p.unprotect(d, rnd.nextInt(8) == 0 ? rnd.nextInt() : 0);
            } catch (RuntimeException e) {
                throw new AssertionError("unprotect threw on " + HEX.formatHex(copy), e);
            }
            assertNotNull(a, () -> HEX.formatHex(copy));
            Kind k;
            if (a instanceof Answer.Joined j) {
                assertEquals(expected, j.configuration(), () -> "forged: " + HEX.formatHex(copy));
                k = Kind.JOINED;
            } else if (a instanceof Answer.Refused) {
                k = Kind.REFUSED;
            } else if (a instanceof Answer.Invalid) {
                k = Kind.INVALID;
            } else {
                k = Kind.DISCARDED;
            }
            seen.merge(k, 1, Integer::sum);
        }
    }

    private static byte[] randomBytes(SplittableRandom rnd, int n) {
        byte[] b = new byte[n];
        rnd.nextBytes(b);
        return b;
    }

    /** A well-formed CoAP response header and token, an OSCORE option with a random value, random payload. */
    private static byte[] randomOscoreResponse(SplittableRandom rnd) {
        int tkl = rnd.nextInt(9);
        byte[] option = randomBytes(rnd, rnd.nextInt(13));
        byte[] payload = randomBytes(rnd, rnd.nextInt(40));
        int[] codes = {0x44, 0x45, 0x80, 0x81, 0x84, 0xa0};
        byte[] out = new byte[4 + tkl + 1 + option.length + (payload.length > 0 ? 1 + payload.length : 0)];
        out[0] = (byte) (0x40 | (rnd.nextInt(4) << 4) | tkl);
        out[1] = (byte) codes[rnd.nextInt(codes.length)];
        out[2] = (byte) rnd.nextInt(256);
        out[3] = (byte) rnd.nextInt(256);
        int i = 4 + tkl;
        for (int t = 4; t < i; t++) {
            out[t] = (byte) rnd.nextInt(256);
        }
        out[i++] = (byte) (0x90 | option.length); // option 9, length < 13
        System.arraycopy(option, 0, out, i, option.length);
        i += option.length;
        if (payload.length > 0) {
            out[i++] = (byte) 0xff;
            System.arraycopy(payload, 0, out, i, payload.length);
        }
        return out;
    }

    private static byte[] mutate(SplittableRandom rnd, byte[] valid) {
        byte[] d = valid.clone();
        int edits = 1 + rnd.nextInt(3);
        for (int e = 0; e < edits; e++) {
            switch (rnd.nextInt(5)) {
                case 0 -> d[rnd.nextInt(d.length)] ^= (byte) (1 << rnd.nextInt(8));
                case 1 -> d[rnd.nextInt(d.length)] = (byte) rnd.nextInt(256);
                case 2 -> d = Arrays.copyOf(d, rnd.nextInt(d.length + 1));
                case 3 -> {
                    int at = rnd.nextInt(d.length + 1);
                    byte[] n = new byte[d.length + 1];
                    System.arraycopy(d, 0, n, 0, at);
                    n[at] = (byte) rnd.nextInt(256);
                    System.arraycopy(d, at, n, at + 1, d.length - at);
                    d = n;
                }
                default -> {
                    if (d.length > 0) {
                        int at = rnd.nextInt(d.length);
                        byte[] n = new byte[d.length - 1];
                        System.arraycopy(d, 0, n, 0, at);
                        System.arraycopy(d, at + 1, n, at, d.length - at - 1);
                        d = n;
                    }
                }
            }
            if (d.length == 0) {
                break;
            }
        }
        return d;
    }
}
