package io.sixjoin.emulator.mote;

import io.sixjoin.cbor.cojp.Configuration;
import io.sixjoin.cbor.cojp.LinkLayerKey;
import io.sixjoin.emulator.kernel.Event;
import io.sixjoin.emulator.kernel.EventKernel;
import io.sixjoin.emulator.kernel.EventKind;
import io.sixjoin.emulator.tsch.KeyRing;
import io.sixjoin.emulator.tsch.MacListener;
import io.sixjoin.emulator.tsch.Protection;
import io.sixjoin.emulator.tsch.ReceivedFrame;
import io.sixjoin.emulator.tsch.RxSecurity;
import io.sixjoin.emulator.tsch.TschMac;
import io.sixjoin.stack.cojp.CojpDatagram;
import io.sixjoin.stack.cojp.ConfigurationCheck;
import io.sixjoin.stack.cojp.JoinTarget;
import io.sixjoin.stack.cojp.JoinedNodeServer;
import io.sixjoin.stack.cojp.JumpAheadSequence;
import io.sixjoin.stack.cojp.PledgeId;
import io.sixjoin.stack.cojp.PledgeJoin;
import io.sixjoin.stack.cojp.PledgeJoinExchange;
import io.sixjoin.stack.cojp.PreSharedKey;
import io.sixjoin.stack.cojp.StatelessJoinProxy;
import io.sixjoin.stack.ieee802154.EnhancedBeacon;
import io.sixjoin.stack.ieee802154.JoinInfoIe;
import io.sixjoin.stack.ieee802154.MacAddress;
import io.sixjoin.stack.ieee802154.security.LinkKey;
import io.sixjoin.stack.ipv6.Ipv6Packet;
import io.sixjoin.stack.ipv6.UdpDatagram;
import io.sixjoin.stack.lowpan.MeshPacket;
import io.sixjoin.stack.oscore.ReplayWindow;
import io.sixjoin.stack.rpl.Dio;
import io.sixjoin.stack.rpl.Icmpv6Message;
import io.sixjoin.stack.rpl.RplFormatException;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * One emulated 6TiSCH node above its {@link TschMac}: an RFC 9031 pledge until it joins ({@link PledgeJoin} over
 * the Join Proxy whose beacon it synchronised to, sequence numbers in emulated flash), then a joined node that
 * installs the delivered keys in its MAC, attaches to the RPL DODAG (DIOs, a parent, DAOs to the root), forwards
 * upward and source-routed traffic, advertises Enhanced Beacons with the join IE, proxies other pledges
 * statelessly ({@link StatelessJoinProxy}) and serves {@code /j} for the JRC's Parameter Updates
 * ({@link JoinedNodeServer}). A reboot loses everything but the flash: the sequence store and the replay window.
 * Runs on the kernel thread only; its clock is the kernel's (microseconds, handed to the mechanisms as ms).
 */
public final class Mote implements MacListener {
    static final EventKind TIMER = EventKind.named("mote.timer");
    static final EventKind BOOT = EventKind.named("mote.boot");
    /** How long a rebooted mote stays dark before its radio scans again. */
    static final long BOOT_MICROS = 1_000_000;
    /** After this many failed attempts through one JP the pledge rescans for another one (RFC 9031 §8.1.1). */
    static final int ATTEMPTS_PER_PROXY = 2;
    /**
     * A joined mote that lost its time source and has found no parent again for this long joins again: it may have
     * missed a rekey (its keys no longer verify anything, RFC 9031 §8.4.3.1: unreached nodes must re-join) or its
     * parent may have been evicted and blacklisted.
     */
    static final long REJOIN_AFTER_MICROS = 600_000_000L;

    /** The first DAO refresh after a parent change; the interval then doubles up to the DAO period. */
    static final long FIRST_DAO_REFRESH_MICROS = 60_000_000L;
    private static final int COAP_PORT = CojpDatagram.COAP_PORT;
    /**
     * Share of shared cells all non-root advertisers of a neighbourhood spend on EBs together: each takes
     * this over the advertising neighbours it hears (plus itself), capped at the configured rate.
     */
    static final double NEIGHBOURHOOD_EB_SHARE = 0.05;
    /** Neighbours counted for EB thinning; more make no difference to the rate. */
    static final int MAX_COUNTED_NEIGHBOURS = 256;

