package io.sixjoin.jrc.store;

import io.sixjoin.stack.cojp.PledgeId;
import io.sixjoin.stack.cojp.PreSharedKey;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.random.RandomGenerator;
import java.util.SplittableRandom;

/** Deterministic pledges, keys and stores for the store tests. */
final class StoreFixtures {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC);

    private StoreFixtures() {
    }

    static JrcStore open(Path dir) {
        return JrcStore.open(StoreLocation.dataDirectory(dir), CLOCK, new SplittableRandom(1));
    }

    static JrcStore open(Path dir, RandomGenerator random) {
        return JrcStore.open(StoreLocation.dataDirectory(dir), CLOCK, random);
    }

    /** Pledge number {@code n}: EUI-64 00124b00 followed by n, PSK derived from n. */
    static PledgeId id(int n) {
        return PledgeId.parse(String.format("00124b00%08x", n));
    }

    static String pskHex(int n) {
        return String.format("%08x", n * 2654435761L & 0xffffffffL).repeat(4);
    }

    static PreSharedKey psk(int n) {
        return PreSharedKey.of(HexFormat.of().parseHex(pskHex(n)));
    }

    static ProvisionedPledge pledge(int n) {
        return new ProvisionedPledge(id(n), psk(n), n % 10 == 0 ? PledgeRole.SIX_LBR : PledgeRole.NODE);
    }
}
