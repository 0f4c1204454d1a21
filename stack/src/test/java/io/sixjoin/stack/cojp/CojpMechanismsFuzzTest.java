package io.sixjoin.stack.cojp;

import static io.sixjoin.stack.cojp.CojpFixtures.CAFE;
import static io.sixjoin.stack.cojp.CojpFixtures.CASES;
import static io.sixjoin.stack.cojp.CojpFixtures.CONFIGURATION;
import static io.sixjoin.stack.cojp.CojpFixtures.HEX;
import static io.sixjoin.stack.cojp.CojpFixtures.JP_LL;
import static io.sixjoin.stack.cojp.CojpFixtures.JRC;
import static io.sixjoin.stack.cojp.CojpFixtures.PLEDGE;
import static io.sixjoin.stack.cojp.CojpFixtures.PSK;
import static io.sixjoin.stack.cojp.CojpFixtures.mutate;
import static io.sixjoin.stack.cojp.CojpFixtures.parse;
import static io.sixjoin.stack.cojp.CojpFixtures.pledgeSocket;
import static io.sixjoin.stack.cojp.CojpFixtures.quietly;
import static io.sixjoin.stack.cojp.CojpFixtures.randomBytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sixjoin.cbor.cojp.Configuration;
import io.sixjoin.cbor.cojp.ConfigurationCodec;
import io.sixjoin.cbor.cojp.JoinRequest;
import io.sixjoin.stack.oscore.ReplayWindow;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.Message;
import org.eclipse.californium.core.coap.Token;
import org.eclipse.californium.oscore.OSCoreCtx;
import org.junit.jupiter.api.Test;

/**
 * Random and mutated datagrams into every entry point: nothing escapes, every input is accounted for, state stays
 * bounded, and nothing but the genuine peer can make a mechanism act (the AEADs cover what matters).
 */
class CojpMechanismsFuzzTest {

    private static byte[] input(SplittableRandom r, List<byte[]> seeds) {
        return switch (r.nextInt(4)) {
            case 0 -> randomBytes(r, r.nextInt(64));
            default -> mutate(r, seeds.get(r.nextInt(seeds.size())));
        };
    }