    private final TschMac mac;
    private final EventKernel kernel;
    private final MoteSettings settings;
    private final PreSharedKey psk;
    private final PledgeId pledgeId;
    private final SplittableRandom rand;
    private final MoteRecord record;
    private final LowpanLink link;
    private final JumpAheadSequence.InMemoryStore flash = new JumpAheadSequence.InMemoryStore();
    private ReplayWindow storedWindow = ReplayWindow.EMPTY;
    private final Counters counters = new Counters();
    private final java.util.Set<MacAddress> advertisers = new java.util.HashSet<>();

    private PledgeJoin pledge;
    private StatelessJoinProxy proxy;
    private JoinedNodeServer server;
    private Rpl rpl;
    private DioTrickle trickle;
    private long daoAt = Long.MAX_VALUE;
    private long daoInterval;
    private long disAt = Long.MAX_VALUE;
    private long disInterval;
    private long lostSince = -1;
    private long daoRetry;
    private long joinHandle = -1;
    private long daoHandle = -1;
    private boolean joined;
    private boolean jrcConfigured;
    private boolean powered = true;
    private MacAddress timeSource;
    private Event timer;

    /** Drops and deliveries a mote counts, for the report. */
    public static final class Counters {
        long forwarded;
        long noRoute;
        long hopLimit;
        long undeliverable;
        long dio;
        long dao;
        long dis;
        long joinRequests;
        long proxiedUp;
        long proxiedDown;
        long blacklisted;
        long rejoins;

        /** DIOs, DAOs, DISs, Join Requests sent, requests proxied up, answers proxied down, packets forwarded. */
        public long[] sent() {
            return new long[] {dio, dao, dis, joinRequests, proxiedUp, proxiedDown, forwarded};
        }

        public long forwarded() {
            return forwarded;
        }

        public long noRoute() {
            return noRoute;
        }
    }

    /**
     * @param psk the pre-shared key provisioned for this mote (its EUI-64 is the pledge identifier)
     */
    public Mote(TschMac mac, EventKernel kernel, MoteSettings settings, PreSharedKey psk, SplittableRandom rand) {
        this.mac = mac;
        this.kernel = kernel;
        this.settings = settings;
        this.psk = psk;
        this.pledgeId = PledgeId.of(mac.address().bytes());
        this.rand = rand;
        this.record = new MoteRecord(mac.index(), mac.address());
        this.link = new LowpanLink(mac, settings.addresses(), rand.nextInt(0x10000));
        mac.setListener(this);
        boot();
    }

    public MoteRecord record() {
        return record;
    }

    public TschMac mac() {
        return mac;
    }

    public boolean joined() {
        return joined;
    }

    public Counters counters() {
        return counters;
    }

    /** The join mechanism, for tests that look at attempts and sequence numbers. */
    public PledgeJoin pledge() {
        return pledge;
    }

    /** Datagrams that did not decompress (6LoWPAN errors), for the report. */
    public long malformedDatagrams() {
        return link.malformed();
    }

    /** The node's {@code /j} for Parameter Updates, for tests that look at what it dropped. */
    public JoinedNodeServer joinedNodeServer() {
        return server;
    }

    /** The flash holding the Join Request sequence numbers. */
    public JumpAheadSequence.InMemoryStore flash() {
        return flash;
    }

    /**
     * Puts {@code stored} into the emulated flash as if a previous run had written it, and boots again so that
     * the Join Request sequence resumes above it: a network kept across runs (its JRC remembers the replay
     * windows) must not reuse a sequence number. Only before the run starts.
     */
    public void restoreFlash(long stored) {
        flash.save(stored);
        boot();
    }

    /** Emulated power cycle: the radio goes dark, RAM is lost, and the mote boots again a second later. */
    public void reboot() {
        record.rebooted();
        mac.powerOff();
        mac.keys().clear();
        powered = false;
        cancelTimer();
        boot();
        kernel.scheduleAfter(BOOT_MICROS, BOOT, mac.index(), 0, e -> {
            powered = true;
            mac.powerOn();
        });
    }

