package io.sixjoin.emulator.tsch;

import io.sixjoin.stack.ieee802154.security.LinkKey;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The link-layer keys of one mote, by 802.15.4 key index (key ID mode 1), with the RFC 9031 §8.4.3
 * rekeying rules. Any installed key is accepted on receipt for the role it was installed in (K1 for EBs,
 * K2 for data and ACKs); the upper layer names the indices to send with. A 6LBR switches at once
 * ({@link #sendWith}); a 6LN installs the new set and calls {@link #switchOnFirstUse}, and the MAC then
 * switches the moment it verifies a frame secured with one of the new indices, scheduling the keys no
 * longer sent with for removal a guard time later. Removal deadlines are ASNs polled by the MAC. Key
 * values never appear in {@link #toString()}.
 */
public final class KeyRing {

    /** What a key is used for. */
    public enum Role {
        /** EB authentication only. */
        K1,
        /** Data and ACK protection only. */
        K2,
        /** Both, as OpenWSN and the CoJP default key usage 0 have it. */
        K1K2;

        boolean forBeacons() {
            return this != K2;
        }

        boolean forData() {
            return this != K1;
        }
    }

    private record Entry(LinkKey key, Role role) {
    }

    private final long guardSlots;
    private final Map<Integer, Entry> keys = new TreeMap<>();
    private final Map<Integer, Long> removals = new TreeMap<>();
    private int sendK1 = -1;
    private int sendK2 = -1;
    private int pendingK1 = -1;
    private int pendingK2 = -1;
    private long nextRemoval = Long.MAX_VALUE;

    KeyRing(long guardSlots) {
        this.guardSlots = guardSlots;
    }

    /**
     * Installs (or replaces) the key with {@code keyIndex}; the first K2 installed on an unkeyed mote
     * also becomes the one to send with, and likewise for K1.
     *
     * @throws IllegalArgumentException unless 1 <= keyIndex <= 254 (RFC 9031: 0 is mode 0, 255 reserved)
     */
    public void install(int keyIndex, LinkKey key, Role role) {
        if (keyIndex < 1 || keyIndex > 254) {
            throw new IllegalArgumentException("key index " + keyIndex + " outside 1..254");
        }
        keys.put(keyIndex, new Entry(Objects.requireNonNull(key, "key"), Objects.requireNonNull(role, "role")));
        removals.remove(keyIndex);
        if (sendK1 < 0 && role.forBeacons()) {
            sendK1 = keyIndex;
        }
        if (sendK2 < 0 && role.forData()) {
            sendK2 = keyIndex;
        }
    }

    /** Sends EBs with {@code k1Index} and data with {@code k2Index} from now on (the 6LBR rule). */
    public void sendWith(int k1Index, int k2Index) {
        require(k1Index, Role.K1);
        require(k2Index, Role.K2);
        sendK1 = k1Index;
        sendK2 = k2Index;
        pendingK1 = -1;
        pendingK2 = -1;
    }

    /**
     * Keeps sending with the current keys until a frame secured with {@code k1Index} or {@code k2Index}
     * verifies, then switches to them and removes the old ones after the guard time (the 6LN rule).
     */
    public void switchOnFirstUse(int k1Index, int k2Index) {
        require(k1Index, Role.K1);
        require(k2Index, Role.K2);
        pendingK1 = k1Index;
        pendingK2 = k2Index;
    }

    /** Removes {@code keyIndex} once slot {@code asn} is reached. */
    public void removeAt(int keyIndex, long asn) {
        if (keys.containsKey(keyIndex)) {
            removals.put(keyIndex, asn);
            nextRemoval = Math.min(nextRemoval, asn);
        }
    }

    /** Removes {@code keyIndex} now; the mote stops sending with it. */
    public void remove(int keyIndex) {
        keys.remove(keyIndex);
        removals.remove(keyIndex);
        if (sendK1 == keyIndex) {
            sendK1 = -1;
        }
        if (sendK2 == keyIndex) {
            sendK2 = -1;
        }
    }

    /** How long an old key is kept after a switch, in slots. */
    public long guardSlots() {
        return guardSlots;
    }

    /** Forgets every key, as a reboot does to a mote that keeps keys only in RAM. */
    public void clear() {
        keys.clear();
        removals.clear();
        sendK1 = -1;
        sendK2 = -1;
        pendingK1 = -1;
        pendingK2 = -1;
        nextRemoval = Long.MAX_VALUE;
    }

    /** Whether {@code keyIndex} is installed. */
    public boolean has(int keyIndex) {
        return keys.containsKey(keyIndex);
    }

    /** Index EBs are sent with, or -1. */
    public int sendK1() {
        return sendK1;
    }

    /** Index data frames are sent with, or -1. */
    public int sendK2() {
        return sendK2;
    }

    /** Whether the mote can send secured data (it has a K2 to send with). */
    public boolean isKeyed() {
        return sendK2 >= 0;
    }

    /** Drops keys whose removal time has come. */
    void poll(long asn) {
        if (asn < nextRemoval) {
            return;
        }
        nextRemoval = Long.MAX_VALUE;
        for (Map.Entry<Integer, Long> e : Map.copyOf(removals).entrySet()) {
            if (e.getValue() <= asn) {
                remove(e.getKey());
            } else {
                nextRemoval = Math.min(nextRemoval, e.getValue());
            }
        }
    }

    /** The earliest pending removal ASN, or {@link Long#MAX_VALUE}. */
    long nextDeadline() {
        return nextRemoval;
    }

    /**
     * A frame secured with {@code keyIndex} verified at {@code asn}: adopt a pending set if it is one of
     * its keys.
     *
     * @return whether the outgoing keys switched
     */
    boolean onVerified(int keyIndex, long asn) {
        if (pendingK2 < 0 || (keyIndex != pendingK1 && keyIndex != pendingK2)) {
            return false;
        }
        int oldK1 = sendK1;
        int oldK2 = sendK2;
        sendWith(pendingK1, pendingK2);
        for (int old : new int[] {oldK1, oldK2}) {
            if (old >= 0 && old != sendK1 && old != sendK2) {
                removeAt(old, asn + guardSlots);
            }
        }
        return true;
    }

    /** The key with {@code keyIndex} if installed for beacons, else null. */
    LinkKey beaconKey(int keyIndex) {
        Entry e = keys.get(keyIndex);
        return e != null && e.role.forBeacons() ? e.key : null;
    }

    /** The key with {@code keyIndex} if installed for data, else null. */
    LinkKey dataKey(int keyIndex) {
        Entry e = keys.get(keyIndex);
        return e != null && e.role.forData() ? e.key : null;
    }

    private void require(int keyIndex, Role use) {
        Entry e = keys.get(keyIndex);
        if (e == null || (use == Role.K1 ? !e.role.forBeacons() : !e.role.forData())) {
            throw new IllegalArgumentException("no key with index " + keyIndex + " installed for " + use);
        }
    }

    @Override
    public String toString() {
        return "KeyRing[indices " + keys.keySet() + ", send K1 " + sendK1 + " K2 " + sendK2
                + (pendingK2 >= 0 ? ", pending " + pendingK1 + "/" + pendingK2 : "") + "]";
    }
}
