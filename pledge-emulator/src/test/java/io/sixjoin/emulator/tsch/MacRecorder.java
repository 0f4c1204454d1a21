package io.sixjoin.emulator.tsch;

import io.sixjoin.stack.ieee802154.EnhancedBeacon;
import io.sixjoin.stack.ieee802154.MacAddress;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A {@link MacListener} for tests: records what every mote heard and lets tests plug in behaviour. */
class MacRecorder implements MacListener {

    record Rx(int mote, ReceivedFrame frame) {
    }

    record Done(int mote, long handle, boolean delivered) {
    }

    final List<Rx> received = new ArrayList<>();
    final List<Done> done = new ArrayList<>();
    final Map<Integer, Long> firstSyncAsn = new HashMap<>();
    final Map<Integer, Long> desyncAsn = new HashMap<>();
    final Map<Integer, Integer> firstTimeSource = new HashMap<>();
    final List<int[]> keySwitches = new ArrayList<>();
    boolean admitUnsecured = true;
    OnSync onSync = (mac, eb) -> { };

    interface OnSync {
        void synced(TschMac mac, EnhancedBeacon.Info eb);
    }

    @Override
    public void synchronised(TschMac mac, long asn, MacAddress timeSource, EnhancedBeacon.Info eb) {
        firstSyncAsn.putIfAbsent(mac.index(), asn);
        firstTimeSource.putIfAbsent(mac.index(), mac.timeSourceMote());
        onSync.synced(mac, eb);
    }

    @Override
    public void desynchronised(TschMac mac, long asn) {
        desyncAsn.putIfAbsent(mac.index(), asn);
    }

    @Override
    public void received(TschMac mac, ReceivedFrame frame) {
        received.add(new Rx(mac.index(), frame));
    }

    @Override
    public boolean admitUnsecured(TschMac mac, ReceivedFrame frame) {
        return admitUnsecured;
    }

    @Override
    public void sendDone(TschMac mac, long handle, boolean delivered) {
        done.add(new Done(mac.index(), handle, delivered));
    }

    @Override
    public void keysSwitched(TschMac mac, int k1Index, int k2Index) {
        keySwitches.add(new int[] {mac.index(), k1Index, k2Index});
    }

    List<ReceivedFrame> receivedBy(int mote) {
        return received.stream().filter(r -> r.mote() == mote).map(Rx::frame).toList();
    }

    Done doneOf(int mote, long handle) {
        return done.stream().filter(d -> d.mote() == mote && d.handle() == handle).findFirst().orElse(null);
    }
}
