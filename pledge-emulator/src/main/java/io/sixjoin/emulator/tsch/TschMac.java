package io.sixjoin.emulator.tsch;

import io.sixjoin.emulator.kernel.VirtualClock;
import io.sixjoin.stack.ieee802154.JoinInfoIe;
import io.sixjoin.stack.ieee802154.MacAddress;

import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The TSCH MAC of one emulated mote on the RFC 8180 minimal schedule: one shared TX|RX|timekeeping cell
 * at slot offset 0, channel offset 0, once per slotframe. A mote is off, scanning (listening for EBs on
 * one channel, see {@link EbScanner}) or synchronised (following the shared cell on an ASN learnt from
 * its time source's EB, see {@link TimeKeeping}). In each shared cell a synchronised mote sends an EB
 * (if the upper layer let it {@link #advertise} and it holds K1, with probability
 * {@link TschConfig#ebProbability()}), else the head of its {@link TransmitQueue} if the backoff allows,
 * else listens. Unicast frames are acknowledged as the {@link TschNetwork} models it; keep-alives go to
 * the time source when nothing else did for a keep-alive period. Link-layer security is
 * {@link LinkSecurity} over this mote's {@link KeyRing}. Everything runs on the kernel thread, driven
 * by the network, with randomness from this mote's own seeded streams.
 */
public final class TschMac {

    /** Largest payload any frame of this MAC can carry: 127 minus header, aux header, MIC and FCS. */
    public static final int MAX_PAYLOAD = 127 - (2 + 1 + 2 + 8 + 8 + 2 + 4 + 2);

    private enum State { OFF, SCANNING, SYNCED }

    final TschConfig config;
    final KeyRing keys;
    final LinkSecurity security;
    final EbScanner scanner;
    final TimeKeeping time;
    final MacCounters counters = new MacCounters();
    final FrameIntake intake = new FrameIntake();
    MacListener listener = MacListener.NONE;

    private final int index;
    private final MacAddress address;
    private final VirtualClock clock;
    private final SplittableRandom rand;
    private final SplittableRandom ackRand;
    private final TransmitQueue queue;
    private State state = State.SCANNING;
    private boolean scanPending = true;
    private boolean root;
    private final EbPolicy ebs;
    private final FrameFactory frames = new FrameFactory();
    private long nextHandle = 1;

    TschMac(int index, MacAddress address, TschConfig config, VirtualClock clock, SplittableRandom rand,
            SplittableRandom ackRand, VerificationCache cache) {
        if (address.isShort()) {
            throw new IllegalArgumentException("a mote needs an EUI-64 (the CCM* nonce is built from it)");
        }
        this.index = index;
        this.address = address;
        this.config = config;
        this.clock = clock;
        this.rand = rand;
        this.ackRand = ackRand;
        this.keys = new KeyRing(config.rekeyGuardSlots());
        this.security = new LinkSecurity(keys, address, cache);
        this.queue = new TransmitQueue(config);
        this.scanner = new EbScanner(config);
        this.time = new TimeKeeping(config);
        this.ebs = new EbPolicy(config);
    }

    /** Where MAC events go; {@link MacListener#NONE} until set. */
    public void setListener(MacListener value) {
        listener = Objects.requireNonNull(value, "listener");
    }

    /** Makes this mote the DODAG root's MAC: synchronised at once, on the network's ASN, no time source. */
    public void startAsRoot() {
        root = true;
        state = State.SYNCED;
        time.becomeRoot();
    }

    /**
     * Queues {@code payload} (6LoWPAN bytes) for {@code destination} (an EUI-64, or
     * {@link MacAddress#BROADCAST}) with the given protection.
     *
     * @return a handle that {@link MacListener#sendDone} will report, or -1 if the frame was refused:
     *         not synchronised, no K2 for a protected frame, or the queue is full
     * @throws IllegalArgumentException if the payload exceeds {@link #MAX_PAYLOAD}
     */
    public long send(MacAddress destination, byte[] payload, Protection protection) {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(protection, "protection");
        if (payload.length > MAX_PAYLOAD) {
            throw new IllegalArgumentException("payload of " + payload.length + " bytes; a frame carries at most "
                    + MAX_PAYLOAD);
        }
        if (state != State.SYNCED || (protection != Protection.NONE && !keys.isKeyed())) {
            return -1;
        }
        long handle = nextHandle++;
        if (!queue.offer(new TransmitQueue.Outgoing(handle, destination, payload.clone(), protection, false))) {
            counters.drops++;
            return -1;
        }
        return handle;
    }

    /** Lets this mote send EBs (once it holds K1) with the given RFC 8180 join metric and optional join IE. */
    public void advertise(int metric, JoinInfoIe info) {
        ebs.advertise(metric, info);
    }

    /**
     * Like {@link #advertise(int, JoinInfoIe)} with this mote's own EB probability per shared cell instead of the
     * configured one: in a dense neighbourhood every advertiser sending at the configured rate would fill the
     * one shared cell with beacons, so an upper layer thins its EBs as it hears more advertising neighbours.
     */
    public void advertise(int metric, JoinInfoIe info, double probability) {
        ebs.advertise(metric, info, probability);
    }

    /** Stops sending EBs (lost route, leaving). */
    public void stopAdvertising() {
        ebs.stop();
    }

    /** This mote's link-layer keys. */
    public KeyRing keys() {
        return keys;
    }

    /**
     * Verifies a frame that arrived {@link RxSecurity#UNVERIFIED}, now that keys are installed (RFC 9031
     * §5.1: the frame carrying the Join Response); on success the mote's ASN is declared valid.
     */
    public boolean verifyDeferred(ReceivedFrame frame) {
        if (frame.securedForm() == null || security.verifyDeferred(frame.securedForm(), frame.asn()) == null) {
            return false;
        }
        time.validate();
        return true;
    }

    /** Whether a verified frame has confirmed the ASN (always true at the root). */
    public boolean asnValidated() {
        return time.asnValidated();
    }

    /** Follows {@code neighbour} for time from now on (the upper layer chose a new RPL parent). */
    public void setTimeSource(MacAddress neighbour) {
        if (state == State.SYNCED && !root) {
            time.switchTo(Objects.requireNonNull(neighbour, "neighbour"), clock.asn());
        }
    }

    /**
     * Turns keep-alives on (the default) or off. With thousands of motes in one collision domain the
     * single shared cell cannot carry everyone's keep-alives; an upper layer may then leave a pledge to
     * stay synchronised on its time source's EBs alone until it has joined.
     */
    public void setKeepAlives(boolean on) {
        time.enableKeepAlives(on);
    }

    /** Switches the radio off: queued frames fail, and the mote will scan again when powered on. */
    public void powerOff() {
        dropQueued();
        state = State.OFF;
        ebs.stop();
    }

    /**
     * Switches the radio back on: the root resumes at once, every other mote scans. Advertising stays
     * off until the upper layer calls {@link #advertise} again; keys survive.
     */
    public void powerOn() {
        if (state != State.OFF) {
            return;
        }
        if (root) {
            startAsRoot();
        } else {
            state = State.SCANNING;
            scanPending = true;
            time.forget();
        }
    }

    /** The network-wide MAC parameters. */
    public TschConfig config() {
        return config;
    }

    public int index() {
        return index;
    }

    public MacAddress address() {
        return address;
    }

    public boolean isSynchronised() {
        return state == State.SYNCED;
    }

    public boolean isScanning() {
        return state == State.SCANNING;
    }

    public boolean isRoot() {
        return root;
    }

    /** The mote's own idea of the current ASN, or -1 if not synchronised. */
    public long asn() {
        return state == State.SYNCED ? time.local(clock.asn()) : -1;
    }

    /** The neighbour followed for time, or null (root, or not synchronised). */
    public MacAddress timeSource() {
        return time.timeSource();
    }

    /** Emulator index of the time source chosen from an EB, or -1. */
    public int timeSourceMote() {
        return time.timeSourceMote();
    }

    /** Frames waiting to be sent. */
    public int queueLength() {
        return queue.size();
    }

    /** Counters since creation. */
    public MacStats stats() {
        return counters.snapshot();
    }

    @Override
    public String toString() {
        return "TschMac[" + index + " " + address + ", " + state + (root ? ", root" : "")
                + (time.timeSource() != null ? ", time source " + time.timeSource() : "") + ", " + keys + "]";
    }

    /** The shared cell of slot {@code asn} begins: send, listen or scan. */
    void cell(long asn, TschNetwork net) {
        if (state == State.OFF) {
            return;
        }
        counters.elapsedSlots += config.slotframeLength();
        keys.poll(asn);
        if (state == State.SYNCED && time.lost(asn)) {
            desynchronise(asn);
        }
        if (state == State.SCANNING) {
            if (scanPending) {
                scanner.start(asn, rand, net.channels());
                scanPending = false;
            } else {
                scanner.poll(asn, rand, net.channels());
            }
            if (!scanner.ready(asn)) {
                counters.activeSlots += config.slotframeLength();
                net.listenOn(index, scanner.channel(), asn);
                return;
            }
            synchronise(asn);
        }
        counters.activeSlots++;
        long local = time.local(asn);
        if (queue.isEmpty() && time.keepAliveDue(asn)) {
            queue.offer(new TransmitQueue.Outgoing(0, time.timeSource(), new byte[0],
                    keys.isKeyed() ? Protection.ENCRYPTED : Protection.NONE, true));
        }
        if (ebs.due(keys, rand)) {
            counters.txBeacons++;
            net.transmit(index, ebs.beacon(address, security, local), asn);
            return;
        }
        for (TransmitQueue.Outgoing next = queue.nextToSend(); next != null; next = queue.nextToSend()) {
            byte[] frame = frames.data(address, config, security, next, local);
            if (frame != null) {
                queue.markSent(next);
                counters.txFrames++;
                time.sentTo(next.destination, asn);
                net.transmit(index, frame, asn);
                return;
            }
            drop(queue.dropHead());
        }
        net.listenShared(index, asn);
    }

    /** Slot {@code asn} has been resolved by the medium: settle the frame sent in it, if any. */
    void cellEnd(long asn) {
        TransmitQueue.Outcome outcome = queue.settle(rand);
        if (outcome == null) {
            return;
        }
        counters.count(outcome);
        if (outcome.result() != TransmitQueue.Result.RETRY) {
            notifyDone(outcome.frame(), outcome.result() == TransmitQueue.Result.DELIVERED);
        }
    }

    /**
     * The ACK of the receiver {@code from} travels back over a link of PRR {@code prr}; the draw comes
     * from this (the sender's) stream so that it does not depend on who else received what.
     */
    void ackFrom(MacAddress from, double prr, long asn) {
        if (queue.awaitsAckFrom(from) && ackRand.nextDouble() < prr) {
            queue.acknowledge();
            time.heardFrom(from, asn);
        }
    }

    /** Handles a frame the medium delivered; returns whether it is to be acknowledged. */
    boolean receive(int sender, byte[] bytes, long asn, TschNetwork net) {
        return state != State.OFF && intake.receive(this, sender, bytes, asn, net);
    }

    /** A collision destroyed what this mote was listening for. */
    void collided() {
        counters.rxCollisions++;
    }

    /** Chooses the best EB heard and follows its sender. */
    void synchronise(long asn) {
        EbScanner.Candidate chosen = scanner.choose();
        state = State.SYNCED;
        time.follow(chosen, asn);
        counters.syncs++;
        listener.synchronised(this, time.local(asn), chosen.source(), chosen.info());
    }

    private void desynchronise(long asn) {
        long local = time.local(asn);
        state = State.SCANNING;
        scanPending = true;
        time.forget();
        ebs.stop();
        intake.forgetNeighbours();
        dropQueued();
        counters.desyncs++;
        listener.desynchronised(this, local);
    }

    private void dropQueued() {
        for (TransmitQueue.Outgoing o : queue.clear()) {
            drop(o);
        }
    }

    private void drop(TransmitQueue.Outgoing o) {
        counters.drops++;
        notifyDone(o, false);
    }

    /** Keep-alives are the MAC's own: nobody above is waiting for them. */
    private void notifyDone(TransmitQueue.Outgoing o, boolean delivered) {
        if (!o.keepAlive) {
            listener.sendDone(this, o.handle, delivered);
        }
    }
}
