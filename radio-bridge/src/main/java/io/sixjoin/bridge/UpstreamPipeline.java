package io.sixjoin.bridge;

import io.sixjoin.bridge.pcap.PacketCapture;
import io.sixjoin.bridge.uplink.Uplink;
import io.sixjoin.stack.ipv6.Ipv6Packet;
import io.sixjoin.stack.lowpan.Fragmenter;
import io.sixjoin.stack.lowpan.Ieee802154Address;
import io.sixjoin.stack.lowpan.LowpanCodec;
import io.sixjoin.stack.lowpan.LowpanFormatException;
import io.sixjoin.stack.lowpan.MeshPacket;
import io.sixjoin.stack.lowpan.Reassembler;
import io.sixjoin.stack.openwsn.MoteFrame;
import io.sixjoin.stack.rpl.Dao;
import io.sixjoin.stack.rpl.Icmpv6Message;
import io.sixjoin.stack.rpl.RplFormatException;
import java.io.IOException;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mesh to IPv6: each 'D' frame from the DAGroot is recorded in the 6LoWPAN capture, reassembled (RFC 4944),
 * decompressed (RFC 6282 / RFC 8138) and then routed. DAOs addressed to the root build the source-routing
 * table and stop here, because the DAGroot hands the host everything addressed to itself; a packet for another
 * mote with a known route goes back down, as OpenVisualizer does; everything else goes to the uplink (the JRC
 * drops what it does not serve). Runs on the bridge's event loop; the clock is passed in with each frame.
 */
final class UpstreamPipeline {
    /** RFC 4944 §5.3 allows up to 60 s; OpenWSN sends fragments back to back, so a few seconds suffice. */
    static final long REASSEMBLY_TIMEOUT_MILLIS = 10_000;
    static final int MAX_REASSEMBLIES = 16;

    private static final Logger LOG = LoggerFactory.getLogger(UpstreamPipeline.class);

    private final Mesh mesh;
    private final Uplink uplink;
    private final PacketCapture capture;
    private final BridgeStats stats;
    private final Consumer<byte[]> meshToMesh;
    private final Reassembler reassembler = new Reassembler(MAX_REASSEMBLIES, Fragmenter.MAX_DATAGRAM_SIZE,
            REASSEMBLY_TIMEOUT_MILLIS);

    /** @param meshToMesh takes packets for other motes, to send them back down */
    UpstreamPipeline(Mesh mesh, Uplink uplink, PacketCapture capture, BridgeStats stats, Consumer<byte[]> meshToMesh) {
        this.mesh = Objects.requireNonNull(mesh);
        this.uplink = Objects.requireNonNull(uplink);
        this.capture = Objects.requireNonNull(capture);
        this.stats = Objects.requireNonNull(stats);
        this.meshToMesh = Objects.requireNonNull(meshToMesh);
    }

    void accept(MoteFrame.Data frame, long nowMillis) {
        if (!mesh.rootKnown()) {
            // The frame names the root as its receiver; good enough until the status frame says it.
            mesh.root(frame.nextHop());
        }
        byte[] lowpan = frame.lowpan();
        capture.lowpan(Mesh.bytes(frame.previousHop()), Mesh.bytes(frame.nextHop()), lowpan);
        for (Reassembler.Dropped d : reassembler.expire(nowMillis)) {
            stats.drop(BridgeStats.Drop.REASSEMBLY);
            LOG.debug("reassembly dropped: {}", d);
        }
        Reassembler.Result r = reassembler.accept(Ieee802154Address.extended(Mesh.bytes(frame.previousHop())),
                lowpan, nowMillis);
        if (r instanceof Reassembler.Dropped d) {
            stats.drop(BridgeStats.Drop.REASSEMBLY);
            LOG.debug("fragment from {} dropped: {} {}", Mesh.eui(frame.previousHop()), d.reason(), d.detail());
            return;
        }
        if (!(r instanceof Reassembler.Complete complete)) {
            return;
        }
        MeshPacket packet;
        try {
            packet = LowpanCodec.decompress(complete.datagram(), mesh.context(frame.previousHop(), mesh.rootEui()));
        } catch (LowpanFormatException e) {
            stats.drop(BridgeStats.Drop.BAD_LOWPAN);
            LOG.debug("6LoWPAN from {} dropped: {}", Mesh.eui(frame.previousHop()), e.getMessage());
            return;
        }
        route(packet.packet(), nowMillis);
    }

    private void route(Ipv6Packet packet, long nowMillis) {
        byte[] bytes = packet.encode();
        if (packet.nextHeader() == Ipv6Packet.ICMPV6 && isRpl(packet)) {
            capture.ipv6(bytes);
            stats.packetUp();
            learn(packet, nowMillis);
            return;
        }
        if (mesh.inPrefix(packet.destination()) && !packet.destination().equals(mesh.rootAddress())
                && !mesh.isOwn(packet.destination())
                && mesh.routes().flatMap(t -> t.routeTo(packet.destination(), nowMillis)).isPresent()) {
            capture.ipv6(bytes);
            stats.packetUp();
            meshToMesh.accept(bytes);
            return;
        }
        try {
            uplink.send(bytes);
            stats.packetUp();
        } catch (IOException e) {
            stats.drop(BridgeStats.Drop.UPLINK_FAILED);
            LOG.debug("uplink refused a packet from {}: {}", packet.source().getHostAddress(), e.getMessage());
        }
    }

    private static boolean isRpl(Ipv6Packet packet) {
        byte[] payload = packet.payload();
        return payload.length > 0 && (payload[0] & 0xFF) == Icmpv6Message.TYPE_RPL;
    }

    private void learn(Ipv6Packet packet, long nowMillis) {
        try {
            Icmpv6Message m = Icmpv6Message.parse(packet);
            if (m.code() != Dao.CODE) {
                return;
            }
            Dao dao = Dao.parse(m);
            int before = mesh.knownMotes();
            mesh.routes().ifPresent(t -> t.learn(packet.source(), dao, nowMillis));
            stats.dao();
            if (mesh.knownMotes() > before) {
                LOG.info("mote {} joined the routing table ({} known)", packet.source().getHostAddress(),
                        mesh.knownMotes());
            }
        } catch (RplFormatException e) {
            stats.drop(BridgeStats.Drop.BAD_LOWPAN);
            LOG.debug("RPL message from {} dropped: {}", packet.source().getHostAddress(), e.getMessage());
        }
    }
}
