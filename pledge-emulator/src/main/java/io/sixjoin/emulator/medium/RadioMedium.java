package io.sixjoin.emulator.medium;

import io.sixjoin.emulator.kernel.Event;
import io.sixjoin.emulator.kernel.EventKernel;
import io.sixjoin.emulator.kernel.EventKind;
import io.sixjoin.emulator.kernel.EventTrace;
import io.sixjoin.emulator.kernel.SeededRandom;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;

/**
 * The shared 2.4 GHz air of an emulated mesh, resolved one TSCH slot at a time. During a slot motes
 * {@link #listen} or {@link #transmit} on a channel offset, which the {@link HoppingSequence} turns
 * into a physical channel; when the slot closes, each listener on a channel hears the frame of the one
 * transmitter in its range with probability PRR, or nothing if two or more transmitters in its range
 * used that channel (a collision, counted). "In range" means a PRR above 0: from the {@link
 * LinkModel}, or from a per-link override used for scripted links and degradation. Reception draws
 * come from each receiver's own seeded stream, so results do not depend on how many other motes
 * exist. Radios are half-duplex: a mote that transmits in a slot hears nothing in it. Neighbours are
 * found through a {@link SpatialGrid}, so a slot costs O(transmitters × local density), not O(N²).
 * An optional {@link FrameTap} sees every transmission, for packet captures; without one it costs a null check.
 */
public final class RadioMedium {

    /** Largest PSDU of the 802.15.4 2.4 GHz PHY, bytes. */
    public static final int MAX_FRAME_BYTES = 127;
    /** Preamble (4), SFD (1) and PHR (1) sent before every PSDU, bytes. */
    public static final int PHY_OVERHEAD_BYTES = 6;
    /** Time on air of one byte at 250 kbit/s. */
    public static final long MICROS_PER_BYTE = 32;

    static final EventKind SLOT_END = EventKind.named("medium.slot-end");
    static final EventKind RX = EventKind.named("medium.rx");
    static final EventKind COLLISION = EventKind.named("medium.collision");

    private final LinkModel model;
    private final HoppingSequence hopping;
    private final SeededRandom seeds;
    private final SpatialGrid grid;
    private final Map<Long, Double> overrides = new HashMap<>();
    private final Map<Integer, List<Integer>> overridePartners = new HashMap<>();

    private double[] xs = new double[256];
    private double[] ys = new double[256];
    private SplittableRandom[] rx = new SplittableRandom[256];
    private long[] listenAsn = new long[256];
    private int[] listenChannel = new int[256];
    private long[] txAsn = new long[256];
    private int[] visitStamp = new int[256];
    private int[] hearStamp = new int[256];
    private int[] hearCount = new int[256];
    private int[] hearTx = new int[256];
    private double[] hearPrr = new double[256];
    private int motes;

    private long openAsn = -1;
    private final List<Transmission> pending = new ArrayList<>();
    private int[] touched = new int[64];
    private int touchedCount;
    private int stamp;
    private int slotStamp;
    private int curTx;
    private int curSender;
    private int curChannel;
    private final IntConsumer visitor = this::visit;

    private EventKernel kernel;
    private FrameSink attachedSink;
    private FrameTap tap;
    private long framesSent, deliveries, losses, collisions, slots;

    private record Transmission(int sender, int channel, byte[] frame) {
    }

    /** A medium with the given link model and hopping sequence, drawing from {@code seeds}. */
    public RadioMedium(LinkModel model, HoppingSequence hopping, SeededRandom seeds) {
        this.model = Objects.requireNonNull(model, "model");
        this.hopping = Objects.requireNonNull(hopping, "hopping");
        this.seeds = Objects.requireNonNull(seeds, "seeds");
        this.grid = new SpatialGrid(model.maxRange());
    }

    /** Time on air of a PSDU of {@code frameBytes}, including the PHY header, in microseconds. */
    public static long airtimeMicros(int frameBytes) {
        return (frameBytes + PHY_OVERHEAD_BYTES) * MICROS_PER_BYTE;
    }

    /**
     * Places a new mote at (x, y) metres; motes are numbered 0, 1, 2, ... in order of addition.
     *
     * @return the new mote's index
     */
    public int addMote(double x, double y) {
        if (!Double.isFinite(x) || !Double.isFinite(y)) {
            throw new IllegalArgumentException("mote position must be finite: (" + x + ", " + y + ")");
        }
        if (motes == xs.length) {
            grow(motes * 2);
        }
        int m = motes++;
        xs[m] = x;
        ys[m] = y;
        rx[m] = seeds.forMote(m, "rx");
        listenAsn[m] = -1;
        txAsn[m] = -1;
        grid.add(m, x, y);
        return m;
    }

