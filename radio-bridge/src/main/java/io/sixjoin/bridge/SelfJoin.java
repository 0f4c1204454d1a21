package io.sixjoin.bridge;

import io.sixjoin.bridge.uplink.Uplink;
import io.sixjoin.cbor.cojp.JoinRequest;
import io.sixjoin.cbor.cojp.LinkLayerKey;
import io.sixjoin.cbor.cojp.Role;
import io.sixjoin.stack.cojp.PledgeId;
import io.sixjoin.stack.cojp.PledgeJoinExchange;
import io.sixjoin.stack.ipv6.Ipv6FormatException;
import io.sixjoin.stack.ipv6.Ipv6Packet;
import io.sixjoin.stack.ipv6.UdpDatagram;
import java.io.IOException;
import java.net.Inet6Address;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.function.Function;
import io.sixjoin.stack.cojp.JumpAheadSequence;
import io.sixjoin.stack.cojp.NonVolatileSequence;
import io.sixjoin.stack.cojp.JoinedNodeServer;
import io.sixjoin.stack.cojp.ConfigurationCheck;
import java.util.Random;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.Token;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bridge's own CoJP join (RFC 9031, role 6LBR), as the pledge side over the uplink: each {@link #send} is a
 * fresh OSCORE-protected NON request (new sequence number, message ID and token) from {@code <prefix>::<IID>}
 * to the configured JRC address, and {@link #answer} turns what comes back to that address into the network
 * key, or nothing. Retry timing belongs to {@link BorderRouterSession}. The key never reaches a log line.
 */
final class SelfJoin {
    /** The network key the JRC gave us, for SETROOT. */
    record NetworkKey(int index, byte[] value) {
        @Override
        public String toString() {
            return "NetworkKey[index " + index + ", value [redacted]]";
        }
    }

    static final int COAP_PORT = 5683;
    static final int HOP_LIMIT = 64;

    private static final Logger LOG = LoggerFactory.getLogger(SelfJoin.class);

    private final BridgeConfig config;
    private final PledgeJoinExchange exchange;
    private final Uplink uplink;
    private final BridgeStats stats;
    private final Random random;
    private final Inet6Address ownAddress;
    private int messageId;
    private int pendingSequence = -1;
    private final NonVolatileSequence sequence;
    private final JoinedNodeServer updates;

    /**
     * @param moteEui   the border-router mote's EUI-64: the default pledge identifier and IID
     * @param sequences the non-volatile memory of each pledge identity's sequence numbers
     */
    SelfJoin(BridgeConfig config, long moteEui, Uplink uplink, BridgeStats stats, Random random,
            Function<PledgeId, JumpAheadSequence.Store> sequences,
            Function<PledgeId, SequenceFiles.WindowStore> windows) {
        this.config = config;
        PledgeId id = config.pledgeId().orElseGet(() -> PledgeId.of(Mesh.bytes(moteEui)));
        this.exchange = new PledgeJoinExchange(config.psk(), id);
        // Booting the sequence jumps past every number a previous run of this bridge may have used (App. B.1.1).
        this.sequence = new JumpAheadSequence(sequences.apply(id));
        SequenceFiles.WindowStore window = windows.apply(id);
        // The bridge is a joined 6LBR too: it serves /j for the JRC's Parameter Updates (rekeying), RFC 9031 §8.2.
        this.updates = new JoinedNodeServer(config.psk(), id, window.load(), window::save, ConfigurationCheck.acceptAll());
        this.uplink = uplink;
        this.stats = stats;
        this.random = random;
        long iid = id.length() == 8 ? ByteBuffer.wrap(id.bytes()).getLong() : moteEui;
        this.ownAddress = Mesh.address(config.prefix(), iid);
        this.messageId = random.nextInt(0x10000);
    }

    PledgeId pledge() {
        return exchange.pledge();
    }

    /** The source of our requests, where the JRC's answer comes back to. */
    Inet6Address ownAddress() {
        return ownAddress;
    }

    /** Sends one Join Request; a refused send is counted, and the caller's timer retries. */
    void send() {
        byte[] token = new byte[2];
        random.nextBytes(token);
        JoinRequest request = new JoinRequest(Optional.of(Role.SIXLBR), config.networkId(), Optional.empty());
        exchange.setNextSequence(sequence.next());
        PledgeJoinExchange.Protected p = exchange.protect(request, CoAP.Type.NON, messageId++ & 0xFFFF,
                new Token(token));
        pendingSequence = p.sequence();
        byte[] packet = new UdpDatagram(COAP_PORT, COAP_PORT, p.datagram())
                .toIpv6(ownAddress, config.jrcAddress(), HOP_LIMIT).encode();
        try {
            uplink.send(packet);
        } catch (IOException e) {
            stats.drop(BridgeStats.Drop.UPLINK_FAILED);
            LOG.debug("join request not sent: {}", e.getMessage());
        }
    }

    /**
     * Reads a packet the JRC addressed to the joined bridge: a Parameter Update is verified, answered through the
     * uplink, and its newest link-layer key returned (the 6LBR installs new keys at once, RFC 9031 §8.4.3.1).
     */
    Optional<NetworkKey> parameterUpdate(Ipv6Packet packet) {
        UdpDatagram udp;
        try {
            udp = UdpDatagram.parse(packet);
        } catch (Ipv6FormatException e) {
            return Optional.empty();
        }
        JoinedNodeServer.Outcome outcome = updates.onDatagram(udp.payload());
        Optional<byte[]> answer = outcome.answer();
        if (answer.isPresent()) {
            byte[] reply = new UdpDatagram(COAP_PORT, udp.sourcePort(), answer.get())
                    .toIpv6(ownAddress, packet.source(), HOP_LIMIT).encode();
            try {
                uplink.send(reply);
            } catch (IOException e) {
                stats.drop(BridgeStats.Drop.UPLINK_FAILED);
            }
        }
        if (outcome instanceof JoinedNodeServer.Outcome.Updated u) {
            Optional<LinkLayerKey> newest = u.configuration().keySet().flatMap(l -> l.isEmpty() ? Optional.empty()
                    : Optional.of(l.get(l.size() - 1)));
            return newest.map(k -> new NetworkKey((int) k.keyId(), k.keyValue()));
        }
        return Optional.empty();
    }

    /** Reads a packet addressed to us; the network key if it is the JRC admitting us. */
    Optional<NetworkKey> answer(Ipv6Packet packet) {
        if (pendingSequence < 0) {
            return Optional.empty();
        }
        byte[] coap;
        try {
            coap = UdpDatagram.parse(packet).payload();
        } catch (Ipv6FormatException e) {
            return Optional.empty();
        }
        PledgeJoinExchange.Answer answer = exchange.unprotect(coap, pendingSequence);
        if (answer instanceof PledgeJoinExchange.Answer.Joined joined) {
            Optional<LinkLayerKey> k = joined.configuration().configuration().keySet()
                    .flatMap(list -> list.stream().findFirst());
            if (k.isEmpty()) {
                LOG.warn("the JRC admitted the bridge but sent no link-layer key; retrying");
                return Optional.empty();
            }
            return Optional.of(new NetworkKey((int) k.get().keyId(), k.get().keyValue()));
        }
        if (answer instanceof PledgeJoinExchange.Answer.Refused refused) {
            LOG.warn("the JRC refused the bridge's join: {}", refused.diagnostic());
        } else if (answer instanceof PledgeJoinExchange.Answer.Invalid invalid) {
            LOG.warn("the JRC's answer to the bridge's join is invalid: {}", invalid.why());
        } else if (answer instanceof PledgeJoinExchange.Answer.Discarded discarded) {
            LOG.debug("datagram for the bridge discarded: {}", discarded.why());
        }
        return Optional.empty();
    }
}
