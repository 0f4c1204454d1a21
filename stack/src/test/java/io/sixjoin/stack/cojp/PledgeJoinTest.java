package io.sixjoin.stack.cojp;

import static io.sixjoin.stack.cojp.CojpFixtures.CAFE;
import static io.sixjoin.stack.cojp.CojpFixtures.CONFIGURATION;
import static io.sixjoin.stack.cojp.CojpFixtures.HEX;
import static io.sixjoin.stack.cojp.CojpFixtures.JP2_LL;
import static io.sixjoin.stack.cojp.CojpFixtures.JP_LL;
import static io.sixjoin.stack.cojp.CojpFixtures.PLEDGE;
import static io.sixjoin.stack.cojp.CojpFixtures.PSK;
import static io.sixjoin.stack.cojp.CojpFixtures.parse;
import static io.sixjoin.stack.cojp.CojpFixtures.rand;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sixjoin.cbor.cojp.CojpLabel;
import io.sixjoin.cbor.cojp.UnsupportedCode;
import io.sixjoin.cbor.cojp.UnsupportedConfiguration;
import io.sixjoin.cbor.cojp.UnsupportedParameter;
import io.sixjoin.stack.cojp.PledgeJoin.State;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.Message;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.oscore.OscoreOptionDecoder;
import org.junit.jupiter.api.Test;

/** The pledge's join state machine at virtual time with seeded randomness: timing, attempts, sequence numbers. */
class PledgeJoinTest {
    private final JumpAheadSequence.InMemoryStore flash = new JumpAheadSequence.InMemoryStore();

    private PledgeJoin pledge(JoinTarget.Next next, ConfigurationCheck check) {
        return new PledgeJoin(new PledgeJoinExchange(PSK, PLEDGE), new JumpAheadSequence(flash),
                PledgeJoin.Settings.rfc9031(), next, check);
    }

    private PledgeJoin pledge() {
        return pledge(JoinTarget.Next.sameTarget(), c -> Optional.empty());
    }

    /** One transmission seen on the air. */
    record Sent(long at, CojpDatagram datagram, long sequence) {
    }