    private void boot() {
        PledgeJoin.Settings join = settings.profile() == PledgeJoin.Profile.OPENWSN ? PledgeJoin.Settings.openWsn()
                : PledgeJoin.Settings.rfc9031();
        pledge = new PledgeJoin(new PledgeJoinExchange(psk, pledgeId), new JumpAheadSequence(flash), join,
                this::nextTarget, ConfigurationCheck.acceptAll());
        StatelessJoinProxy.Mode mode = settings.profile() == PledgeJoin.Profile.OPENWSN
                ? StatelessJoinProxy.Mode.OPENWSN_OPTION_40 : StatelessJoinProxy.Mode.TOKEN;
        proxy = new StatelessJoinProxy(mode, rand, Optional.empty());
        server = new JoinedNodeServer(psk, pledgeId, storedWindow, w -> storedWindow = w,
                ConfigurationCheck.acceptAll());
        rpl = new Rpl(settings.addresses(), mac.address(), false);
        trickle = new DioTrickle(settings.dioIminMicros(), 6, 3, rand);
        daoAt = Long.MAX_VALUE;
        disAt = Long.MAX_VALUE;
        disInterval = 0;
        joinHandle = -1;
        daoHandle = -1;
        lostSince = -1;
        advertisers.clear();
        joined = false;
        jrcConfigured = false;
        timeSource = null;
        link.reset();
        mac.stopAdvertising();
        mac.setKeepAlives(false);
        record.unrouted();
    }

    // --- MAC events -------------------------------------------------------------------------------------------

    @Override
    public void synchronised(TschMac m, long asn, MacAddress source, EnhancedBeacon.Info eb) {
        long now = kernel.clock().nowMicros();
        record.synced(now);
        timeSource = source;
        if (joined && !rpl.attached()) {
            disAt = now;
            disInterval = 0;
        }
        if (!joined && pledge.state() != PledgeJoin.State.REQUESTING) {
            byte[] network = eb.joinInfo() != null && eb.joinInfo().networkId().length > 0
                    ? eb.joinInfo().networkId() : settings.networkId();
            pledge.start(now / 1000, MeshAddresses.linkLocal(source), network);
            record.attempt();
        }
        reschedule();
    }

    @Override
    public void desynchronised(TschMac m, long asn) {
        timeSource = null;
        if (joined) {
            rpl.detach();
            record.unrouted();
            mac.stopAdvertising();
            daoAt = Long.MAX_VALUE;
            disAt = Long.MAX_VALUE;
            if (lostSince < 0) {
                lostSince = kernel.clock().nowMicros();
            }
        }
    }

    @Override
    public void sendDone(TschMac m, long handle, boolean delivered) {
        if (handle == joinHandle) {
            joinHandle = -1;
        }
        if (handle != daoHandle || !joined) {
            return;
        }
        daoHandle = -1;
        long now = kernel.clock().nowMicros();
        if (delivered) {
            daoRetry = 0;
            record.daoSent(now);
            advertise(); // OpenWSN's rule: a node proxies and advertises once the root can route to it
        } else {
            daoRetry = Math.min(daoRetry == 0 ? 2 * settings.slotframeMicros() : daoRetry * 2,
                    64 * settings.slotframeMicros());
            daoAt = now + daoRetry / 2 + rand.nextLong(daoRetry / 2 + 1);
        }
        reschedule();
    }

    @Override
    public boolean admitUnsecured(TschMac m, ReceivedFrame frame) {
        if (!joined || !rpl.attached() || record.routedAt().isEmpty()) {
            return false;
        }
        // only a pledge's join traffic to our link-local CoAP port is exempt (RFC 9031 §5)
        Optional<MeshPacket> p = link.decode(frame.payload(), frame.source(), frame.destination());
        return p.isPresent() && p.get().packet().destination().equals(MeshAddresses.linkLocal(mac.address()))
                && LowpanLink.toCoapPort(p.get()).isPresent();
    }

