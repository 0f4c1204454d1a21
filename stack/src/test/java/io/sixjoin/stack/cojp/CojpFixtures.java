package io.sixjoin.stack.cojp;

import io.sixjoin.stack.coap.ExtendedTokenUdpDataParser;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.eclipse.californium.core.coap.Message;

/** Shared names of the CoJP mechanism tests: the cojp.md §9.4 pledge, its addresses, and a few helpers. */
final class CojpFixtures {
    static final HexFormat HEX = HexFormat.of();
    static final int CASES = Integer.getInteger("sixjoin.fuzz.cases", 100_000);
    static final PreSharedKey PSK = PreSharedKey.parse("0102030405060708090a0b0c0d0e0f10");
    static final PledgeId PLEDGE = PledgeId.parse("00124b0014b5d2a1");
    static final byte[] CAFE = HEX.parseHex("cafe");
    /** RFC 9031 App. A configuration: key_id 1 and short address af93. */
    static final byte[] CONFIGURATION = HEX.parseHex("a202820150e6bf4287c2d7618d6a9687445ffd33e6038142af93");
    /** The pledge's link-local address: its EUI-64 with the universal/local bit inverted. */
    static final Inet6Address PLEDGE_LL = v6("fe80::212:4b00:14b5:d2a1");
    static final Inet6Address JP_LL = v6("fe80::1");
    static final Inet6Address JP2_LL = v6("fe80::2");
    static final Inet6Address JRC = v6("2001:db8::1");

    private CojpFixtures() {
    }

    static Inet6Address v6(String text) {
        try {
            return (Inet6Address) InetAddress.getByName(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    static InetSocketAddress pledgeSocket() {
        return new InetSocketAddress(PLEDGE_LL, CojpDatagram.COAP_PORT);
    }

    static Message parse(byte[] datagram) {
        return new ExtendedTokenUdpDataParser(false, OpenWsnStatelessProxy.REGISTRY).parseMessage(datagram);
    }

    static SplittableRandom rand(long seed) {
        return new SplittableRandom(seed);
    }

    /** Runs {@code body} with stderr swallowed: cf-oscore 3.13 prints a stack trace for every failed tag. */
    static <T> T quietly(Supplier<T> body) {
        PrintStream stderr = System.err;
        System.setErr(new PrintStream(OutputStream.nullOutputStream(), true));
        try {
            return body.get();
        } finally {
            System.setErr(stderr);
        }
    }

    static byte[] randomBytes(SplittableRandom rnd, int n) {
        byte[] b = new byte[n];
        rnd.nextBytes(b);
        return b;
    }

    /** One to three bit flips, byte overwrites, truncations, insertions or deletions of {@code valid}. */
    static byte[] mutate(SplittableRandom rnd, byte[] valid) {
        byte[] d = valid.clone();
        int edits = 1 + rnd.nextInt(3);
        for (int e = 0; e < edits && d.length > 0; e++) {
            switch (rnd.nextInt(5)) {
                case 0 -> d[rnd.nextInt(d.length)] ^= (byte) (1 << rnd.nextInt(8));
                case 1 -> d[rnd.nextInt(d.length)] = (byte) rnd.nextInt(256);
                case 2 -> d = java.util.Arrays.copyOf(d, rnd.nextInt(d.length + 1));
                case 3 -> {
                    int at = rnd.nextInt(d.length + 1);
                    byte[] n = new byte[d.length + 1];
                    System.arraycopy(d, 0, n, 0, at);
                    n[at] = (byte) rnd.nextInt(256);
                    System.arraycopy(d, at, n, at + 1, d.length - at);
                    d = n;
                }
                default -> {
                    int at = rnd.nextInt(d.length);
                    byte[] n = new byte[d.length - 1];
                    System.arraycopy(d, 0, n, 0, at);
                    System.arraycopy(d, at + 1, n, at, d.length - at - 1);
                    d = n;
                }
            }
        }
        return d;
    }
}
