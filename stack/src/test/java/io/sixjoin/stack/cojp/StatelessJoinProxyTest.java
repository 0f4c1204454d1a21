package io.sixjoin.stack.cojp;

import static io.sixjoin.stack.cojp.CojpFixtures.CAFE;
import static io.sixjoin.stack.cojp.CojpFixtures.CONFIGURATION;
import static io.sixjoin.stack.cojp.CojpFixtures.HEX;
import static io.sixjoin.stack.cojp.CojpFixtures.JP_LL;
import static io.sixjoin.stack.cojp.CojpFixtures.JRC;
import static io.sixjoin.stack.cojp.CojpFixtures.PLEDGE;
import static io.sixjoin.stack.cojp.CojpFixtures.PLEDGE_LL;
import static io.sixjoin.stack.cojp.CojpFixtures.PSK;
import static io.sixjoin.stack.cojp.CojpFixtures.parse;
import static io.sixjoin.stack.cojp.CojpFixtures.pledgeSocket;
import static io.sixjoin.stack.cojp.CojpFixtures.rand;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sixjoin.cbor.cojp.ByteString;
import io.sixjoin.cbor.cojp.Configuration;
import io.sixjoin.cbor.cojp.ConfigurationCodec;
import io.sixjoin.cbor.cojp.JoinRequest;
import io.sixjoin.stack.coap.ExtendedToken;
import io.sixjoin.stack.cojp.StatelessJoinProxy.Event;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.Message;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.coap.Token;
import org.junit.jupiter.api.Test;

/** RFC 9031 §7.1 stateless forwarding with the state sealed in the token, end to end with a scripted JRC. */
class StatelessJoinProxyTest {
    private final StatelessJoinProxy proxy =
            new StatelessJoinProxy(StatelessJoinProxy.Mode.TOKEN, rand(7), Optional.of(JRC));
    private final ScriptedJrc jrc = new ScriptedJrc(PSK, PLEDGE, jr -> ScriptedJrc.changed(CONFIGURATION));

    private static PledgeJoin pledge() {
        return new PledgeJoin(new PledgeJoinExchange(PSK, PLEDGE),
                new JumpAheadSequence(new JumpAheadSequence.InMemoryStore()), PledgeJoin.Settings.rfc9031(),
                JoinTarget.Next.sameTarget());
    }

    /** A CON Join Request with a 2-byte token, as a pledge sends it. */
    private static byte[] joinRequest(int mid) {
        return new PledgeJoinExchange(PSK, PLEDGE).protect(JoinRequest.of(CAFE), CoAP.Type.CON, mid,
                Token.fromProvider(new byte[] {0x5a, (byte) 0xa5})).datagram();
    }

    private CojpDatagram forward(long now, byte[] request) {
        List<CojpDatagram> out = proxy.onFromPledge(now, pledgeSocket(), request);
        assertEquals(1, out.size(), proxy::toString);
        return out.get(0);
    }