    /** Number of motes added. */
    public int moteCount() {
        return motes;
    }

    /** The physical channel (11..26) of channel offset {@code channelOffset} during slot {@code asn}. */
    public int channelOf(long asn, int channelOffset) {
        return hopping.channel(asn, channelOffset);
    }

    /** Distance between two motes, metres. */
    public double distance(int a, int b) {
        return Math.hypot(xs[a] - xs[b], ys[a] - ys[b]);
    }

    /** PRR of the link a–b as the medium will use it: the override if one is set, else the model's. */
    public double linkPrr(int a, int b) {
        checkMote(a);
        checkMote(b);
        return prr(a, b);
    }

    /**
     * Pins the PRR of the link a–b (both directions), whatever the distance; 0 silences it entirely,
     * including as an interferer.
     */
    public void setLinkPrr(int a, int b, double prr) {
        checkMote(a);
        checkMote(b);
        if (a == b || !(prr >= 0 && prr <= 1)) {
            throw new IllegalArgumentException("link " + a + "–" + b + ": need two motes and 0 <= prr <= 1, got "
                    + prr);
        }
        if (overrides.put(pairKey(a, b), prr) == null) {
            overridePartners.computeIfAbsent(a, k -> new ArrayList<>()).add(b);
            overridePartners.computeIfAbsent(b, k -> new ArrayList<>()).add(a);
        }
    }

    /** The pinned PRR of the link a–b, if {@link #setLinkPrr} set one. */
    public OptionalDouble pinnedPrr(int a, int b) {
        Double o = overrides.get(pairKey(a, b));
        return o == null ? OptionalDouble.empty() : OptionalDouble.of(o);
    }

    /** Returns the link a–b to the link model. */
    public void clearLinkPrr(int a, int b) {
        if (overrides.remove(pairKey(a, b)) != null) {
            overridePartners.get(a).remove(Integer.valueOf(b));
            overridePartners.get(b).remove(Integer.valueOf(a));
        }
    }

    /**
     * Closes slots automatically: the first activity in a slot schedules a slot-end event in its last
     * microsecond, which hands outcomes to {@code sink} and folds them into the kernel's trace.
     */
    public void attach(EventKernel kernel, FrameSink sink) {
        if (kernel.clock().slotMicros() < airtimeMicros(MAX_FRAME_BYTES)) {
            throw new IllegalArgumentException("a " + kernel.clock().slotMicros()
                    + " µs slot cannot carry a maximum-length frame");
        }
        this.kernel = kernel;
        this.attachedSink = Objects.requireNonNull(sink, "sink");
    }

    /** Reports every transmitted frame to {@code value} from now on; null (the default) reports nothing. */
    public void setTap(FrameTap value) {
        tap = value;
    }

    /** Mote {@code mote} keeps its receiver on during slot {@code asn} on cell offset {@code channelOffset}. */
    public void listen(int mote, int channelOffset, long asn) {
        checkMote(mote);
        open(asn);
        listenAsn[mote] = asn;
        listenChannel[mote] = hopping.channel(asn, channelOffset);
    }

    /**
     * Mote {@code sender} sends {@code frame} during slot {@code asn} on cell offset {@code channelOffset}.
     *
     * @throws IllegalArgumentException if the frame is empty or longer than 127 bytes
     * @throws IllegalStateException    if the mote already transmitted in this slot
     */
    public void transmit(int sender, int channelOffset, byte[] frame, long asn) {
        checkMote(sender);
        if (frame.length == 0 || frame.length > MAX_FRAME_BYTES) {
            throw new IllegalArgumentException("frame of " + frame.length + " bytes: the 2.4 GHz PHY carries 1.."
                    + MAX_FRAME_BYTES + " (airtime " + airtimeMicros(frame.length) + " µs)");
        }
        open(asn);
        if (txAsn[sender] == asn) {
            throw new IllegalStateException("mote " + sender + " already transmits in ASN " + asn);
        }
        txAsn[sender] = asn;
        Transmission tx = new Transmission(sender, hopping.channel(asn, channelOffset), frame.clone());
        pending.add(tx);
        framesSent++;
        if (tap != null) {
            tap.onAir(asn, sender, tx.channel, tx.frame);
        }
    }

