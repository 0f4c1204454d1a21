package io.sixjoin.emulator.topology;

import io.sixjoin.emulator.kernel.EventKernel;
import io.sixjoin.emulator.kernel.SeededRandom;
import io.sixjoin.emulator.medium.HoppingSequence;
import io.sixjoin.emulator.medium.LinkModel;
import io.sixjoin.emulator.medium.RadioMedium;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FaultScriptTest {

    @Test
    void faultsFireAtTheirTimesAndDegradationsAreUndone() throws Exception {
        Topology t = TopologyFile.parse(TopologyFileTest.fixture("full.json"));
        EventKernel k = new EventKernel();
        RadioMedium m = new RadioMedium(LinkModel.unitDisk(20), HoppingSequence.openWsn(), new SeededRandom(1));
        Map<Integer, Integer> index = t.install(m);
        List<String> log = new ArrayList<>();
        FaultScript.schedule(t, index, k, m, new FaultScript.Target() {
            @Override
            public void reboot(int moteIndex) {
                log.add(k.clock().elapsed().toMillis() + "ms reboot " + moteIndex);
            }

            @Override
            public void jrcReachable(boolean reachable) {
                log.add(k.clock().elapsed().toMillis() + "ms jrc " + (reachable ? "up" : "down"));
            }
        });
        int a = index.get(1);
        int b = index.get(2);
        k.runUntilAsn(6_001);
        assertEquals(0.2, m.linkPrr(a, b), "60 s: degraded from the pinned 0.9");
        k.runUntilAsn(9_001);
        assertEquals(0.9, m.linkPrr(a, b), "90 s: back to the pinned value, not unpinned");
        k.runUntilAsn(20_000);
        assertEquals(List.of("250ms jrc down", "250ms jrc up", "30000ms jrc down", "50000ms jrc up",
                "90000ms reboot 4", "120000ms reboot 3"), log);
    }

    @Test
    void degradingAnUnpinnedLinkReturnsItToTheDistanceModel() {
        Topology t = new Topology(List.of(new MoteSpec(0, 0, 0, true), new MoteSpec(1, 5, 0, false)), List.of(),
                List.of(new Fault.Degrade(Duration.ofSeconds(1), 0, 1, 0.0, Duration.ofSeconds(1))));
        EventKernel k = new EventKernel();
        RadioMedium m = new RadioMedium(LinkModel.unitDisk(20), HoppingSequence.openWsn(), new SeededRandom(1));
        FaultScript.schedule(t, t.install(m), k, m, new FaultScript.Target() {
            @Override
            public void reboot(int moteIndex) {
            }

            @Override
            public void jrcReachable(boolean reachable) {
            }
        });
        k.runUntilAsn(150);
        assertEquals(0.0, m.linkPrr(0, 1));
        k.runUntilAsn(250);
        assertEquals(1.0, m.linkPrr(0, 1));
        assertEquals(true, m.pinnedPrr(0, 1).isEmpty());
    }
}
