package io.sixjoin.cli.bench;

import io.sixjoin.jrc.store.PledgeRole;
import io.sixjoin.jrc.store.ProvisionedPledge;
import io.sixjoin.stack.cojp.PledgeId;
import io.sixjoin.stack.cojp.PledgeJoinExchange;
import io.sixjoin.stack.cojp.PreSharedKey;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The benchmark's pledges: EUI-64s counted up from a fixed prefix and PSKs from a seeded generator, so a run is
 * repeatable and the JRC, the stock cf-oscore server and the load generator all agree on who is who without
 * sharing objects.
 */
public final class Fleet {
    private static final long EUI64_BASE = 0x00124b0000000000L;
    private static final long SEED = 0x5158_4a4f_494eL;

    private final int size;

    public Fleet(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("a fleet needs at least one pledge");
        }
        this.size = size;
    }

    public int size() {
        return size;
    }

    /** Pledge {@code i}'s identity and PSK, as provisioned in the JRC's store. */
    public List<ProvisionedPledge> provisioning() {
        return provisioning(0, size);
    }

    /** Pledges {@code from} (inclusive) to {@code to} (exclusive). */
    public List<ProvisionedPledge> provisioning(int from, int to) {
        SplittableRandom random = new SplittableRandom(SEED);
        List<ProvisionedPledge> out = new ArrayList<>(to - from);
        byte[] psk = new byte[16];
        for (int i = 0; i < to; i++) {
            random.nextBytes(psk);
            if (i >= from) {
                out.add(new ProvisionedPledge(id(i), PreSharedKey.of(psk), PledgeRole.NODE));
            }
        }
        return out;
    }

    /** The pledge side of every provisioned pledge: their own OSCORE contexts and sequence numbers. */
    public List<PledgeJoinExchange> pledges() {
        List<PledgeJoinExchange> out = new ArrayList<>(size);
        for (ProvisionedPledge p : provisioning()) {
            out.add(new PledgeJoinExchange(p.psk(), p.id()));
        }
        return out;
    }

    static PledgeId id(int i) {
        return PledgeId.of(ByteBuffer.allocate(8).putLong(EUI64_BASE + i).array());
    }
}