    /**
     * Resolves slot {@code asn}: delivers, drops and counts collisions, then forgets the slot.
     * Call it once per active slot when not {@link #attach attached} to a kernel.
     */
    public void endSlot(long asn, FrameSink sink) {
        if (openAsn != asn) {
            if (openAsn == -1) {
                return;
            }
            throw new IllegalStateException("slot " + openAsn + " is open, not " + asn);
        }
        slotStamp++;
        touchedCount = 0;
        for (int t = 0; t < pending.size(); t++) {
            Transmission tx = pending.get(t);
            stamp++;
            curTx = t;
            curSender = tx.sender;
            curChannel = tx.channel;
            grid.forEachNear(xs[curSender], ys[curSender], visitor);
            List<Integer> partners = overridePartners.get(curSender);
            if (partners != null) {
                for (int p : partners) {
                    visit(p);
                }
            }
        }
        Arrays.sort(touched, 0, touchedCount);
        for (int i = 0; i < touchedCount; i++) {
            resolve(touched[i], asn, sink);
        }
        pending.clear();
        openAsn = -1;
        slots++;
    }

    /** Counters since creation. */
    public MediumStats stats() {
        return new MediumStats(framesSent, deliveries, losses, collisions, slots);
    }

    private void visit(int r) {
        if (r == curSender || visitStamp[r] == stamp) {
            return;
        }
        visitStamp[r] = stamp;
        if (listenAsn[r] != openAsn || listenChannel[r] != curChannel || txAsn[r] == openAsn) {
            return;
        }
        double p = prr(curSender, r);
        if (p <= 0) {
            return;
        }
        if (hearStamp[r] != slotStamp) {
            hearStamp[r] = slotStamp;
            hearCount[r] = 0;
            if (touchedCount == touched.length) {
                touched = Arrays.copyOf(touched, touchedCount * 2);
            }
            touched[touchedCount++] = r;
        }
        hearCount[r]++;
        hearTx[r] = curTx;
        hearPrr[r] = p;
    }

    private void resolve(int r, long asn, FrameSink sink) {
        int channel = listenChannel[r];
        if (hearCount[r] > 1) {
            collisions++;
            if (kernel != null) {
                kernel.trace().record(kernel.clock().nowMicros(), COLLISION, r, channel);
            }
            sink.collided(r, channel, asn);
            return;
        }
        // one draw per lone reception, even at PRR 1, so a stream's use depends only on what it heard
        if (rx[r].nextDouble() >= hearPrr[r]) {
            losses++;
            return;
        }
        Transmission tx = pending.get(hearTx[r]);
        deliveries++;
        if (kernel != null) {
            kernel.trace().record(kernel.clock().nowMicros(), RX, r, EventTrace.digestOf(tx.frame) ^ tx.sender);
        }
        sink.deliver(r, tx.sender, channel, tx.frame.clone(), asn);
    }

    private double prr(int a, int b) {
        if (!overrides.isEmpty()) {
            Double o = overrides.get(pairKey(a, b));
            if (o != null) {
                return o;
            }
        }
        return model.prr(distance(a, b));
    }

    private void open(long asn) {
        if (asn < 0) {
            throw new IllegalArgumentException("negative ASN " + asn);
        }
        if (openAsn == asn) {
            return;
        }
        if (openAsn != -1) {
            throw new IllegalStateException("slot " + openAsn + " was not closed before activity in ASN " + asn);
        }
        openAsn = asn;
        if (kernel != null) {
            long end = kernel.clock().timeOf(asn, kernel.clock().slotMicros() - 1);
            kernel.scheduleAt(end, SLOT_END, Event.NO_MOTE, asn, e -> endSlot(asn, attachedSink));
        }
    }

    private void checkMote(int m) {
        if (m < 0 || m >= motes) {
            throw new IndexOutOfBoundsException("no mote " + m + " (have " + motes + ")");
        }
    }

    private static long pairKey(int a, int b) {
        return ((long) Math.min(a, b) << 32) | Math.max(a, b);
    }

    private void grow(int n) {
        xs = Arrays.copyOf(xs, n);
        ys = Arrays.copyOf(ys, n);
        rx = Arrays.copyOf(rx, n);
        listenAsn = Arrays.copyOf(listenAsn, n);
        listenChannel = Arrays.copyOf(listenChannel, n);
        txAsn = Arrays.copyOf(txAsn, n);
        visitStamp = Arrays.copyOf(visitStamp, n);
        hearStamp = Arrays.copyOf(hearStamp, n);
        hearCount = Arrays.copyOf(hearCount, n);
        hearTx = Arrays.copyOf(hearTx, n);
        hearPrr = Arrays.copyOf(hearPrr, n);
    }
}
