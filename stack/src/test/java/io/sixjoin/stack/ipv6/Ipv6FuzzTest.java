package io.sixjoin.stack.ipv6;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.Inet6Address;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Seeded fuzzing of {@link Ipv6Packet#parse} and {@link UdpDatagram#parse} with random bytes, valid packets
 * (random fields, random Hop-by-Hop / Destination Options / Routing headers) and mutations of valid packets.
 * The only acceptable outcomes are a value or an {@link Ipv6FormatException}; every value must round-trip.
 * Case count from the system property {@code sixjoin.fuzz.cases} (default 100000); a failure names the seed,
 * the case number and the input.
 */
class Ipv6FuzzTest {
    private static final long SEED = 0x1FE6_2026L;
    private static final int[] EXTENSIONS = {Ipv6Packet.HOP_BY_HOP, Ipv6Packet.DESTINATION_OPTIONS,
            Ipv6Packet.ROUTING};

    @Test
    @Timeout(60)
    void decodersOnlyEverYieldValuesOrFormatErrors() {
        int cases = Integer.getInteger("sixjoin.fuzz.cases", 100000);
        Random random = new Random(SEED);
        int parsed = 0;
        int udp = 0;
        for (int i = 0; i < cases; i++) {
            byte[] input = switch (random.nextInt(5)) {
                case 0 -> randomBytes(random, random.nextInt(80));
                case 1, 2 -> valid(random);
                default -> mutate(random, valid(random));
            };
            try {
                Ipv6Packet packet = Ipv6Packet.parse(input);
                parsed++;
                assertEquals(packet, Ipv6Packet.parse(packet.encode()), "round trip");
                UdpDatagram datagram = UdpDatagram.parse(packet);
                udp++;
                assertArrayEquals(packet.payload(), datagram.encode(packet.source(), packet.destination()),
                        "UDP re-encodes to the bytes it came from");
            } catch (Ipv6FormatException expected) {
                // the one permitted failure
            } catch (RuntimeException | Error e) {
                fail("seed " + SEED + " case " + i + " input " + HexFormat.of().formatHex(input), e);
            }
        }
        // Guard against a generator that only produces junk: both decoders must see plenty of good input.
        assertTrue(parsed > cases / 4, "parsed " + parsed + " of " + cases);
        assertTrue(udp > cases / 5, "UDP " + udp + " of " + cases);
    }

    @Test
    void randomValuesRoundTrip() throws Ipv6FormatException {
        Random random = new Random(SEED + 1);
        for (int i = 0; i < 5000; i++) {
            Inet6Address src = address(random);
            Inet6Address dst = address(random);
            UdpDatagram datagram = new UdpDatagram(random.nextInt(65536), random.nextInt(65536),
                    randomBytes(random, random.nextInt(200)));
            Ipv6Packet packet = new Ipv6Packet(random.nextInt(256), random.nextInt(1 << 20), Ipv6Packet.UDP,
                    random.nextInt(256), src, dst, datagram.encode(src, dst));
            Ipv6Packet back = Ipv6Packet.parse(packet.encode());
            assertEquals(packet, back, "case " + i);
            assertEquals(datagram, UdpDatagram.parse(back), "case " + i);
        }
    }

    private static byte[] valid(Random random) {
        Inet6Address src = address(random);
        Inet6Address dst = address(random);
        byte[] udp = new UdpDatagram(random.nextInt(65536), random.nextInt(65536),
                randomBytes(random, random.nextInt(64))).encode(src, dst);
        int extensions = random.nextInt(4) == 0 ? 1 + random.nextInt(3) : 0;
        byte[] chain = new byte[0];
        int next = Ipv6Packet.UDP;
        // Built back to front so each header names the one after it.
        for (int e = 0; e < extensions; e++) {
            int type = e == extensions - 1 && random.nextBoolean() ? Ipv6Packet.HOP_BY_HOP
                    : EXTENSIONS[1 + random.nextInt(2)];
            byte[] header = new byte[8 * (1 + random.nextInt(3))];
            header[0] = (byte) next;
            header[1] = (byte) (header.length / 8 - 1);
            if (type == Ipv6Packet.ROUTING) {
                header[2] = 3; // segments left stays 0
            }
            chain = concat(header, chain);
            next = type;
        }
        byte[] payload = concat(chain, udp);
        byte[] packet = new Ipv6Packet(random.nextInt(256), random.nextInt(1 << 20), next, 1 + random.nextInt(255),
                src, dst, payload).encode();
        return packet;
    }

    private static byte[] mutate(Random random, byte[] packet) {
        byte[] out = packet;
        int mutations = 1 + random.nextInt(3);
        for (int m = 0; m < mutations; m++) {
            switch (random.nextInt(5)) {
                case 0 -> out = Arrays.copyOf(out, random.nextInt(out.length + 1));
                case 1 -> out = Arrays.copyOf(out, out.length + 1 + random.nextInt(16));
                case 2 -> {
                    if (out.length > 0) {
                        out[random.nextInt(out.length)] ^= (byte) (1 << random.nextInt(8));
                    }
                }
                case 3 -> {
                    // Length and next-header fields are where decoders go wrong; aim at them.
                    int[] hot = {4, 5, 6, 40, 41, 44, 45, 46, 47, 48, 49};
                    int at = hot[random.nextInt(hot.length)];
                    if (at < out.length) {
                        out[at] = (byte) (random.nextBoolean() ? random.nextInt(256) : new int[] {0, 1, 0xFF,
                                17, 43, 44, 60}[random.nextInt(7)]);
                    }
                }
                default -> {
                    if (out.length > 0) {
                        out[random.nextInt(out.length)] = (byte) random.nextInt(256);
                    }
                }
            }
        }
        return out;
    }

    private static Inet6Address address(Random random) {
        byte[] bytes = randomBytes(random, 16);
        if (random.nextBoolean()) {
            // Mostly realistic mesh addresses: a shared /64, varied interface identifiers.
            System.arraycopy(new byte[] {(byte) 0xbb, (byte) 0xbb, 0, 0, 0, 0, 0, 0}, 0, bytes, 0, 8);
        }
        return Ipv6Packet.address(bytes, 0);
    }

    private static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