    @Override
    public void received(TschMac m, ReceivedFrame frame) {
        if (joined && !proxy.blacklist().isEmpty()
                && proxy.blacklist().contains(io.sixjoin.cbor.cojp.ByteString.of(frame.source().bytes()))) {
            counters.blacklisted++; // RFC 9031 §8.4.2: a joined node silently drops frames from blacklisted pledges
            return;
        }
        long now = kernel.clock().nowMicros();
        Optional<MeshPacket> datagram = link.receive(frame, now / 1000);
        if (datagram.isPresent()) {
            if (joined) {
                joinedReceive(datagram.get(), frame, now);
            } else {
                pledgeReceive(datagram.get(), frame, now);
            }
        }
        reschedule();
    }

    // --- pledge -----------------------------------------------------------------------------------------------

    private Optional<JoinTarget> nextTarget(JoinTarget failed, int failedAttempts) {
        if (failedAttempts % ATTEMPTS_PER_PROXY == 0) {
            rescan(); // try another Join Proxy (RFC 9031 §8.1.1): give up this one and scan again
            return Optional.empty();
        }
        record.attempt();
        return Optional.of(timeSource == null ? failed
                : new JoinTarget(MeshAddresses.linkLocal(timeSource), failed.networkId()));
    }

    /** Back to being a pledge (keys forgotten, flash kept) and scanning, to join again with fresh keys. */
    private void rejoin() {
        counters.rejoins++;
        mac.keys().clear();
        boot();
        kernel.scheduleAfter(0, BOOT, mac.index(), 2, e -> {
            if (powered) {
                timeSource = null;
                mac.powerOff();
                mac.powerOn();
            }
        });
    }

    /** Drops synchronisation in an event of its own: MAC callbacks may not power the radio off. */
    private void rescan() {
        kernel.scheduleAfter(0, BOOT, mac.index(), 1, e -> {
            if (powered && !joined) {
                timeSource = null;
                mac.powerOff();
                mac.powerOn();
            }
        });
    }

    private void pledgeReceive(MeshPacket p, ReceivedFrame frame, long now) {
        Optional<UdpDatagram> udp = LowpanLink.toCoapPort(p);
        if (udp.isEmpty() || !p.packet().destination().equals(MeshAddresses.linkLocal(mac.address()))) {
            return;
        }
        pledge.onDatagram(now / 1000, udp.get().payload());
        if (pledge.state() == PledgeJoin.State.JOINED) {
            onJoined(pledge.configuration().orElseThrow(), frame, now);
        }
    }

    private void onJoined(Configuration c, ReceivedFrame frame, long now) {
        installKeys(c, true);
        if (frame.security() == RxSecurity.UNVERIFIED) {
            mac.verifyDeferred(frame);
        }
        joined = true;
        int shortAddr = c.shortIdentifier().map(s -> {
            byte[] b = s.identifier();
            return b.length == 2 ? ((b[0] & 0xFF) << 8) | (b[1] & 0xFF) : -1;
        }).orElse(-1);
        record.joined(now, shortAddr);
        proxy.configure(now / 1000, c);
        jrcConfigured = c.jrcAddress().isPresent();
        mac.setKeepAlives(true);
        disAt = now;
    }

    private void installKeys(Configuration c, boolean first) {
        if (c.keySet().isEmpty()) {
            return;
        }
        int newest = -1;
        for (LinkLayerKey k : c.keySet().get()) {
            int index = (int) k.keyId();
            if (index < 1 || index > 254 || k.keyValue().length != LinkKey.LENGTH) {
                continue;
            }
            boolean known = mac.keys().has(index);
            mac.keys().install(index, LinkKey.of(k.keyValue()), roleOf(k));
            if (!known) {
                newest = index;
            }
        }
        if (!first && newest > 0 && mac.keys().sendK2() != newest) {
            mac.keys().switchOnFirstUse(newest, newest);
        }
    }