    @Test
    void fullJoinThroughTheProxyRestoresThePledgesTokenAndMessageId() throws Exception {
        PledgeJoin p = pledge();
        SplittableRandom r = rand(1);
        p.start(0, JP_LL, CAFE);
        CojpDatagram sent = p.poll(0, r).get(0);
        assertEquals(JP_LL, sent.address());
        assertEquals(5683, sent.port());
        Request original = (Request) parse(sent.bytes());
        assertEquals(CoAP.Type.CON, original.getType());

        CojpDatagram toJrc = forward(100, sent.bytes());
        assertEquals(JRC, toJrc.address());
        assertEquals(5683, toJrc.port());
        Request forwarded = (Request) parse(toJrc.bytes());
        assertEquals(CoAP.Type.NON, forwarded.getType(), "RFC 9031 §7.1: forwarded as NON");
        assertFalse(forwarded.getOptions().hasUriHost());
        assertFalse(forwarded.getOptions().hasProxyScheme());
        assertArrayEquals(original.getOptions().getOscore(), forwarded.getOptions().getOscore());
        assertArrayEquals(original.getPayload(), forwarded.getPayload(), "the ciphertext is untouched");
        byte[] state = ExtendedToken.wireBytes(forwarded.getToken());
        assertEquals(ProxyStateSealer.MIN_TOKEN + 2, state.length, "29 bytes of sealed state + the 2-byte token");
        assertTrue(forwarded.getToken() instanceof ExtendedToken, "longer than 8 bytes: an RFC 8974 token");
        // the pledge's address and token are encrypted, not merely carried
        assertFalse(HEX.formatHex(state).contains("124b0014b5d2a1"));
        assertFalse(HEX.formatHex(state).contains("5aa5"));
        assertEquals(0xd, toJrc.bytes()[0] & 0x0f, "TKL 13: one extended-length byte");

        byte[] answer = jrc.handle(toJrc.bytes()).orElseThrow();
        assertEquals(1, jrc.seen.size(), "the JRC verified the forwarded request");
        List<CojpDatagram> back = proxy.onFromJrc(200, answer);
        assertEquals(1, back.size());
        assertEquals(PLEDGE_LL, back.get(0).address());
        assertEquals(5683, back.get(0).port());
        Response toPledge = (Response) parse(back.get(0).bytes());
        assertEquals(CoAP.Type.ACK, toPledge.getType(), "a piggybacked ACK for the pledge's CON");
        assertEquals(original.getMID(), toPledge.getMID());
        assertEquals(original.getToken(), toPledge.getToken());

        p.onDatagram(300, back.get(0).bytes());
        assertEquals(PledgeJoin.State.JOINED, p.state());
        assertEquals(ConfigurationCodec.decode(CONFIGURATION), p.configuration().orElseThrow());
        assertEquals(1, proxy.events(Event.FORWARDED_TO_JRC));
        assertEquals(1, proxy.events(Event.FORWARDED_TO_PLEDGE));
    }

    @Test
    void lostAnswerIsRecoveredByTheRetransmissionThroughAFreshState() {
        PledgeJoin p = pledge();
        SplittableRandom r = rand(2);
        p.start(0, JP_LL, CAFE);
        byte[] first = p.poll(0, r).get(0).bytes();
        jrc.handle(forward(0, first).bytes()).orElseThrow(); // answer lost on the way back
        long retransmitAt = p.nextDeadline().getAsLong();
        byte[] again = p.poll(retransmitAt, r).get(0).bytes();
        assertArrayEquals(first, again, "a CoAP retransmission is the same message");
        CojpDatagram second = forward(retransmitAt, again);
        byte[] answer = jrc.handle(second.bytes()).orElseThrow(); // from the JRC's cache: same Partial IV
        p.onDatagram(retransmitAt + 1, proxy.onFromJrc(retransmitAt + 1, answer).get(0).bytes());
        assertEquals(PledgeJoin.State.JOINED, p.state());
    }

    @Test
    void forgedExpiredReplayedAndUnknownStatesAreDropped() {
        byte[] answer = jrc.handle(forward(0, joinRequest(1)).bytes()).orElseThrow();
        Response parsed = (Response) parse(answer);
        byte[] state = ExtendedToken.wireBytes(parsed.getToken());

        // one flipped bit in the ciphertext: the tag fails
        byte[] forged = state.clone();
        forged[10] ^= 0x01;
        assertTrue(proxy.onFromJrc(1, withToken(parsed, forged)).isEmpty());
        assertEquals(1, proxy.events(Event.DROP_STATE_FORGED));
        // a sequence number this JP never issued
        byte[] unknown = state.clone();
        unknown[0] = 0x7f;
        assertTrue(proxy.onFromJrc(1, withToken(parsed, unknown)).isEmpty());
        assertEquals(2, proxy.events(Event.DROP_STATE_FORGED));
        // too short to be ours, and an 8-byte ordinary token
        assertTrue(proxy.onFromJrc(1, withToken(parsed, new byte[12])).isEmpty());
        assertTrue(proxy.onFromJrc(1, withToken(parsed, new byte[8])).isEmpty());
        assertEquals(2, proxy.events(Event.DROP_STATE_MALFORMED));

        // the genuine answer, after the state lifetime
        assertTrue(proxy.onFromJrc(StatelessJoinProxy.DEFAULT_STATE_LIFETIME_MS + 2000, answer).isEmpty());
        assertEquals(1, proxy.events(Event.DROP_STATE_EXPIRED));
        // in time it goes through, once
        assertEquals(1, proxy.onFromJrc(2, answer).size());
        assertTrue(proxy.onFromJrc(3, answer).isEmpty());
        assertEquals(1, proxy.events(Event.DROP_STATE_REPLAYED));
    }

