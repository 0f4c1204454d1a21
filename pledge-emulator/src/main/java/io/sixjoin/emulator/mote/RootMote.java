package io.sixjoin.emulator.mote;

import io.sixjoin.emulator.kernel.Event;
import io.sixjoin.emulator.kernel.EventKernel;
import io.sixjoin.emulator.serial.BorderRouterMote;
import io.sixjoin.emulator.tsch.KeyRing;
import io.sixjoin.emulator.tsch.MacListener;
import io.sixjoin.emulator.tsch.Protection;
import io.sixjoin.emulator.tsch.ReceivedFrame;
import io.sixjoin.emulator.tsch.RxSecurity;
import io.sixjoin.emulator.tsch.TschMac;
import io.sixjoin.stack.ieee802154.JoinInfoIe;
import io.sixjoin.stack.ieee802154.MacAddress;
import io.sixjoin.stack.ieee802154.security.LinkKey;
import io.sixjoin.stack.ipv6.Ipv6FormatException;
import io.sixjoin.stack.ipv6.Ipv6Packet;
import io.sixjoin.stack.lowpan.MeshPacket;
import io.sixjoin.stack.cojp.PledgeJoin;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The radio side of the emulated border-router mote: the DODAG root's {@link TschMac} driven by what the host
 * tells the {@link BorderRouterMote} over the serial line, as OpenWSN's DAGroot firmware behaves. A SETROOT with
 * role 'Y' installs the key as K1 and K2 (a newer key replaces the older one after the guard time) and starts
 * the schedule as root; the root then sends EBs and DIOs. Every frame a neighbour sends it, except DIOs, goes up
 * the serial line unchanged as a 'D' frame (the host reassembles and decompresses; one-hop pledges' link-local
 * Join Requests included, the host being their Join Proxy); 'D' frames from the host go out to their next hop.
 * Frames to a neighbour that has never sent a verified frame (a pledge) are sent MIC-only, so the pledge can
 * read its Join Response. Runs on the kernel thread; the host side hands it work through the emulation's inbox.
 */
public final class RootMote implements MacListener {
    /** Where frames for the host go. */
    @FunctionalInterface
    public interface Host {
        /**
         * A frame's 6LoWPAN payload from neighbour {@code previousHop}.
         *
         * @param expectsAnswer whether it is a CoAP request (or a fragment), which the host's side may answer at once
         */
        void dataUp(long previousHop, byte[] lowpan, boolean expectsAnswer);
    }

    private final TschMac mac;
    private final EventKernel kernel;
    private final MoteSettings settings;
    private final SplittableRandom rand;
    private final Host host;
    private final LowpanLink link;
    private final Rpl rpl;
    private final DioTrickle trickle;
    private final Set<MacAddress> keyedNeighbours = new HashSet<>();
    private final MoteRecord record;
    private boolean started;
    private boolean hostReachable = true;
    private long droppedDuringOutage;
    private Event timer;

    public RootMote(TschMac mac, EventKernel kernel, MoteSettings settings, SplittableRandom rand, Host host) {
        this.mac = mac;
        this.kernel = kernel;
        this.settings = settings;
        this.rand = rand;
        this.host = host;
        this.link = new LowpanLink(mac, settings.addresses(), rand.nextInt(0x10000));
        this.rpl = new Rpl(settings.addresses(), mac.address(), true);
        this.trickle = new DioTrickle(settings.dioIminMicros(), 6, 3, rand);
        this.record = new MoteRecord(mac.index(), mac.address());
        mac.setListener(this);
    }

    public TschMac mac() {
        return mac;
    }

    public MoteRecord record() {
        return record;
    }

    public boolean started() {
        return started;
    }

    /** Frames not sent up while the host side was declared unreachable (a scripted JRC outage). */
    public long droppedDuringOutage() {
        return droppedDuringOutage;
    }

    /** A scripted JRC outage: upward UDP goes nowhere while {@code reachable} is false. */
    public void setHostReachable(boolean reachable) {
        hostReachable = reachable;
    }

