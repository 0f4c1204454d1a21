package io.sixjoin.emulator.tsch;

import io.sixjoin.emulator.kernel.EventKernel;
import io.sixjoin.emulator.kernel.SeededRandom;
import io.sixjoin.emulator.medium.HoppingSequence;
import io.sixjoin.emulator.medium.LinkModel;
import io.sixjoin.emulator.medium.RadioMedium;
import io.sixjoin.stack.ieee802154.security.LinkKey;

import java.util.Arrays;
import java.util.function.BooleanSupplier;

/**
 * A kernel, medium and TSCH network with motes at given positions, for the MAC tests: mote 0 is the
 * root, keyed with {@link #K} at index 1 and advertising with join metric 0.
 */
final class TschFixture {

    static final int PAN = 0xcafe;
    static final LinkKey K = key(0x11);

    final EventKernel kernel = new EventKernel();
    final RadioMedium medium;
    final TschNetwork net;
    final MacRecorder recorder = new MacRecorder();

    TschFixture(long seed, TschConfig config, LinkModel model, double[]... positions) {
        SeededRandom seeds = new SeededRandom(seed);
        medium = new RadioMedium(model, HoppingSequence.openWsn(), seeds);
        for (double[] p : positions) {
            medium.addMote(p[0], p[1]);
        }
        net = new TschNetwork(kernel, medium, seeds, config);
        for (int i = 0; i < positions.length; i++) {
            net.addMote().setListener(recorder);
        }
        TschMac root = net.mac(0);
        root.startAsRoot();
        root.keys().install(1, K, KeyRing.Role.K1K2);
        root.advertise(0, null);
        net.start();
    }

    /** Root at the origin and {@code pledges} motes on a circle of {@code radius} around it, 50 m unit disk. */
    static TschFixture star(long seed, TschConfig config, int pledges, double radius) {
        double[][] pos = new double[pledges + 1][];
        pos[0] = new double[] {0, 0};
        for (int i = 1; i <= pledges; i++) {
            double a = 2 * Math.PI * i / pledges;
            pos[i] = new double[] {radius * Math.cos(a), radius * Math.sin(a)};
        }
        return new TschFixture(seed, config, LinkModel.unitDisk(50), pos);
    }

    static LinkKey key(int fill) {
        byte[] b = new byte[LinkKey.LENGTH];
        Arrays.fill(b, (byte) fill);
        return LinkKey.of(b);
    }

    TschMac mac(int i) {
        return net.mac(i);
    }

    long asn() {
        return kernel.clock().asn();
    }

    /** Runs {@code slots} slots. */
    void run(long slots) {
        kernel.runUntilAsn(asn() + slots);
    }

    /** Runs until {@code done} or {@code maxSlots} slots have passed; returns {@code done}'s final answer. */
    boolean runUntil(BooleanSupplier done, long maxSlots) {
        kernel.runUntil(done, kernel.clock().startOf(asn() + maxSlots));
        return done.getAsBoolean();
    }

    /** Runs until mote {@code i} is synchronised; fails the caller's assertion if it never is. */
    boolean awaitSync(int i, long maxSlots) {
        return runUntil(() -> mac(i).isSynchronised(), maxSlots);
    }
}
