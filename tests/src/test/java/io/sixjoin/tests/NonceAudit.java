package io.sixjoin.tests;

import io.sixjoin.stack.coap.ExtendedTokenUdpDataParser;
import io.sixjoin.stack.ipv6.Ipv6FormatException;
import io.sixjoin.stack.ipv6.Ipv6Packet;
import io.sixjoin.stack.ipv6.UdpDatagram;
import io.sixjoin.stack.pcap.PcapWriter;
import java.io.IOException;
import java.math.BigInteger;
import java.net.Inet6Address;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.eclipse.californium.core.coap.Message;
import org.eclipse.californium.core.coap.MessageFormatException;

/**
 * Proves from a capture that no OSCORE nonce was used twice: reads the bridge's IPv6 capture ({@code bridge --pcap},
 * every packet between the mesh and the JRC, the bridge's own join included) and, for every OSCORE-protected CoAP
 * message in it, works out which key and which nonce (RFC 8613 §5.2: ID_PIV and Partial IV) protected it. A key is
 * one end of one pledge's context (RFC 9031 §8.1.1: the pledge's Sender ID is empty, the JRC's is "JRC"); a request
 * uses its own kid and Partial IV; a response without a Partial IV reuses its request's nonce under the responder's
 * key, matched by token and addresses. Two messages under the same key and nonce must then carry the same
 * ciphertext — that is a retransmission, or the JRC replaying its cached answer — while different ciphertexts would
 * be AES-CCM nonce reuse, by the pledge or by the JRC. This is what {@link JrcKillRestartTest} checks against its
 * scripted pledges, done here on the packets real motes and a real bridge exchanged.
 */
final class NonceAudit {
    /** RFC 9031 §8.1.1: the JRC's OSCORE Sender ID. */
    static final String JRC_ID = "4a5243";
    private static final int OSCORE_OPTION = 9;

    private NonceAudit() {
    }

    /** One CoAP message from the capture, stamped as the bridge wrote it (wall clock, microseconds). */
    record Captured(int frame, long micros, Inet6Address source, int sourcePort, Inet6Address destination,
            int destinationPort, Message coap) {
    }

    /** The OSCORE option's fields; {@code kidContext} and {@code kid} are null when absent. */
    record OscoreOption(byte[] partialIv, byte[] kidContext, byte[] kid) {
        static OscoreOption parse(byte[] v) {
            if (v.length == 0) {
                return new OscoreOption(new byte[0], null, null);
            }
            int flags = v[0] & 0xff;
            int n = flags & 0x07;
            int i = 1;
            byte[] piv = Arrays.copyOfRange(v, i, i + n);
            i += n;
            byte[] context = null;
            if ((flags & 0x10) != 0) {
                int s = v[i] & 0xff;
                context = Arrays.copyOfRange(v, i + 1, i + 1 + s);
                i += 1 + s;
            }
            byte[] kid = (flags & 0x08) != 0 ? Arrays.copyOfRange(v, i, v.length) : null;
            return new OscoreOption(piv, context, kid);
        }
    }

    /**
     * What the audit saw: OSCORE requests and responses, how many repeated an earlier message exactly, per pledge
     * (EUI-64 hex) the highest Join Request sequence number the JRC answered, and when the JRC sent each of its
     * answers, by the nonce protecting it.
     */
    record Result(int requests, int responses, int repeats, Map<String, Long> highestAnswered,
            Map<String, List<Long>> jrcAnswers) {
        /** The JRC answers sent both before and after {@code micros}: one request answered by two processes. */
        List<String> answeredOnBothSidesOf(long micros) {
            return jrcAnswers.entrySet().stream().filter(e -> e.getValue().stream().anyMatch(t -> t < micros)
                    && e.getValue().stream().anyMatch(t -> t > micros)).map(Map.Entry::getKey).toList();
        }

        @Override
        public String toString() {
            return requests + " OSCORE requests, " + responses + " responses, " + repeats + " exact repeats";
        }
    }

