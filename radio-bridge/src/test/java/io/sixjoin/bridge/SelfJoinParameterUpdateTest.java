package io.sixjoin.bridge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sixjoin.bridge.uplink.Uplink;
import io.sixjoin.cbor.cojp.Configuration;
import io.sixjoin.cbor.cojp.ConfigurationCodec;
import io.sixjoin.cbor.cojp.LinkLayerKey;
import io.sixjoin.stack.cojp.CojpOscoreProfile;
import io.sixjoin.stack.cojp.PledgeId;
import io.sixjoin.stack.cojp.PreSharedKey;
import io.sixjoin.stack.ipv6.Ipv6Packet;
import io.sixjoin.stack.ipv6.UdpDatagram;
import io.sixjoin.stack.oscore.SingleContextDb;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Consumer;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.coap.Token;
import org.eclipse.californium.core.network.serialization.UdpDataParser;
import org.eclipse.californium.core.network.serialization.UdpDataSerializer;
import org.eclipse.californium.elements.AddressEndpointContext;
import org.eclipse.californium.elements.util.Bytes;
import org.eclipse.californium.oscore.OSCoreCtx;
import org.eclipse.californium.oscore.RequestEncryptor;
import org.eclipse.californium.oscore.ResponseDecryptor;
import org.junit.jupiter.api.Test;

/**
 * The joined bridge serves /j for the JRC's Parameter Updates (RFC 9031 §8.2): a rekey reaches it as a protected
 * POST, it answers a protected 2.04 through the uplink and hands the newest key on (for a new SETROOT), and a
 * replay of the same update changes nothing.
 */
class SelfJoinParameterUpdateTest {
    static final PreSharedKey PSK = PreSharedKey.parse("0102030405060708090a0b0c0d0e0f10");
    static final long MOTE = 0x00124b0014b5d2a1L;

    static final class RecordingUplink implements Uplink {
        final List<byte[]> sent = new ArrayList<>();

        @Override
        public void start(Consumer<byte[]> downstream) {
        }

        @Override
        public void send(byte[] ipv6Packet) {
            sent.add(ipv6Packet);
        }

        @Override
        public String describe() {
            return "recording";
        }

        @Override
        public void close() {
        }
    }

    @Test
    void rekeyUpdateIsAnsweredAndItsNewestKeyReturned() throws Exception {
        RecordingUplink uplink = new RecordingUplink();
        BridgeConfig config = BridgeConfig.of("tcp://127.0.0.1:1", PSK);
        SelfJoin join = new SelfJoin(config, MOTE, uplink, new BridgeStats(), new Random(1),
                SequenceFiles.inMemory(), SequenceFiles.windowsInMemory());
        OSCoreCtx jrc = CojpOscoreProfile.jrcContext(PSK, PledgeId.of(java.nio.ByteBuffer.allocate(8).putLong(MOTE).array()));
        byte[] oldKey = new byte[16];
        byte[] newKey = new byte[16];
        Arrays.fill(oldKey, (byte) 0x11);
        Arrays.fill(newKey, (byte) 0x22);
        Configuration rekey = Configuration.empty().withKeySet(List.of(LinkLayerKey.of(1, oldKey),
                LinkLayerKey.of(2, newKey)));

        Request update = Request.newPost();
        update.setType(CoAP.Type.CON);
        update.setMID(0x4242);
        update.setToken(Token.fromProvider(new byte[] {9}));
        update.setDestinationContext(new AddressEndpointContext(new InetSocketAddress("::1", 5683)));
        update.getOptions().setUriHost(CojpOscoreProfile.URI_HOST);
        update.getOptions().addUriPath(CojpOscoreProfile.URI_PATH);
        update.getOptions().setOscore(Bytes.EMPTY);
        update.setPayload(ConfigurationCodec.encode(rekey));
        int seq = jrc.getSenderSeq();
        byte[] coap = new UdpDataSerializer().getByteArray(RequestEncryptor.encrypt(new SingleContextDb(jrc), update));
        Ipv6Packet packet = new UdpDatagram(5683, 5683, coap).toIpv6(config.jrcAddress(), join.ownAddress(), 64);

        Optional<SelfJoin.NetworkKey> key = join.parameterUpdate(packet);
        assertTrue(key.isPresent(), "the rekey was not taken");
        assertEquals(2, key.get().index());
        assertArrayEquals(newKey, key.get().value());
        assertEquals(1, uplink.sent.size(), "one protected answer up the tunnel");
        Ipv6Packet reply = Ipv6Packet.parse(uplink.sent.get(0));
        assertEquals(config.jrcAddress(), reply.destination());
        Response answer = (Response) new UdpDataParser().parseMessage(UdpDatagram.parse(reply).payload());
        answer.setSourceContext(new AddressEndpointContext(new InetSocketAddress("::1", 5683)));
        assertEquals(CoAP.ResponseCode.CHANGED, ResponseDecryptor.decrypt(new SingleContextDb(jrc), answer, seq)
                .getCode());

        // The same update replayed under a new Message ID: verified as not fresh, nothing applied.
        byte[] replayed = coap.clone();
        replayed[3] ^= 0x01;
        assertTrue(join.parameterUpdate(new UdpDatagram(5683, 5683, replayed)
                .toIpv6(config.jrcAddress(), join.ownAddress(), 64)).isEmpty());
    }
}