    /** The host's SETROOT, as the border-router mote accepted it. */
    public void onRootCommand(BorderRouterMote.Listener.RootCommand command) {
        if (!command.isRoot()) {
            return; // leaving the root role is not something a run recovers from; the host never asks it
        }
        KeyRing keys = mac.keys();
        int index = command.keyIndex();
        int oldK2 = keys.sendK2();
        keys.install(index, LinkKey.of(command.key()), KeyRing.Role.K1K2);
        keys.sendWith(index, index);
        if (oldK2 > 0 && oldK2 != index) {
            keys.removeAt(oldK2, kernel.clock().asn() + mac.keys().guardSlots());
        }
        if (!started) {
            started = true;
            long now = kernel.clock().nowMicros();
            record.synced(now);
            record.joined(now, -1);
            record.attached(null, Rpl.ROOT_RANK);
            record.daoSent(now);
            mac.startAsRoot();
            JoinInfoIe ie = settings.profile() == PledgeJoin.Profile.OPENWSN ? null
                    : new JoinInfoIe(false, 0, 0, 0, null, settings.networkId());
            mac.advertise(0, ie);
            trickle.reset(now);
            reschedule();
        }
    }

    /** A 'D' frame from the host for neighbour {@code nextHop}. */
    public void onDataDown(long nextHop, byte[] lowpan) {
        MacAddress to = MeshAddresses.mac(nextHop);
        Protection p = keyedNeighbours.contains(to) ? Protection.ENCRYPTED : Protection.AUTHENTICATED;
        if (lowpan.length <= TschMac.MAX_PAYLOAD) {
            mac.send(to, lowpan, p);
        }
    }

    @Override
    public boolean admitUnsecured(TschMac m, ReceivedFrame frame) {
        Optional<MeshPacket> p = link.decode(frame.payload(), frame.source(), frame.destination());
        return p.isPresent() && p.get().packet().destination().equals(MeshAddresses.linkLocal(mac.address()))
                && LowpanLink.toCoapPort(p.get()).isPresent();
    }

    @Override
    public void received(TschMac m, ReceivedFrame frame) {
        if (frame.security() == RxSecurity.VERIFIED) {
            keyedNeighbours.add(frame.source());
        }
        byte[] payload = frame.payload();
        boolean fragment = payload.length > 0 && ((payload[0] & 0xF8) == 0xC0 || (payload[0] & 0xF8) == 0xE0);
        boolean udp = true;
        // of a fragmented datagram only the first fragment counts as a request to wait for: one answer comes back
        boolean request = !fragment || (payload[0] & 0xF8) == 0xC0;
        if (!fragment) {
            Optional<MeshPacket> p = link.decode(payload, frame.source(), frame.destination());
            if (p.isEmpty()) {
                return;
            }
            Ipv6Packet ip = p.get().packet();
            if (ip.destination().equals(MeshAddresses.ALL_RPL_NODES)) {
                if (Rpl.isDis(ip)) {
                    trickle.reset(kernel.clock().nowMicros()); // a DIS asks for our DIO (RFC 6550 §8.3)
                    reschedule();
                } else {
                    trickle.heard(); // a child's DIO; a root takes no parent
                }
                return;
            }
            if (Rpl.isDis(ip) && ip.destination().equals(MeshAddresses.linkLocal(mac.address()))
                    && frame.security() == RxSecurity.VERIFIED) {
                link.send(MeshPacket.plain(rpl.dio(mac.address(), ip.source())), frame.source(), Protection.ENCRYPTED);
                return;
            }
            udp = ip.nextHeader() == Ipv6Packet.UDP;
            request = false;
            if (udp) {
                try {
                    byte[] coap = p.get().udp().payload();
                    // a CoAP response (to a Parameter Update) gets no answer: only requests make the host busy
                    request = coap.length >= 2 && (coap[1] & 0xE0) == 0 && coap[1] != 0;
                } catch (Ipv6FormatException e) {
                    request = false;
                }
            }
        }
        if (!hostReachable && udp) {
            droppedDuringOutage++;
            return;
        }
        host.dataUp(MeshAddresses.eui64(frame.source()), payload, request);
    }

    private void reschedule() {
        if (timer != null) {
            kernel.cancel(timer);
        }
        long at = Math.max(trickle.nextDeadline(), kernel.clock().nowMicros());
        timer = kernel.scheduleAt(at, Mote.TIMER, mac.index(), 0, e -> {
            timer = null;
            if (trickle.poll(kernel.clock().nowMicros())) {
                link.send(MeshPacket.plain(rpl.dio(mac.address())), MacAddress.BROADCAST, Protection.ENCRYPTED);
            }
            reschedule();
        });
    }

    @Override
    public String toString() {
        return "RootMote[" + mac.address() + (started ? " root" : " waiting for SETROOT") + "]";
    }
}
