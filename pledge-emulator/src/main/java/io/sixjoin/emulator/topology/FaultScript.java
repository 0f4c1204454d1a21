package io.sixjoin.emulator.topology;

import io.sixjoin.emulator.kernel.Event;
import io.sixjoin.emulator.kernel.EventKernel;
import io.sixjoin.emulator.kernel.EventKind;
import io.sixjoin.emulator.kernel.VirtualClock;
import io.sixjoin.emulator.medium.RadioMedium;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Turns a topology's {@link Fault}s into kernel events. Link degradation is carried out here, on the
 * {@link RadioMedium}, because the medium is all it touches; reboots and JRC outages need the mote
 * and JRC layers, so they are handed to a {@link Target} that those layers implement. A degradation
 * ends by restoring what the link was when it began (a pinned PRR, or the distance model), so a
 * degrade of a pinned link does not silently unpin it.
 */
public final class FaultScript {

    static final EventKind REBOOT = EventKind.named("fault.reboot");
    static final EventKind DEGRADE = EventKind.named("fault.degrade");
    static final EventKind RESTORE = EventKind.named("fault.restore");
    static final EventKind JRC_DOWN = EventKind.named("fault.jrc-down");
    static final EventKind JRC_UP = EventKind.named("fault.jrc-up");

    /** What the emulator's upper layers do when a scripted fault fires. */
    public interface Target {
        /** Mote {@code moteIndex} (medium index, not id) reboots now. */
        void reboot(int moteIndex);

        /** The JRC becomes unreachable ({@code down}) or reachable again. */
        void jrcReachable(boolean reachable);
    }

    private FaultScript() {
    }

    /**
     * Schedules every fault of {@code topology} on {@code kernel}, degrading links of {@code medium}
     * and calling {@code target} for the rest. Faults due at the same instant fire in file order.
     *
     * @param index mote id → medium index, as returned by {@link Topology#install}
     * @return the scheduled start events, in file order (cancel one to drop that fault before it starts)
     */
    public static List<Event> schedule(Topology topology, Map<Integer, Integer> index, EventKernel kernel,
                                       RadioMedium medium, Target target) {
        Objects.requireNonNull(target, "target");
        List<Event> starts = new ArrayList<>();
        for (Fault f : topology.faults()) {
            long at = VirtualClock.toMicros(f.at());
            if (f instanceof Fault.Reboot r) {
                int mote = index.get(r.mote());
                starts.add(kernel.scheduleAt(at, REBOOT, mote, 0, e -> target.reboot(mote)));
            } else if (f instanceof Fault.Degrade d) {
                starts.add(degrade(d, index.get(d.a()), index.get(d.b()), at, kernel, medium));
            } else if (f instanceof Fault.JrcOutage o) {
                long end = at + VirtualClock.toMicros(o.duration());
                starts.add(kernel.scheduleAt(at, JRC_DOWN, Event.NO_MOTE, 0, e -> {
                    target.jrcReachable(false);
                    kernel.scheduleAt(end, JRC_UP, Event.NO_MOTE, 0, up -> target.jrcReachable(true));
                }));
            }
        }
        return starts;
    }

    private static Event degrade(Fault.Degrade d, int a, int b, long at, EventKernel kernel, RadioMedium medium) {
        long end = at + VirtualClock.toMicros(d.duration());
        long digest = Double.doubleToLongBits(d.prr());
        return kernel.scheduleAt(at, DEGRADE, a, digest, e -> {
            OptionalDouble before = medium.pinnedPrr(a, b);
            medium.setLinkPrr(a, b, d.prr());
            kernel.scheduleAt(end, RESTORE, a, 0, r -> {
                if (before.isPresent()) {
                    medium.setLinkPrr(a, b, before.getAsDouble());
                } else {
                    medium.clearLinkPrr(a, b);
                }
            });
        });
    }
}