    /** Every UDP/CoAP message in an IPv6 capture (LINKTYPE_IPV6), in capture order. */
    static List<Captured> read(Path pcap) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(pcap)).order(ByteOrder.LITTLE_ENDIAN);
        if (b.remaining() < 24 || b.getInt(0) != 0xa1b2c3d4 || b.getInt(20) != PcapWriter.LINKTYPE_IPV6) {
            throw new AssertionError(pcap + " is not a little-endian IPv6 pcap");
        }
        b.position(24);
        List<Captured> out = new ArrayList<>();
        ExtendedTokenUdpDataParser parser = new ExtendedTokenUdpDataParser();
        int frame = 0;
        while (b.remaining() >= 16) {
            frame++;
            long micros = (b.getInt() & 0xffffffffL) * 1_000_000 + (b.getInt() & 0xffffffffL);
            int captured = b.getInt();
            b.getInt();
            if (b.remaining() < captured) {
                throw new AssertionError(pcap + ": record " + frame + " is cut short");
            }
            byte[] packet = new byte[captured];
            b.get(packet);
            try {
                Ipv6Packet ip = Ipv6Packet.parse(packet);
                if (ip.nextHeader() != Ipv6Packet.UDP) {
                    continue;
                }
                UdpDatagram udp = UdpDatagram.parse(ip);
                if (udp.sourcePort() != 5683 && udp.destinationPort() != 5683) {
                    continue;
                }
                out.add(new Captured(frame, micros, ip.source(), udp.sourcePort(), ip.destination(),
                        udp.destinationPort(), parser.parseMessage(udp.payload())));
            } catch (Ipv6FormatException | MessageFormatException e) {
                throw new AssertionError(pcap + ": frame " + frame + " does not decode: " + e.getMessage(), e);
            }
        }
        if (b.hasRemaining()) {
            throw new AssertionError(pcap + ": " + b.remaining() + " bytes after the last whole record");
        }
        return out;
    }

    /** Audits {@code pcap}; throws naming both messages on the first nonce used for two different ciphertexts. */
    static Result check(Path pcap) throws IOException {
        List<Captured> messages = read(pcap);
        Map<String, Captured> byNonce = new HashMap<>();
        Map<String, Request> requests = new HashMap<>();
        Map<String, Long> highest = new TreeMap<>();
        Set<String> pledges = new HashSet<>();
        Map<String, List<Long>> jrcAnswers = new TreeMap<>();
        int nRequests = 0;
        int nResponses = 0;
        int repeats = 0;
        for (Captured c : messages) {
            byte[] value = c.coap().getOptions().getOscore();
            if (value == null) {
                continue; // not OSCORE: an empty ACK or RST carries no ciphertext
            }
            OscoreOption o = OscoreOption.parse(value);
            String key;
            int code = c.coap().getRawCode();
            if (code > 0 && code < 32) {
                // A request: its own kid and Partial IV make the nonce, under the sender's key.
                if (o.kid() == null || o.partialIv().length == 0) {
                    throw new AssertionError("frame " + c.frame() + ": an OSCORE request without kid or Partial IV");
                }
                String kid = hex(o.kid());
                String context;
                if (o.kidContext() != null) {
                    context = hex(o.kidContext());
                    pledges.add(context);
                } else {
                    // A Parameter Update (the JRC's kid) goes to the node, and the node's context is its EUI-64,
                    // which its address carries as interface identifier: as is (OpenWSN) or as a modified EUI-64.
                    context = pledgeOf(kid.equals(JRC_ID) ? c.destination() : c.source(), pledges);
                }
                Request r = new Request(context, kid, piv(o.partialIv()));
                requests.put(exchange(c.coap(), c.source(), c.destination()), r);
                key = context + " key " + owner(kid) + " nonce " + kid + "/" + r.piv();
                nRequests++;
            } else {
                Request r = requests.get(exchange(c.coap(), c.destination(), c.source()));
                if (r == null) {
                    throw new AssertionError("frame " + c.frame() + ": an OSCORE response to no request in the"
                            + " capture, token " + c.coap().getTokenString());
                }
                String responder = r.kid().equals(JRC_ID) ? "" : JRC_ID;
                key = r.context() + " key " + owner(responder) + " nonce " + (o.partialIv().length == 0
                        ? r.kid() + "/" + r.piv() : responder + "/" + piv(o.partialIv()));
                if (responder.equals(JRC_ID)) {
                    highest.merge(r.context(), r.piv(), Math::max);
                    jrcAnswers.computeIfAbsent(key, k -> new ArrayList<>()).add(c.micros());
                }
                nResponses++;
            }
            Captured earlier = byNonce.putIfAbsent(key, c);
            if (earlier != null) {
                if (!Arrays.equals(earlier.coap().getPayload(), c.coap().getPayload())) {
                    throw new AssertionError("nonce reuse in " + pcap.getFileName() + ": frames " + earlier.frame()
                            + " and " + c.frame() + " are both protected by " + key + " but carry different"
                            + " ciphertexts\n  " + describe(earlier) + "\n  " + describe(c));
                }
                repeats++;
            }
        }
        return new Result(nRequests, nResponses, repeats, highest, jrcAnswers);
    }

    private record Request(String context, String kid, long piv) {
    }

    /** A request and its response share the token; the response flows back between the same two ends. */
    private static String exchange(Message m, Inet6Address from, Inet6Address to) {
        return m.getTokenString() + " " + from.getHostAddress() + " > " + to.getHostAddress();
    }

    private static String owner(String senderId) {
        return senderId.equals(JRC_ID) ? "JRC" : "pledge";
    }

    private static long piv(byte[] piv) {
        return new BigInteger(1, piv).longValueExact();
    }

    private static String pledgeOf(Inet6Address a, Set<String> known) {
        byte[] iid = Arrays.copyOfRange(a.getAddress(), 8, 16);
        if (!known.contains(hex(iid))) {
            iid[0] ^= 0x02; // RFC 4291 App. A: a modified EUI-64 has the universal/local bit inverted
            if (known.contains(hex(iid))) {
                return hex(iid);
            }
            iid[0] ^= 0x02;
        }
        return hex(iid);
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    private static String describe(Captured c) {
        return "frame " + c.frame() + " " + c.source().getHostAddress() + " > " + c.destination().getHostAddress()
                + " " + c.coap() + " payload " + Optional.ofNullable(c.coap().getPayload()).map(NonceAudit::hex)
                .orElse("-");
    }
}