    private static KeyRing.Role roleOf(LinkLayerKey k) {
        long usage = k.keyUsage().map(u -> u.value()).orElse(0L);
        if (usage >= 6 && usage <= 8) {
            return KeyRing.Role.K1;
        }
        if (usage >= 9 && usage <= 14) {
            return KeyRing.Role.K2;
        }
        return KeyRing.Role.K1K2;
    }

    // --- joined node ------------------------------------------------------------------------------------------

    private void joinedReceive(MeshPacket p, ReceivedFrame frame, long now) {
        Ipv6Packet ip = p.packet();
        Inet6Address dst = ip.destination();
        Inet6Address linkLocal = MeshAddresses.linkLocal(mac.address());
        Inet6Address global = settings.addresses().global(mac.address());
        if (dst.equals(MeshAddresses.ALL_RPL_NODES)) {
            if (frame.security() == RxSecurity.VERIFIED) {
                onRplControl(ip, frame.source(), now);
            }
            return;
        }
        if (dst.equals(linkLocal) || dst.equals(global)) {
            if (ip.nextHeader() == Ipv6Packet.ICMPV6 && frame.security() == RxSecurity.VERIFIED) {
                onRplControl(ip, frame.source(), now);
            } else if (ip.nextHeader() == Ipv6Packet.UDP) {
                onUdp(p, frame, now);
            }
            return;
        }
        if (frame.security() != RxSecurity.VERIFIED) {
            return; // only join traffic to our own link-local address may arrive unsecured
        }
        forward(p);
    }

    private void onRplControl(Ipv6Packet ip, MacAddress from, long now) {
        Dio dio;
        try {
            Icmpv6Message m = Icmpv6Message.parse(ip);
            if (m.type() == Icmpv6Message.TYPE_RPL && m.code() == Rpl.DIS_CODE) {
                if (rpl.attached() && record.routedAt().isPresent()) {
                    if (ip.destination().isMulticastAddress()) {
                        trickle.reset(now); // RFC 6550 §8.3
                    } else {
                        counters.dio++;
                        link.send(MeshPacket.plain(rpl.dio(mac.address(), ip.source())), from, Protection.ENCRYPTED);
                    }
                }
                return;
            }
            if (m.type() != Icmpv6Message.TYPE_RPL || m.code() != Dio.CODE) {
                return;
            }
            dio = Dio.parse(m);
        } catch (RplFormatException e) {
            return;
        }
        if (advertisers.size() < MAX_COUNTED_NEIGHBOURS && advertisers.add(from)) {
            advertise();
        }
        Rpl.Change change = rpl.onDio(from, dio);
        switch (change) {
            case NONE -> trickle.heard();
            case NEW_PARENT -> onNewParent(from, now);
            case NEW_RANK -> {
                trickle.reset(now);
                record.attached(from, rpl.rank());
                advertise();
            }
        }
    }

    private void onNewParent(MacAddress parent, long now) {
        lostSince = -1;
        mac.setTimeSource(parent);
        if (!jrcConfigured || settings.profile() == PledgeJoin.Profile.OPENWSN) {
            // RFC 9031 §8.4.2: without a JRC address the JRC is at the DODAG root; OpenWSN always sends there
            rpl.dodagId().ifPresent(proxy::setJrc);
        }
        trickle.reset(now);
        daoAt = now + rand.nextLong(settings.slotframeMicros() * 2 + 1);
        daoInterval = FIRST_DAO_REFRESH_MICROS;
        disInterval = 0;
        daoRetry = 0;
        record.attached(parent, rpl.rank());
    }