    private static byte[] withToken(Response r, byte[] token) {
        Response copy = new Response(r.getCode());
        copy.setType(r.getType());
        copy.setMID(r.getMID());
        copy.setOptions(r.getOptions());
        copy.setPayload(r.getPayload());
        copy.setToken(ExtendedToken.of(token));
        return new io.sixjoin.stack.coap.ExtendedTokenUdpDataSerializer().getByteArray(copy);
    }

    @Test
    void joinRateZeroDropsAllJoinTrafficAndAbsentMeansUnlimited() {
        for (int i = 0; i < 50; i++) {
            assertEquals(1, proxy.onFromPledge(i, pledgeSocket(), joinRequest(i)).size(), "no join rate: +∞");
        }
        proxy.configure(100, Configuration.empty().withJoinRate(0));
        assertTrue(proxy.onFromPledge(101, pledgeSocket(), joinRequest(99)).isEmpty());
        assertEquals(1, proxy.events(Event.DROP_JOIN_RATE_ZERO));
        // a Parameter Update without a join rate leaves it at 0
        proxy.configure(102, Configuration.empty().withBlacklist(List.of()));
        assertTrue(proxy.onFromPledge(103, pledgeSocket(), joinRequest(98)).isEmpty());
        // answers from the JRC still reach pledges already in flight
        proxy.setJoinRate(java.util.OptionalLong.empty(), 104);
        byte[] answer = jrc.handle(forward(105, joinRequest(97)).bytes()).orElseThrow();
        proxy.setJoinRate(java.util.OptionalLong.of(0), 106);
        assertEquals(1, proxy.onFromJrc(107, answer).size());
    }

    @Test
    void joinRateIsATokenBucketOverAckTimeout() {
        int size = proxy.onFromPledge(0, pledgeSocket(), joinRequest(0)).get(0).bytes().length;
        proxy.setJoinRate(java.util.OptionalLong.of(size), 0); // one request a second, bucket of 10 s
        int passed = 0;
        for (int i = 0; i < 30; i++) {
            passed += proxy.onFromPledge(0, pledgeSocket(), joinRequest(i)).size();
        }
        assertEquals(10, passed, "a burst gets ACK_TIMEOUT's worth of bytes");
        assertTrue(proxy.events(Event.DROP_RATE_LIMITED) == 20);
        // the bucket may go into debt by one request: half a second refills enough to let one more through
        assertEquals(1, proxy.onFromPledge(500, pledgeSocket(), joinRequest(40)).size());
        proxy.configure(800, Configuration.empty().withJoinRate(size)); // the same rate again: no refill
        assertTrue(proxy.onFromPledge(900, pledgeSocket(), joinRequest(41)).isEmpty(), "still in debt");
        assertEquals(1, proxy.onFromPledge(1501, pledgeSocket(), joinRequest(41)).size(), "debt repaid");
        // 1 byte/s: a 10-byte bucket still lets one request through, then waits out the debt
        proxy.setJoinRate(java.util.OptionalLong.of(1), 2000);
        assertEquals(1, proxy.onFromPledge(2000, pledgeSocket(), joinRequest(42)).size());
        assertTrue(proxy.onFromPledge(2000 + (size - 10) * 1000L - 1000, pledgeSocket(), joinRequest(43)).isEmpty());
        assertEquals(1, proxy.onFromPledge(2000 + (size - 10) * 1000L + 1, pledgeSocket(), joinRequest(44)).size());
    }

