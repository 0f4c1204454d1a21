package io.sixjoin.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.sixjoin.cbor.cojp.JoinRequest;
import io.sixjoin.jrc.store.JrcStore;
import io.sixjoin.jrc.store.ReplayWindowState;
import io.sixjoin.jrc.store.StoreLocation;
import io.sixjoin.stack.cojp.PledgeId;
import io.sixjoin.stack.cojp.PledgeJoinExchange;
import io.sixjoin.stack.cojp.PledgeJoinExchange.Answer;
import io.sixjoin.stack.cojp.PreSharedKey;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.Token;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JRC is killed with SIGKILL while pledges are joining, then restarted on the same store: every pledge ends up
 * joined, and no nonce is ever used twice — for the JRC a response nonce is the request's (pledge, Partial IV), so
 * two different ciphertexts answering the same request would be nonce reuse under the JRC's key. Old requests
 * replayed after the restart are refused (the replay windows were persisted), and the store shows them.
 */
class JrcKillRestartTest {
    static final int PLEDGES = 12;
    static final byte[] NETWORK = {(byte) 0xca, (byte) 0xfe};

    record Sent(byte[] datagram, int seq) {
    }

    static final class Pledge {
        final PledgeJoinExchange exchange;
        final Map<Integer, byte[]> answers = new HashMap<>();
        final List<Sent> sent = new ArrayList<>();
        int duplicates;
        boolean joined;

        Pledge(String eui, String psk) {
            exchange = new PledgeJoinExchange(PreSharedKey.parse(psk), PledgeId.parse(eui));
        }
    }

    @Test
    void killNineMidRunLosesNoJoinAndReusesNoNonce(@TempDir Path dir) throws Exception {
        Random random = new Random(42);
        List<Pledge> pledges = new ArrayList<>();
        StringBuilder csv = new StringBuilder("eui64,psk\n");
        for (int i = 0; i < PLEDGES; i++) {
            byte[] psk = new byte[16];
            random.nextBytes(psk);
            String eui = String.format("00124b00%08x", 0x1000 + i);
            csv.append(eui).append(',').append(HexFormat.of().formatHex(psk)).append('\n');
            pledges.add(new Pledge(eui, HexFormat.of().formatHex(psk)));
        }
        Files.writeString(dir.resolve("pledges.csv"), csv);
        assertEquals(0, JrcProcess.run(dir, "pledges", "import", "pledges.csv"));

        int port = freeUdpPort();
        InetSocketAddress jrcAddress = new InetSocketAddress("127.0.0.1", port);
        String listen = "127.0.0.1:" + port;
        List<Pledge> early = pledges.subList(0, PLEDGES / 2);
        List<Pledge> late = pledges.subList(PLEDGES / 2, PLEDGES);
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            JrcProcess[] jrc = {JrcProcess.start(dir, "--listen", listen)};
            try {
            // Phase 1: half the pledges join with the first JRC process.
            joinAll(socket, jrcAddress, early, random);
            List<Sent> answeredBeforeCrash = new ArrayList<>();
            early.forEach(p -> p.sent.stream().filter(x -> p.answers.containsKey(x.seq()))
                    .forEach(answeredBeforeCrash::add));
            // Phase 2: the other half send, and the JRC dies with their requests in flight.
            for (Pledge p : late) {
                send(socket, jrcAddress, p, random);
            }
            jrc[0].kill();
            jrc[0] = JrcProcess.start(dir, "--listen", listen);
            joinAll(socket, jrcAddress, late, random);
            // Phase 3: every request answered before the crash is replayed; the new process must stay silent
            // (its response cache is empty, so only the persisted replay windows can stop it).
            int before = totalAnswers(pledges);
            for (Sent x : answeredBeforeCrash) {
                socket.send(new DatagramPacket(x.datagram(), x.datagram().length, jrcAddress));
            }
            drain(socket, pledges, 1000);
            assertEquals(before, totalAnswers(pledges), "requests answered before the crash were answered again");
            // And anything else ever sent: at most the identical cached answer (checked inside drain).
            for (Pledge p : pledges) {
                for (Sent x : p.sent) {
                    socket.send(new DatagramPacket(x.datagram(), x.datagram().length, jrcAddress));
                }
            }
            drain(socket, pledges, 1000);
            assertTrue(answeredBeforeCrash.size() >= early.size());
            assertTrue(jrc[0].lines.stream().anyMatch(l -> l.startsWith("joined")), "no join line: " + jrc[0].lines);
            } finally {
                jrc[0].close(); // also after a failed assertion: never leave a JRC running
            }
        }