    static long sequenceOf(byte[] datagram) {
        try {
            return new OscoreOptionDecoder(parse(datagram).getOptions().getOscore()).getSequenceNumber();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Drives the pledge from deadline to deadline, the JP never answering, and records what it sends. */
    static List<Sent> runSilent(PledgeJoin p, SplittableRandom r, long until) {
        List<Sent> sent = new ArrayList<>();
        while (p.nextDeadline().isPresent() && p.nextDeadline().getAsLong() <= until) {
            long now = p.nextDeadline().getAsLong();
            for (CojpDatagram d : p.poll(now, r)) {
                sent.add(new Sent(now, d, sequenceOf(d.bytes())));
            }
        }
        return sent;
    }

    @Test
    void conRetransmissionsDoubleFromARandomInitialTimeoutThenANewSequenceNumber() {
        PledgeJoin p = pledge();
        p.start(0, JP_LL, CAFE);
        List<Sent> sent = runSilent(p, rand(42), Long.MAX_VALUE);
        assertEquals(4 * 5, sent.size(), "COJP_MAX_JOIN_ATTEMPTS attempts of 1 + MAX_RETRANSMIT transmissions");
        assertEquals(State.FAILED, p.state());
        assertTrue(p.nextDeadline().isEmpty());
        long attemptStart = 0;
        Set<Long> sequences = new HashSet<>();
        for (int a = 0; a < 4; a++) {
            List<Sent> attempt = sent.subList(5 * a, 5 * a + 5);
            Sent first = attempt.get(0);
            assertEquals(attemptStart, first.at(), "a new attempt starts when the previous one failed");
            assertTrue(sequences.add(first.sequence()), "a new attempt has a new sequence number");
            long initial = attempt.get(1).at() - first.at();
            assertTrue(initial >= 10_000 && initial <= 15_000, "initial timeout in [ACK_TIMEOUT, 1.5 ACK_TIMEOUT]: "
                    + initial);
            for (int i = 1; i < 5; i++) {
                assertEquals(initial << (i - 1), attempt.get(i).at() - attempt.get(i - 1).at(), "doubling");
                assertArrayEquals(first.datagram().bytes(), attempt.get(i).datagram().bytes(), "same message");
                assertEquals(JP_LL, attempt.get(i).datagram().address());
                assertEquals(5683, attempt.get(i).datagram().port());
            }
            Message m = parse(first.datagram().bytes());
            assertEquals(CoAP.Type.CON, m.getType());
            assertEquals(2, m.getToken().length());
            attemptStart = first.at() + 31 * initial; // after the last retransmission's timeout expires
        }
        assertEquals(Set.of(0L, 1L, 2L, 3L), sequences);
        assertEquals(4, p.failedAttempts());
    }

    @Test
    void theSameSeedGivesTheSameTimeline() {
        PledgeJoin a = pledge();
        a.start(0, JP_LL, CAFE);
        PledgeJoin b = new PledgeJoin(new PledgeJoinExchange(PSK, PLEDGE),
                new JumpAheadSequence(new JumpAheadSequence.InMemoryStore()), PledgeJoin.Settings.rfc9031(),
                JoinTarget.Next.sameTarget());
        b.start(0, JP_LL, CAFE);
        List<Long> ta = runSilent(a, rand(9), Long.MAX_VALUE).stream().map(Sent::at).toList();
        List<Long> tb = runSilent(b, rand(9), Long.MAX_VALUE).stream().map(Sent::at).toList();
        assertEquals(ta, tb);
    }

    @Test
    void aFailedAttemptAsksTheHookForAnotherJoinProxy() {
        List<Integer> asked = new ArrayList<>();
        PledgeJoin p = pledge((failed, n) -> {
            asked.add(n);
            return n == 1 ? Optional.of(new JoinTarget(JP2_LL, HEX.parseHex("beef"))) : Optional.empty();
        }, c -> Optional.empty());
        p.start(0, JP_LL, CAFE);
        List<Sent> sent = runSilent(p, rand(3), Long.MAX_VALUE);
        assertEquals(10, sent.size());
        assertTrue(sent.subList(0, 5).stream().allMatch(s -> s.datagram().address().equals(JP_LL)));
        assertTrue(sent.subList(5, 10).stream().allMatch(s -> s.datagram().address().equals(JP2_LL)));
        assertEquals(List.of(1, 2), asked);
        assertEquals(State.FAILED, p.state(), "the hook gave up after the second JP");
        // the Join_Request of the second attempt names the second network
        ScriptedJrc jrc = new ScriptedJrc(PSK, PLEDGE, jr -> null);
        jrc.handle(sent.get(5).datagram().bytes());
        assertArrayEquals(HEX.parseHex("beef"), jrc.seen.get(0).joinRequest().networkIdentifier());
    }

    @Test
    void rebootMidJoinResumesAboveEveryUsedSequenceNumber() {
        Set<Long> used = new HashSet<>();
        long maxUsed = -1;
        SplittableRandom r = rand(11);
        for (int boot = 0; boot < 20; boot++) {
            PledgeJoin p = pledge(); // a new JumpAheadSequence over the same flash: a reboot
            p.start(0, JP_LL, CAFE);
            long until = r.nextLong(1_000_000); // power fails somewhere in the middle of the join
            List<Sent> sent = runSilent(p, r, until);
            if (!sent.isEmpty()) {
                assertTrue(sent.get(0).sequence() > maxUsed, "resumed at " + sent.get(0).sequence()
                        + ", but " + maxUsed + " was used before the reboot");
            }
            for (Sent s : sent) {
                long seq = s.sequence();
                assertTrue(used.add(seq) || sent.stream().filter(x -> x.sequence() == seq).count() > 1,
                        "sequence number " + seq + " reused");
                maxUsed = Math.max(maxUsed, seq);
            }
        }
        assertTrue(used.size() > 25, "several attempts per boot: " + used.size());
    }

    @Test
    void unusableConfigurationIsReportedWithLabel8InTheNextAttempt() {
        UnsupportedConfiguration noShortId = UnsupportedConfiguration.of(
                UnsupportedParameter.withNullAddinfo(UnsupportedCode.UNSUPPORTED, CojpLabel.SHORT_IDENTIFIER));
        PledgeJoin p = pledge(JoinTarget.Next.sameTarget(),
                c -> c.shortIdentifier().isPresent() && c.jrcAddress().isEmpty() ? Optional.of(noShortId)
                        : Optional.empty());
        ScriptedJrc jrc = new ScriptedJrc(PSK, PLEDGE, jr -> ScriptedJrc.changed(CONFIGURATION));
        SplittableRandom r = rand(5);
        p.start(0, JP_LL, CAFE);
        for (int attempt = 1; attempt <= 4; attempt++) {
            CojpDatagram d = p.poll(p.nextDeadline().getAsLong(), r).get(0);
            p.onDatagram(1, jrc.handle(d.bytes()).orElseThrow());
        }
        assertEquals(State.FAILED, p.state(), "COJP_MAX_JOIN_ATTEMPTS answers it cannot act on");
        assertEquals(4, jrc.seen.size());
        assertTrue(jrc.seen.get(0).joinRequest().unsupportedConfiguration().isEmpty());
        for (int i = 1; i < 4; i++) {
            assertEquals(Optional.of(noShortId), jrc.seen.get(i).joinRequest().unsupportedConfiguration());
            assertEquals(i, jrc.seen.get(i).sequence(), "each attempt a new sequence number");
        }
    }

    @Test
    void undecodableConfigurationGoesBackAsLabel8AndARefusalIsRemembered() {
        byte[] badKey = HEX.parseHex("a10282014f" + "00".repeat(15)); // a 15-byte key
        List<Response> script = new ArrayList<>(List.of(ScriptedJrc.changed(badKey), diagnostic(), 
                ScriptedJrc.changed(CONFIGURATION)));
        ScriptedJrc jrc = new ScriptedJrc(PSK, PLEDGE, jr -> script.remove(0));
        PledgeJoin p = pledge();
        SplittableRandom r = rand(6);
        p.start(0, JP_LL, CAFE);
        for (int i = 0; i < 3; i++) {
            p.onDatagram(1, jrc.handle(p.poll(p.nextDeadline().getAsLong(), r).get(0).bytes()).orElseThrow());
        }
        assertEquals(State.JOINED, p.state());
        assertEquals(CojpLabel.LINK_LAYER_KEY_SET,
                jrc.seen.get(1).joinRequest().unsupportedConfiguration().orElseThrow().parameters().get(0).label());
        assertTrue(jrc.seen.get(2).joinRequest().unsupportedConfiguration().isEmpty(), "a 4.00 is not ours to report");
        assertEquals(CojpLabel.NETWORK_IDENTIFIER, p.lastRefusal().orElseThrow().parameters().get(0).label());
        assertEquals(2, p.failedAttempts());
    }

    private static Response diagnostic() {
        Response r = new Response(ResponseCode.BAD_REQUEST);
        r.setPayload(HEX.parseHex("830105f6"));
        return r;
    }

    @Test
    void unprotectedAnswersAreIgnoredAndRetransmissionGoesOn() {
        PledgeJoin p = pledge();
        SplittableRandom r = rand(8);
        p.start(0, JP_LL, CAFE);
        Message req = parse(p.poll(0, r).get(0).bytes());
        long due = p.nextDeadline().getAsLong();
        // a 2.04 ACK with the right MID and token but no OSCORE, and a 4.01 someone forges
        for (int code : new int[] {0x44, 0x81}) {
            byte[] token = req.getToken().getBytes();
            byte[] forged = HEX.parseHex(String.format("6%x%02x%04x%s", token.length, code, req.getMID(),
                    HEX.formatHex(token)) + "ff" + HEX.formatHex(CONFIGURATION));
            p.onDatagram(1, forged);
        }
        assertEquals(State.REQUESTING, p.state());
        assertEquals(2, p.events(PledgeJoin.Event.DISCARDED));
        assertEquals(due, p.nextDeadline().getAsLong(), "the forgeries changed nothing");
        assertEquals(1, p.poll(due, r).size());
    }

    @Test
    void anEmptyAckWaitsForTheSeparateResponseWhichIsAcknowledged() {
        PledgeJoin p = pledge();
        SplittableRandom r = rand(10);
        p.start(0, JP_LL, CAFE);
        byte[] sent = p.poll(0, r).get(0).bytes();
        Message req = parse(sent);
        p.onDatagram(5, HEX.parseHex(String.format("6000%04x", req.getMID())));
        assertEquals(PledgeJoin.MAX_TRANSMIT_WAIT_MS, p.nextDeadline().getAsLong(), "no more retransmissions");
        ScriptedJrc jrc = new ScriptedJrc(PSK, PLEDGE, jr -> ScriptedJrc.changed(CONFIGURATION));
        byte[] separate = jrc.handle(sent).orElseThrow();
        separate[0] = (byte) (separate[0] & 0xcf); // as a CON separate response
        separate[2] = 0x12;
        separate[3] = 0x34;
        p.onDatagram(7, separate);
        assertEquals(State.JOINED, p.state());
        assertEquals(7, p.nextDeadline().getAsLong(), "an ACK is due now");
        List<CojpDatagram> ack = p.poll(7, r);
        assertEquals("60001234", ack.get(0).hex());
        assertTrue(p.nextDeadline().isEmpty());
        assertNotEquals(State.FAILED, p.state());
        assertFalse(p.configuration().isEmpty());
    }

    @Test
    void anExhaustedSequenceEndsTheJoinRatherThanReuseANumber() {
        JumpAheadSequence.InMemoryStore nearlyFull = new JumpAheadSequence.InMemoryStore();
        nearlyFull.save(io.sixjoin.stack.oscore.OscoreNonce.MAX_SEQUENCE_NUMBER - 3);
        PledgeJoin p = new PledgeJoin(new PledgeJoinExchange(PSK, PLEDGE), new JumpAheadSequence(nearlyFull, 1, 0),
                PledgeJoin.Settings.rfc9031(), JoinTarget.Next.sameTarget());
        p.start(0, JP_LL, CAFE);
        List<Sent> sent = runSilent(p, rand(12), Long.MAX_VALUE);
        assertEquals(10, sent.size(), "MAX - 2 and MAX - 1 (cf-oscore refuses to send with its maximum), then nothing");
        assertEquals(State.FAILED, p.state());
        assertEquals(1, p.events(PledgeJoin.Event.SEQUENCE_EXHAUSTED));
    }
}
