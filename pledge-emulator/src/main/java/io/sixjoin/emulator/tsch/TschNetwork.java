package io.sixjoin.emulator.tsch;

import io.sixjoin.emulator.kernel.Event;
import io.sixjoin.emulator.kernel.EventKernel;
import io.sixjoin.emulator.kernel.EventKind;
import io.sixjoin.emulator.kernel.SeededRandom;
import io.sixjoin.emulator.medium.FrameSink;
import io.sixjoin.emulator.medium.HoppingSequence;
import io.sixjoin.emulator.medium.RadioMedium;
import io.sixjoin.stack.ieee802154.MacAddress;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Runs the {@link TschMac}s of one emulated network on an {@link EventKernel} and a {@link RadioMedium}.
 * With the minimal schedule every mote's only active cell is slot offset 0, so the network schedules one
 * kernel event per slotframe, not one per mote per slot: at the start of the shared cell each powered
 * mote in index order decides to send, listen or scan; the medium resolves the slot in its last
 * microsecond; then a second event, queued after the medium's, settles what the transmitters sent.
 * Idle slots cost nothing, so 10,000 motes mean 10,000 cheap calls per slotframe.
 *
 * <p><b>ACK model.</b> An ACK is not a frame on the medium: when a mote accepts a unicast data frame
 * addressed to it with AR set, the sender hears the ACK with the PRR of the reverse link, drawn from the
 * sender's own stream. So the data frame suffers collisions and loss like any frame, and the ACK only
 * link loss; that is faithful for the minimal cell, where the addressed receiver is the only radio
 * sending in the ACK's part of the slot. ACKs are not secured byte for byte; their K2 protection is
 * implied by the data frame having verified.
 */
public final class TschNetwork implements FrameSink {

    static final EventKind CELL = EventKind.named("tsch.cell");
    static final EventKind CELL_END = EventKind.named("tsch.cell-end");

    private final EventKernel kernel;
    private final RadioMedium medium;
    private final SeededRandom seeds;
    private final TschConfig config;
    private final List<TschMac> macs = new ArrayList<>();
    private final VerificationCache verifications = new VerificationCache();
    private final int[] channels;
    private final int[] offsetOfChannel = new int[HoppingSequence.CHANNELS];
    private int[] transmitters = new int[16];
    private int transmitterCount;
    private Event nextCell;

    /** A network on {@code medium}, which this attaches to {@code kernel} as its frame sink. */
    public TschNetwork(EventKernel kernel, RadioMedium medium, SeededRandom seeds, TschConfig config) {
        this.kernel = Objects.requireNonNull(kernel, "kernel");
        this.medium = Objects.requireNonNull(medium, "medium");
        this.seeds = Objects.requireNonNull(seeds, "seeds");
        this.config = Objects.requireNonNull(config, "config");
        boolean[] seen = new boolean[HoppingSequence.CHANNELS];
        for (int off = 0; off < HoppingSequence.CHANNELS; off++) {
            seen[medium.channelOf(0, off) - HoppingSequence.FIRST_CHANNEL] = true;
        }
        int n = 0;
        int[] found = new int[HoppingSequence.CHANNELS];
        for (int c = 0; c < seen.length; c++) {
            if (seen[c]) {
                found[n++] = HoppingSequence.FIRST_CHANNEL + c;
            }
        }
        this.channels = Arrays.copyOf(found, n);
        medium.attach(kernel, this);
    }

    /** The EUI-64 the emulator gives mote {@code index}: 14:15:92:cc:00:00 followed by the index. */
    public static MacAddress defaultAddress(int index) {
        return MacAddress.extended(new byte[] {0x14, 0x15, (byte) 0x92, (byte) 0xcc, 0, 0, (byte) (index >>> 8),
            (byte) index});
    }

    /** Adds the MAC of the next medium mote (index = MACs added so far) with {@link #defaultAddress}. */
    public TschMac addMote() {
        return addMote(defaultAddress(macs.size()));
    }