    private void onUdp(MeshPacket p, ReceivedFrame frame, long now) {
        Optional<UdpDatagram> coapPort = LowpanLink.toCoapPort(p);
        if (coapPort.isEmpty()) {
            return;
        }
        UdpDatagram udp = coapPort.get();
        Ipv6Packet ip = p.packet();
        byte[] coap = udp.payload();
        if (ip.source().isLinkLocalAddress()) {
            if (frame.security() == RxSecurity.UNSECURED && rpl.attached() && record.routedAt().isPresent()) {
                List<CojpDatagram> up = proxy.onFromPledge(now / 1000,
                        new InetSocketAddress(ip.source(), udp.sourcePort()), coap);
                for (CojpDatagram d : up) {
                    counters.proxiedUp++;
                    sendUp(new UdpDatagram(COAP_PORT, d.port(), d.bytes()), d.address());
                }
            }
            return;
        }
        if (frame.security() != RxSecurity.VERIFIED) {
            return;
        }
        if (isRequest(coap)) {
            JoinedNodeServer.Outcome outcome = server.onDatagram(coap);
            if (outcome instanceof JoinedNodeServer.Outcome.Updated u) {
                installKeys(u.configuration(), false);
                proxy.configure(now / 1000, u.configuration());
                jrcConfigured |= u.configuration().jrcAddress().isPresent();
            }
            outcome.answer().ifPresent(answer ->
                    sendUp(new UdpDatagram(COAP_PORT, udp.sourcePort(), answer), ip.source()));
            return;
        }
        for (CojpDatagram d : proxy.onFromJrc(now / 1000, coap)) {
            Inet6Address to = d.address();
            Optional<MacAddress> pledgeMac = settings.addresses().moteOf(to);
            if (pledgeMac.isPresent()) {
                Ipv6Packet out = new UdpDatagram(COAP_PORT, d.port(), d.bytes())
                        .toIpv6(MeshAddresses.linkLocal(mac.address()), to, 64);
                counters.proxiedDown++;
                // MIC only: the pledge can read it now and verify it once the keys it carries are installed
                link.send(MeshPacket.plain(out), pledgeMac.get(), Protection.AUTHENTICATED);
            }
        }
    }

    private static boolean isRequest(byte[] coap) {
        return coap.length >= 4 && (coap[1] & 0xE0) == 0 && coap[1] != 0;
    }

    private void sendUp(UdpDatagram udp, Inet6Address to) {
        Optional<MacAddress> parent = rpl.parent();
        if (parent.isEmpty()) {
            counters.noRoute++;
            return;
        }
        Ipv6Packet ip = udp.toIpv6(settings.addresses().global(mac.address()), to, 64);
        link.send(MeshPacket.plain(ip), parent.get(), Protection.ENCRYPTED);
    }

    private void forward(MeshPacket p) {
        Ipv6Packet ip = p.packet();
        if (ip.hopLimit() <= 1) {
            counters.hopLimit++;
            return;
        }
        Ipv6Packet next = new Ipv6Packet(ip.trafficClass(), ip.flowLabel(), ip.nextHeader(), ip.hopLimit() - 1,
                ip.source(), ip.destination(), ip.payload());
        List<Inet6Address> hops = new ArrayList<>(p.sourceRoute());
        Inet6Address global = settings.addresses().global(mac.address());
        if (!hops.isEmpty() && hops.get(0).equals(global)) {
            hops.remove(0);
        }
        Optional<MacAddress> nextHop;
        if (!p.sourceRoute().isEmpty() || !hops.isEmpty()) {
            nextHop = settings.addresses().moteOf(hops.isEmpty() ? ip.destination() : hops.get(0));
        } else {
            nextHop = rpl.parent();
        }
        if (nextHop.isEmpty()) {
            counters.undeliverable++;
            return;
        }
        counters.forwarded++;
        link.send(new MeshPacket(Optional.empty(), p.tunnel(), hops, next), nextHop.get(), Protection.ENCRYPTED);
    }

    private void advertise() {
        if (!joined || !rpl.attached() || record.routedAt().isEmpty()) {
            return;
        }
        JoinInfoIe ie = settings.profile() == PledgeJoin.Profile.OPENWSN ? null
                : new JoinInfoIe(false, 0, Math.min(rpl.rank() / Rpl.MIN_HOP_RANK_INCREASE, 0xFFF), 0, null,
                        settings.networkId());
        double p = Math.min(mac.config().ebProbability(), NEIGHBOURHOOD_EB_SHARE / (1 + advertisers.size()));
        mac.advertise(rpl.joinMetric(), ie, p);
    }

    // --- timers -----------------------------------------------------------------------------------------------