    private static <T> T noThrow(byte[] in, Supplier<T> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            throw new AssertionError("threw on " + HEX.formatHex(in), e);
        }
    }

    private static List<byte[]> joinRequests() {
        List<byte[]> seeds = new ArrayList<>();
        PledgeJoinExchange x = new PledgeJoinExchange(PSK, PLEDGE);
        for (int i = 0; i < 8; i++) {
            seeds.add(x.protect(JoinRequest.of(CAFE), i % 2 == 0 ? CoAP.Type.CON : CoAP.Type.NON, i,
                    Token.fromProvider(randomBytes(new SplittableRandom(i), i))).datagram());
        }
        return seeds;
    }

    @Test
    void proxyFromPledge() {
        for (StatelessJoinProxy.Mode mode : StatelessJoinProxy.Mode.values()) {
            StatelessJoinProxy proxy = new StatelessJoinProxy(mode, new SplittableRandom(1), Optional.of(JRC));
            SplittableRandom r = new SplittableRandom(0xf00d);
            List<byte[]> seeds = joinRequests();
            long start = System.nanoTime();
            for (int i = 0; i < CASES; i++) {
                byte[] in = input(r, seeds);
                InetSocketAddress src = r.nextInt(10) == 0
                        ? new InetSocketAddress(CojpFixtures.v6(r.nextBoolean() ? "fe80::99" : "2001:db8::5"),
                        r.nextInt(65536)) : pledgeSocket();
                for (CojpDatagram d : noThrow(in, () -> proxy.onFromPledge(r.nextLong(1_000_000), src, in))) {
                    Message m = parse(d.bytes());
                    assertFalse(m.getOptions().hasUriHost() || m.getOptions().hasProxyScheme());
                    assertTrue(mode != StatelessJoinProxy.Mode.TOKEN || m.getType() == CoAP.Type.NON);
                }
            }
            long counted = proxy.events().values().stream().mapToLong(Long::longValue).sum();
            assertEquals(CASES, counted, "every datagram forwarded or dropped for a counted reason");
            assertTrue(proxy.events(StatelessJoinProxy.Event.FORWARDED_TO_JRC) > 0);
            System.out.println("proxy from pledge " + mode + ": " + CASES + " cases in "
                    + (System.nanoTime() - start) / 1_000_000 + " ms, " + proxy.events());
        }
    }

    @Test
    void proxyFromJrc() {
        StatelessJoinProxy proxy = new StatelessJoinProxy(StatelessJoinProxy.Mode.TOKEN, new SplittableRandom(2),
                Optional.of(JRC));
        List<byte[]> answers = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            ScriptedJrc jrc = new ScriptedJrc(PSK, PLEDGE, jr -> ScriptedJrc.changed(CONFIGURATION));
            byte[] req = new PledgeJoinExchange(PSK, PLEDGE).protect(JoinRequest.of(CAFE), CoAP.Type.CON, i,
                    Token.EMPTY).datagram();
            answers.add(jrc.handle(proxy.onFromPledge(0, pledgeSocket(), req).get(0).bytes()).orElseThrow());
        }
        SplittableRandom r = new SplittableRandom(0xbeef);
        long start = System.nanoTime();
        for (int i = 0; i < CASES; i++) {
            byte[] in = input(r, answers);
            noThrow(in, () -> proxy.onFromJrc(r.nextLong(100_000), in));
        }
        long delivered = proxy.events(StatelessJoinProxy.Event.FORWARDED_TO_PLEDGE);
        assertTrue(delivered > 0 && delivered <= answers.size(), "each sealed state opens at most once: " + delivered);
        System.out.println("proxy from JRC: " + CASES + " cases in " + (System.nanoTime() - start) / 1_000_000
                + " ms, " + proxy.events());
    }

    @Test
    void pledgeOnDatagram() throws Exception {
        Configuration expected = ConfigurationCodec.decode(CONFIGURATION);
        SplittableRandom r = new SplittableRandom(0xcafe);
        int[] joined = {0};
        long start = System.nanoTime();
        quietly(() -> {
            PledgeJoin p = null;
            List<byte[]> answers = new ArrayList<>();
            for (int i = 0; i < CASES; i++) {
                if (p == null || p.state() != PledgeJoin.State.REQUESTING || p.failedAttempts() > 0) {
                    p = new PledgeJoin(new PledgeJoinExchange(PSK, PLEDGE),
                            new JumpAheadSequence(new JumpAheadSequence.InMemoryStore()),
                            PledgeJoin.Settings.rfc9031(), JoinTarget.Next.sameTarget());
                    p.start(0, JP_LL, CAFE);
                    byte[] req = p.poll(0, r).get(0).bytes();
                    answers = List.of(new ScriptedJrc(PSK, PLEDGE, jr -> ScriptedJrc.changed(CONFIGURATION))
                            .handle(req).orElseThrow(), req);
                }
                byte[] in = input(r, answers);
                PledgeJoin current = p;
                noThrow(in, () -> {
                    current.onDatagram(1, in);
                    return current.poll(2, r);
                });
                if (p.state() == PledgeJoin.State.JOINED) {
                    assertEquals(expected, p.configuration().orElseThrow(), "forged: " + HEX.formatHex(in));
                    joined[0]++;
                }
            }
            return null;
        });
        assertTrue(joined[0] > 0, "mutations outside the AEAD still join");
        System.out.println("pledge onDatagram: " + CASES + " cases in " + (System.nanoTime() - start) / 1_000_000
                + " ms, " + joined[0] + " joins");
    }

    @Test
    void joinedNodeServer() {
        OSCoreCtx jrc = CojpOscoreProfile.jrcContext(PSK, PLEDGE);
        List<byte[]> updates = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            updates.add(JoinedNodeServerTest.update(jrc, i, HEX.parseHex(i % 2 == 0 ? "a10702" : "a10680")));
        }
        List<ReplayWindow> persisted = new ArrayList<>();
        JoinedNodeServer node = new JoinedNodeServer(PSK, PLEDGE, ReplayWindow.EMPTY, persisted::add,
                c -> Optional.empty());
        SplittableRandom r = new SplittableRandom(0xd00d);
        int applied = 0;
        long start = System.nanoTime();
        for (int i = 0; i < CASES; i++) {
            byte[] in = input(r, updates);
            JoinedNodeServer.Outcome o = noThrow(in, () -> node.onDatagram(in));
            if (o instanceof JoinedNodeServer.Outcome.Updated u) {
                applied++;
                assertTrue(u.configuration().joinRate().isPresent() || u.configuration().blacklist().isPresent());
            }
        }
        assertTrue(applied > 0 && applied <= updates.size(), "each update applied at most once: " + applied);
        assertEquals(applied, persisted.size());
        System.out.println("joined node server: " + CASES + " cases in " + (System.nanoTime() - start) / 1_000_000
                + " ms, " + applied + " applied, " + node);
    }
}