    /**
     * Adds the MAC of the next medium mote with the given EUI-64.
     *
     * @throws IllegalStateException if the medium has no mote with the next index
     */
    public TschMac addMote(MacAddress address) {
        int index = macs.size();
        if (index >= medium.moteCount()) {
            throw new IllegalStateException("add mote " + index + " to the medium before its MAC");
        }
        TschMac mac = new TschMac(index, address, config, kernel.clock(), seeds.forMote(index, "tsch"),
                seeds.forMote(index, "tsch-ack"), verifications);
        macs.add(mac);
        return mac;
    }

    /** The MAC of mote {@code index}. */
    public TschMac mac(int index) {
        return macs.get(index);
    }

    /** Number of MACs. */
    public int size() {
        return macs.size();
    }

    public TschConfig config() {
        return config;
    }

    /** Starts the schedule at the first shared cell at or after now (ASN 0 on a fresh kernel). */
    public void start() {
        if (nextCell != null) {
            throw new IllegalStateException("already started");
        }
        long asn = kernel.clock().asn();
        if (kernel.clock().offsetInSlot() > 0) {
            asn++;
        }
        scheduleCell(config.nextSharedCell(asn));
    }

    /** Sum of every mote's counters. */
    public MacStats totals() {
        MacStats sum = MacStats.zero();
        for (TschMac m : macs) {
            sum = sum.plus(m.stats());
        }
        return sum;
    }

    @Override
    public void deliver(int receiver, int sender, int channel, byte[] frame, long asn) {
        if (receiver >= macs.size() || sender >= macs.size()) {
            return;
        }
        TschMac rx = macs.get(receiver);
        if (rx.receive(sender, frame, asn, this)) {
            macs.get(sender).ackFrom(rx.address(), medium.linkPrr(receiver, sender), asn);
        }
    }

    @Override
    public void collided(int receiver, int channel, long asn) {
        if (receiver < macs.size()) {
            macs.get(receiver).collided();
        }
    }

    // ---- called by the MACs during a cell -------------------------------------------------------

    int[] channels() {
        return channels;
    }

    void listenShared(int mote, long asn) {
        medium.listen(mote, 0, asn);
    }

    /** Listens on physical {@code channel} (a scanning mote): the offset that maps to it in this slot. */
    void listenOn(int mote, int channel, long asn) {
        medium.listen(mote, offsetOfChannel[channel - HoppingSequence.FIRST_CHANNEL], asn);
    }

    void transmit(int mote, byte[] frame, long asn) {
        medium.transmit(mote, 0, frame, asn);
        if (transmitterCount == transmitters.length) {
            transmitters = Arrays.copyOf(transmitters, transmitterCount * 2);
        }
        transmitters[transmitterCount++] = mote;
    }

    /** Link quality as a receiver would estimate it: the medium's PRR of the link. */
    double linkQuality(int from, int to) {
        return medium.linkPrr(from, to);
    }

    // ---- the schedule ------------------------------------------------------------------------------

    private void scheduleCell(long asn) {
        nextCell = kernel.scheduleAtAsn(asn, CELL, Event.NO_MOTE, e -> cell(asn));
    }

    private void cell(long asn) {
        for (int off = 0; off < HoppingSequence.CHANNELS; off++) {
            offsetOfChannel[medium.channelOf(asn, off) - HoppingSequence.FIRST_CHANNEL] = off;
        }
        transmitterCount = 0;
        verifications.clear();
        for (int i = 0; i < macs.size(); i++) {
            macs.get(i).cell(asn, this);
        }
        long end = kernel.clock().timeOf(asn, kernel.clock().slotMicros() - 1);
        kernel.scheduleAt(end, CELL_END, Event.NO_MOTE, transmitterCount, e -> cellEnd(asn));
        scheduleCell(asn + config.slotframeLength());
    }

    private void cellEnd(long asn) {
        for (int i = 0; i < transmitterCount; i++) {
            macs.get(transmitters[i]).cellEnd(asn);
        }
        transmitterCount = 0;
    }
}
