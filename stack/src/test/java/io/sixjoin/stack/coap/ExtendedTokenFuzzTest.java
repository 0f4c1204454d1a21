package io.sixjoin.stack.coap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;

import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.Message;
import org.eclipse.californium.core.coap.MessageFormatException;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.serialization.UdpDataParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Seeded fuzzing of the parser with random and mutated datagrams. The only acceptable outcomes are a message or
 * one of Californium's {@link MessageFormatException}s (which includes {@code CoAPMessageFormatException}); an
 * {@code ArrayIndexOutOfBoundsException} or the like would escape Californium's receive path as a crash. For
 * RFC 7252 token lengths the outcome must also agree with Californium's own parser. Case count from the system
 * property {@code sixjoin.fuzz.cases} (default 100000); the seed is printed on failure.
 */
class ExtendedTokenFuzzTest {
    private static final long SEED = 0x6715C4L;
    private static final int[] INTERESTING_LENGTHS = {0, 1, 8, 9, 12, 13, 14, 20, 268, 269, 270, 300, 1000};

    private final ExtendedTokenUdpDataParser parser = new ExtendedTokenUdpDataParser();
    private final UdpDataParser stock = new UdpDataParser();
    private final ExtendedTokenUdpDataSerializer serializer = new ExtendedTokenUdpDataSerializer();

    @Test
    @Timeout(60)
    void parserOnlyEverYieldsMessagesOrFormatErrors() {
        int cases = Integer.getInteger("sixjoin.fuzz.cases", 100000);
        Random random = new Random(SEED);
        int parsed = 0;
        int extended = 0;
        for (int i = 0; i < cases; i++) {
            byte[] datagram = switch (random.nextInt(4)) {
                case 0 -> randomBytes(random, random.nextInt(48));
                case 1 -> randomHeaderish(random);
                default -> mutate(random, valid(random));
            };
            Message message = parse(datagram, i);
            if (message != null) {
                parsed++;
                if (message.getToken() instanceof ExtendedToken) {
                    extended++;
                }
            }
            if ((datagram.length >= 4) && (datagram[0] & 0x0F) <= 8) {
                agreesWithCalifornium(datagram, message, i);
            }
        }
        // Guard against a generator that only ever produces junk: both outcomes must be well exercised.
        assertTrue(parsed > cases / 10, "parsed " + parsed + " of " + cases);
        assertTrue(extended > cases / 20, "extended tokens " + extended + " of " + cases);
    }

    @Test
    void validMessagesRoundTrip() {
        Random random = new Random(SEED + 1);
        for (int i = 0; i < 5000; i++) {
            Message original = message(random);
            byte[] wire = serializer.getByteArray(original);
            Message parsed = parser.parseMessage(wire);
            assertArrayEquals(ExtendedToken.wireBytes(original.getToken()), ExtendedToken.wireBytes(parsed.getToken()));
            assertEquals(original.getToken(), parsed.getToken(), "surrogates agree across parse");
            parsed.setBytes(null);
            assertArrayEquals(wire, serializer.getByteArray(parsed), "case " + i);
        }
    }

    private Message parse(byte[] datagram, int i) {
        try {
            return parser.parseMessage(datagram);
        } catch (MessageFormatException expected) {
            return null;
        } catch (RuntimeException e) {
            fail("seed " + SEED + " case " + i + " datagram " + HexFormat.of().formatHex(datagram) + ": " + e, e);
            return null;
        }
    }

    private void agreesWithCalifornium(byte[] datagram, Message ours, int i) {
        Message theirs;
        try {
            theirs = stock.parseMessage(datagram);
        } catch (MessageFormatException e) {
            theirs = null;
        } catch (IllegalStateException e) {
            // Californium's relaxed Empty-message mode lets such bodies through to EmptyMessage, which throws;
            // the endpoint would drop the datagram anyway, our parser reports it as a format error instead.
            theirs = null;
        }
        String where = "case " + i + " datagram " + HexFormat.of().formatHex(datagram);
        assertEquals(theirs == null, ours == null, where);
        if (theirs != null) {
            assertEquals(theirs.toString(), ours.toString(), where);
        }
    }

    private Message message(Random random) {
        int length = random.nextBoolean() ? INTERESTING_LENGTHS[random.nextInt(INTERESTING_LENGTHS.length)]
                : random.nextInt(random.nextInt(10) == 0 ? 3000 : 40);
        Message message = random.nextBoolean() ? new Request(CoAP.Code.POST, CoAP.Type.NON)
                : new Response(CoAP.ResponseCode.CHANGED);
        if (message instanceof Response response) {
            response.setType(random.nextBoolean() ? CoAP.Type.ACK : CoAP.Type.CON);
        }
        message.setMID(random.nextInt(0x10000));
        message.setToken(ExtendedToken.of(randomBytes(random, length)));
        if (random.nextBoolean()) {
            message.getOptions().setUriPath("j");
        }
        if (random.nextBoolean()) {
            message.setPayload(randomBytes(random, 1 + random.nextInt(30)));
        }
        return message;
    }

    private byte[] valid(Random random) {
        return serializer.getByteArray(message(random));
    }

    private static byte[] mutate(Random random, byte[] datagram) {
        switch (random.nextInt(4)) {
            case 0 -> {
                return Arrays.copyOf(datagram, random.nextInt(datagram.length + 1));
            }
            case 1 -> {
                // Flip the TKL nibble or an extended length byte, the fields this class is responsible for.
                int at = random.nextInt(Math.min(datagram.length, 6));
                datagram[at] ^= (byte) (1 << random.nextInt(8));
                return datagram;
            }
            case 2 -> {
                datagram[random.nextInt(datagram.length)] = (byte) random.nextInt(256);
                return datagram;
            }
            default -> {
                byte[] longer = Arrays.copyOf(datagram, datagram.length + 1 + random.nextInt(4));
                longer[longer.length - 1] = (byte) random.nextInt(256);
                return longer;
            }
        }
    }

    private static byte[] randomHeaderish(Random random) {
        byte[] datagram = randomBytes(random, 4 + random.nextInt(40));
        // Version 1 and a TKL of 9..15, so the random body meets the extended-length code rather than an early exit.
        datagram[0] = (byte) (0x40 | (random.nextInt(4) << 4) | (9 + random.nextInt(7)));
        return datagram;
    }

    private static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
