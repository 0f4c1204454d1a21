package io.sixjoin.jrc.store;

import io.sixjoin.stack.cojp.PledgeId;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * The victim process of {@link KillNineTest}: it records a join, then reserves sequence ceilings and
 * saves replay windows as fast as it can, printing each value only after its transaction committed, until
 * it is killed. It resumes above the stored ceiling, as the JRC must after a crash.
 */
public final class CrashWriter {
    private CrashWriter() {
    }

    public static void main(String[] args) {
        PledgeId id = StoreFixtures.id(1);
        try (JrcStore store = JrcStore.open(StoreLocation.dataDirectory(Path.of(args[0])), StoreFixtures.CLOCK,
                new SplittableRandom(3))) {
            if (store.pledges().find(id).isEmpty()) {
                store.pledges().add(StoreFixtures.pledge(1));
            }
            store.nodes().recordJoin(id, PledgeRole.NODE, "cafe", 0);
            System.out.println("joined");
            long seq = store.oscore().senderSequenceCeiling(id).orElse(-1) + 1;
            for (long i = 0; ; i++) {
                long ceiling = seq + 32 * (i + 1);
                store.oscore().reserveSenderSequence(id, ceiling);
                store.oscore().saveReplayWindow(id, ceiling, i);
                System.out.println("ceiling " + ceiling);
                System.out.flush();
            }
        }
    }
}
