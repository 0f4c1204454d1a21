package io.sixjoin.stack.cojp;

import static io.sixjoin.stack.cojp.CojpFixtures.CONFIGURATION;
import static io.sixjoin.stack.cojp.CojpFixtures.HEX;
import static io.sixjoin.stack.cojp.CojpFixtures.JP_LL;
import static io.sixjoin.stack.cojp.CojpFixtures.PLEDGE;
import static io.sixjoin.stack.cojp.CojpFixtures.PLEDGE_LL;
import static io.sixjoin.stack.cojp.CojpFixtures.PSK;
import static io.sixjoin.stack.cojp.CojpFixtures.parse;
import static io.sixjoin.stack.cojp.CojpFixtures.rand;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.eclipse.californium.core.coap.Message;
import org.junit.jupiter.api.Test;

/**
 * The {@code --pledge-profile openwsn} pair: a pledge laid out like openwsn-fw's cjoin (openwsn-serial.md §3.4) and
 * a JP that adds option 40 like openwsn-fw's coap.c (§3.5), byte for byte.
 */
class OpenWsnJoinTest {
    private static final Inet6Address ROOT = CojpFixtures.v6("2001:db8::1");
    /**
     * openwsn-fw would send its PAN ID little-endian; h'cafe' is used here so the ciphertext is exactly the one of
     * cojp.md §9.4 (SSN 0, same context; token, MID and type are outside the AAD), an independent vector.
     */
    private static final byte[] NETWORK_ID = HEX.parseHex("cafe");
    private static final String OSCORE = "19000800124b0014b5d2a1";   // h=1 k=1 n=1, PIV 00, kid context (8 bytes)
    private static final String CIPHERTEXT_9_4 = "6ee13aad417503fd75f26d50233dee7128";

    private final StatelessJoinProxy proxy =
            new StatelessJoinProxy(StatelessJoinProxy.Mode.OPENWSN_OPTION_40, rand(1), Optional.of(ROOT));

    private static PledgeJoin pledge() {
        return new PledgeJoin(new PledgeJoinExchange(PSK, PLEDGE),
                new JumpAheadSequence(new JumpAheadSequence.InMemoryStore()), PledgeJoin.Settings.openWsn(),
                JoinTarget.Next.sameTarget());
    }

    @Test
    void requestLayoutOption40AndTheWayBack() {
        PledgeJoin p = pledge();
        SplittableRandom r = rand(4);
        p.start(0, JP_LL, NETWORK_ID);
        assertTrue(p.poll(0, r).isEmpty() || p.nextDeadline().getAsLong() > 0, "first attempt delayed");
        long first = p.nextDeadline().getAsLong();
        assertTrue(first >= 0 && first <= 65_535, "first attempt within 0..65.535 s: " + first);
        CojpDatagram sent = p.poll(first, r).get(0);
        Message m = parse(sent.bytes());
        String mid = String.format("%04x", m.getMID());
        String token = HEX.formatHex(m.getToken().getBytes());
        String hex = sent.hex();
        assertEquals("51" + "02" + mid + token      // Ver 1, NON, TKL 1 | POST | MID | 1-byte token
                + "3b" + "3674697363682e61727061"    // Uri-Host (3), 11 bytes "6tisch.arpa"
                + "6b" + OSCORE                      // OSCORE (9), 11 bytes
                + "d411" + "636f6170"                // Proxy-Scheme (39 = 9 + 13 + 17), "coap"
                + "ff" + CIPHERTEXT_9_4, hex);

        CojpDatagram forwarded = proxy.onFromPledge(1, new InetSocketAddress(PLEDGE_LL, 5683), sent.bytes()).get(0);
        assertEquals(ROOT, forwarded.address());
        assertEquals(5683, forwarded.port());
        assertEquals("51" + "02" + mid + token       // type, MID and token unchanged
                + "9b" + OSCORE                      // OSCORE now the first option: delta 9
                + "d812" + "02124b0014b5d2a1"        // option 40 (9 + 13 + 18), 8 bytes: the pledge's IID
                + "ff" + CIPHERTEXT_9_4, forwarded.hex(), "Uri-Host and Proxy-Scheme stripped");

        ScriptedJrc jrc = new ScriptedJrc(PSK, PLEDGE, jr -> ScriptedJrc.changed(CONFIGURATION));
        byte[] answer = jrc.handle(forwarded.bytes()).orElseThrow();
        assertTrue(parse(answer).getOptions().hasOption(OpenWsnStatelessProxy.NUMBER), "the JRC echoes option 40");
        List<CojpDatagram> back = proxy.onFromJrc(2, answer);
        assertEquals(PLEDGE_LL, back.get(0).address());
        assertEquals(5683, back.get(0).port());
        assertFalse(parse(back.get(0).bytes()).getOptions().hasOption(OpenWsnStatelessProxy.NUMBER));
        p.onDatagram(3, back.get(0).bytes());
        assertEquals(PledgeJoin.State.JOINED, p.state());
    }

    @Test
    void aPortOtherThan5683TravelsInOption40() {
        PledgeJoin p = pledge();
        SplittableRandom r = rand(5);
        p.start(0, JP_LL, NETWORK_ID);
        p.poll(0, r);
        CojpDatagram sent = p.poll(p.nextDeadline().getAsLong(), r).get(0);
        CojpDatagram fwd = proxy.onFromPledge(1, new InetSocketAddress(PLEDGE_LL, 0xf0b0), sent.bytes()).get(0);
        assertTrue(fwd.hex().contains("da12" + "02124b0014b5d2a1" + "f0b0"), fwd.hex());
        byte[] answer = new ScriptedJrc(PSK, PLEDGE, jr -> ScriptedJrc.changed(CONFIGURATION))
                .handle(fwd.bytes()).orElseThrow();
        assertEquals(0xf0b0, proxy.onFromJrc(2, answer).get(0).port());
        // an answer without option 40 has nowhere to go
        byte[] bare = HEX.parseHex("5144000101" + "90" + "ff00");
        assertTrue(proxy.onFromJrc(3, bare).isEmpty());
        assertEquals(1, proxy.events(StatelessJoinProxy.Event.DROP_STATE_MALFORMED));
    }

    @Test
    void aNewNonRequestWithANewSequenceNumberEvery60Seconds() {
        PledgeJoin p = pledge();
        SplittableRandom r = rand(6);
        p.start(0, JP_LL, NETWORK_ID);
        List<PledgeJoinTest.Sent> sent = PledgeJoinTest.runSilent(p, r, 400_000);
        assertTrue(sent.size() >= 6);
        for (int i = 1; i < sent.size(); i++) {
            assertEquals(60_000, sent.get(i).at() - sent.get(i - 1).at());
            assertEquals(sent.get(i - 1).sequence() + 1, sent.get(i).sequence());
            assertNotEquals(parse(sent.get(i - 1).datagram().bytes()).getMID(),
                    parse(sent.get(i).datagram().bytes()).getMID());
        }
        assertEquals(PledgeJoin.State.REQUESTING, p.state(), "openwsn-fw never gives up");
    }
}