        try (JrcStore store = JrcStore.open(StoreLocation.dataDirectory(dir.resolve("sixjoin-data")),
                Clock.systemUTC(), new Random())) {
            for (Pledge p : pledges) {
                PledgeId id = p.exchange.pledge();
                assertTrue(store.nodes().find(id).isPresent(), "join of " + id + " lost");
                int lastAnswered = p.answers.keySet().stream().mapToInt(Integer::intValue).max().orElseThrow();
                ReplayWindowState w = store.oscore().loadReplayWindow(id).orElseThrow();
                assertTrue(w.highestSeq() >= lastAnswered, id + ": window " + w + " behind answered " + lastAnswered);
            }
        }
    }

    private static void joinAll(DatagramSocket socket, InetSocketAddress jrc, List<Pledge> pledges, Random random)
            throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (pledges.stream().anyMatch(p -> !p.joined)) {
            if (System.nanoTime() > deadline) {
                fail(pledges.stream().filter(p -> !p.joined).count() + " pledges did not join");
            }
            for (Pledge p : pledges) {
                if (!p.joined) {
                    send(socket, jrc, p, random);
                }
            }
            drain(socket, pledges, 400);
        }
    }

    private static void send(DatagramSocket socket, InetSocketAddress jrc, Pledge p, Random random) throws Exception {
        int mid = random.nextInt(0x10000);
        PledgeJoinExchange.Protected r = p.exchange.protect(JoinRequest.of(NETWORK), CoAP.Type.NON, mid,
                Token.fromProvider(new byte[] {(byte) mid}));
        p.sent.add(new Sent(r.datagram(), r.sequence()));
        socket.send(new DatagramPacket(r.datagram(), r.datagram().length, jrc));
    }

    private static int totalAnswers(List<Pledge> pledges) {
        return pledges.stream().mapToInt(p -> p.answers.size() + p.duplicates).sum();
    }

    /** Reads answers for a while; a second, different answer to the same request is nonce reuse. */
    private static void drain(DatagramSocket socket, List<Pledge> pledges, int millis) throws Exception {
        socket.setSoTimeout(millis);
        byte[] buf = new byte[2048];
        while (true) {
            DatagramPacket packet = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(packet);
            } catch (SocketTimeoutException e) {
                return;
            }
            byte[] d = Arrays.copyOf(buf, packet.getLength());
            boolean matched = false;
            for (Pledge p : pledges) {
                for (Sent s : p.sent) {
                    Answer a = p.exchange.unprotect(d, s.seq());
                    if (a instanceof Answer.Joined) {
                        byte[] previous = p.answers.putIfAbsent(s.seq(), d);
                        if (previous != null) {
                            p.duplicates++;
                            if (!Arrays.equals(stripHeader(previous), stripHeader(d))) {
                                fail("nonce reuse: two different answers to " + p.exchange.pledge() + " seq " + s.seq());
                            }
                        }
                        p.joined = true;
                        matched = true;
                        break;
                    }
                }
                if (matched) {
                    break;
                }
            }
            if (!matched) {
                fail("an answer no pledge could verify: " + HexFormat.of().formatHex(d));
            }
        }
    }

    /** Options and ciphertext: the header (type, Message ID, token) may differ between copies of one answer. */
    private static byte[] stripHeader(byte[] d) {
        int tkl = d[0] & 0x0f;
        return Arrays.copyOfRange(d, 4 + tkl, d.length);
    }

    private static int freeUdpPort() throws Exception {
        try (DatagramSocket s = new DatagramSocket(0)) {
            return s.getLocalPort();
        }
    }
}