    @Test
    void blacklistedPledgesAreDroppedByKidContextOrByTheirInterfaceId() {
        proxy.configure(0, Configuration.empty().withBlacklist(List.of(ByteString.of(PLEDGE.bytes()))));
        assertTrue(proxy.onFromPledge(1, pledgeSocket(), joinRequest(1)).isEmpty());
        // a pledge identifier that is not its EUI-64: caught by the kid context alone
        PledgeId random = PledgeId.parse("a1a2a3a4a5a6a7a8a9");
        byte[] fromOther = new PledgeJoinExchange(PSK, random).protect(JoinRequest.of(CAFE), CoAP.Type.CON, 1,
                Token.EMPTY).datagram();
        proxy.configure(2, Configuration.empty().withBlacklist(List.of(ByteString.of(random.bytes()))));
        assertTrue(proxy.onFromPledge(3, pledgeSocket(), fromOther).isEmpty());
        assertEquals(1, proxy.onFromPledge(4, pledgeSocket(), joinRequest(2)).size(), "the list was replaced");
        assertEquals(2, proxy.events(Event.DROP_BLACKLISTED));
        proxy.configure(5, Configuration.empty().withBlacklist(List.of()));
        assertEquals(1, proxy.onFromPledge(6, pledgeSocket(), fromOther).size(), "[] clears the list");
    }

    @Test
    void onlyLinkLocalJoinRequestsAreForwarded() {
        byte[] req = joinRequest(1);
        assertTrue(proxy.onFromPledge(0, new InetSocketAddress(JRC, 5683), req).isEmpty());
        assertTrue(proxy.onFromPledge(0, new InetSocketAddress(CojpFixtures.v6("fe80:1::1"), 5683), req).isEmpty());
        assertEquals(2, proxy.events(Event.DROP_NOT_LINK_LOCAL));
        Request plain = Request.newPost();
        plain.setMID(1);
        plain.setToken(Token.EMPTY);
        plain.getOptions().setUriHost("6tisch.arpa");
        byte[] noProxyScheme = new org.eclipse.californium.core.network.serialization.UdpDataSerializer()
                .getByteArray(plain);
        assertTrue(proxy.onFromPledge(0, pledgeSocket(), noProxyScheme).isEmpty());
        assertEquals(1, proxy.events(Event.DROP_NOT_JOIN_REQUEST));
        StatelessJoinProxy noJrc = new StatelessJoinProxy(StatelessJoinProxy.Mode.TOKEN, rand(1), Optional.empty());
        assertTrue(noJrc.onFromPledge(0, pledgeSocket(), req).isEmpty());
        assertEquals(1, noJrc.events(Event.DROP_NO_JRC));
        noJrc.configure(0, Configuration.empty().withJrcAddress(ByteString.of(JRC.getAddress())));
        assertEquals(JRC, noJrc.onFromPledge(0, pledgeSocket(), req).get(0).address(), "label 4 sets the JRC");
    }

    @Test
    void nonRequestOfAPledgeIsAnsweredNonWithTheJpsOwnMessageId() {
        byte[] req = new PledgeJoinExchange(PSK, PLEDGE).protect(JoinRequest.of(CAFE), CoAP.Type.NON, 0x1234,
                Token.fromProvider(new byte[] {9})).datagram();
        byte[] answer = jrc.handle(forward(0, req).bytes()).orElseThrow();
        Message back = parse(proxy.onFromJrc(1, answer).get(0).bytes());
        assertEquals(CoAP.Type.NON, back.getType());
        assertArrayEquals(new byte[] {9}, back.getToken().getBytes());
    }

    @Test
    void confirmableAnswerOfTheJrcIsAcknowledged() {
        byte[] answer = jrc.handle(forward(0, joinRequest(5)).bytes()).orElseThrow();
        answer[0] = (byte) ((answer[0] & 0xcf) | 0x00); // make the JRC's NON a CON (type bits 00)
        List<CojpDatagram> out = proxy.onFromJrc(1, answer);
        assertEquals(2, out.size());
        assertEquals(JRC, out.get(0).address());
        Message ack = parse(out.get(0).bytes());
        assertEquals(CoAP.Type.ACK, ack.getType());
        assertEquals(parse(answer).getMID(), ack.getMID());
    }
}