    private void onTimer(long now) {
        if (!powered) {
            return;
        }
        if (!joined) {
            List<CojpDatagram> out = pledge.poll(now / 1000, rand);
            for (CojpDatagram d : out) {
                record.requested(now);
                Optional<MacAddress> jp = settings.addresses().moteOf(d.address());
                if (jp.isPresent() && joinHandle < 0) {
                    // a CoAP retransmission of a request still waiting for the shared cell would only queue a
                    // second copy behind the first: the first one going out serves for both
                    Ipv6Packet ip = new UdpDatagram(COAP_PORT, d.port(), d.bytes())
                            .toIpv6(MeshAddresses.linkLocal(mac.address()), d.address(), 64);
                    joinHandle = link.send(MeshPacket.plain(ip), jp.get(), Protection.NONE);
                    counters.joinRequests++;
                }
            }
            if (pledge.state() == PledgeJoin.State.FAILED) {
                rescan();
            }
            return;
        }
        if (!rpl.attached() && lostSince >= 0 && now - lostSince >= REJOIN_AFTER_MICROS) {
            rejoin();
            return;
        }
        if (!rpl.attached() && now >= disAt) {
            // no DIO heard since joining or since losing the parent: solicit one, then again less and less often
            // ask the time source first (a unicast DIO back, two frames); everyone only if there is none
            if (timeSource != null) {
                link.send(MeshPacket.plain(Rpl.dis(mac.address(), MeshAddresses.linkLocal(timeSource))), timeSource,
                        Protection.ENCRYPTED);
            } else {
                link.send(MeshPacket.plain(Rpl.dis(mac.address(), MeshAddresses.ALL_RPL_NODES)),
                        MacAddress.BROADCAST, Protection.ENCRYPTED);
            }
            counters.dis++;
            disInterval = disInterval == 0 ? settings.dioIminMicros() : Math.min(disInterval * 2,
                    settings.dioIminMicros() << 4);
            disAt = now + disInterval / 2 + rand.nextLong(disInterval / 2 + 1);
        }
        if (rpl.attached()) {
            if (now >= daoAt && daoHandle >= 0) {
                daoAt = now + settings.slotframeMicros(); // the last DAO is still waiting for the cell
            } else if (now >= daoAt) {
                counters.dao++;
                daoHandle = link.send(MeshPacket.plain(rpl.dao()), rpl.parent().orElseThrow(), Protection.ENCRYPTED);
                // no DAO-ACK from an OpenWSN root: refresh early and often at first, in case one got lost further up
                daoAt = now + daoInterval / 2 + rand.nextLong(daoInterval / 2 + 1);
                daoInterval = Math.min(daoInterval * 2, settings.daoPeriodMicros());
            }
            if (trickle.poll(now)) {
                counters.dio++;
                link.send(MeshPacket.plain(rpl.dio(mac.address())), MacAddress.BROADCAST, Protection.ENCRYPTED);
            }
        }
    }

    private void reschedule() {
        long next = Long.MAX_VALUE;
        if (!joined) {
            next = pledge.nextDeadline().orElse(Long.MAX_VALUE / 1000) * 1000;
        } else if (rpl.attached()) {
            next = Math.min(daoAt, trickle.nextDeadline());
        } else {
            next = lostSince >= 0 ? Math.min(disAt, lostSince + REJOIN_AFTER_MICROS) : disAt;
        }
        long now = kernel.clock().nowMicros();
        if (next == Long.MAX_VALUE || next >= Long.MAX_VALUE / 1000 * 1000) {
            cancelTimer();
            return;
        }
        next = Math.max(next, now);
        if (timer != null && timer.time() == next && kernel.cancel(timer)) {
            // same time: keep one event, re-added below
        } else {
            cancelTimer();
        }
        timer = kernel.scheduleAt(next, TIMER, mac.index(), 0, e -> {
            timer = null;
            onTimer(kernel.clock().nowMicros());
            reschedule();
        });
    }

    private void cancelTimer() {
        if (timer != null) {
            kernel.cancel(timer);
            timer = null;
        }
    }

    @Override
    public String toString() {
        return "Mote[" + mac.index() + " " + mac.address() + (joined ? " joined" : "") + "]";
    }
}
