package io.sixjoin.emulator.run;

import io.sixjoin.emulator.medium.LinkModel;
import io.sixjoin.emulator.topology.Topology;
import io.sixjoin.stack.cojp.PledgeJoin;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * Everything one emulation run is made from: the topology (motes, pinned links, scripted faults), the seed every
 * random stream derives from, the credentials of each mote (in topology order; the root's is the border
 * router's), the radio's link model, the TSCH slotframe length, the firmware profile the motes imitate, the
 * network identifier, and whether virtual time runs free or is paced to the wall clock.
 *
 * @param topology     the motes; exactly one is the root
 * @param seed         the run seed
 * @param credentials  one per mote, in topology order
 * @param linkModel    distance to packet reception ratio
 * @param slotframe    slotframe length in slots (RFC 8180 default 101)
 * @param profile      RFC 9031 or OpenWSN behaviour
 * @param networkId    the network identifier the root advertises (1..16 bytes); copied
 * @param realTime     pace virtual time to the wall clock ({@code --time real})
 */
public record EmulationConfig(Topology topology, long seed, List<MoteCredentials> credentials, LinkModel linkModel,
        int slotframe, PledgeJoin.Profile profile, byte[] networkId, boolean realTime) {
    /** The network identifier the JRC and the bridge use when none is configured. */
    public static final byte[] DEFAULT_NETWORK_ID = {(byte) 0xca, (byte) 0xfe};
    /** RFC 8180's minimal slotframe. */
    public static final int DEFAULT_SLOTFRAME = 101;

    public EmulationConfig {
        Objects.requireNonNull(topology, "topology");
        Objects.requireNonNull(linkModel, "linkModel");
        Objects.requireNonNull(profile, "profile");
        credentials = List.copyOf(credentials);
        if (credentials.size() != topology.size()) {
            throw new IllegalArgumentException(credentials.size() + " credentials for " + topology.size() + " motes");
        }
        if (slotframe < 2 || slotframe > 65_535) {
            throw new IllegalArgumentException("slotframe must be 2..65535 slots, got " + slotframe);
        }
        if (networkId.length == 0 || networkId.length > 16) {
            throw new IllegalArgumentException("a network identifier has 1..16 bytes");
        }
        networkId = networkId.clone();
    }

    /** A run with credentials derived from the seed, the RFC 9031 profile, network id cafe, virtual time. */
    public static EmulationConfig of(Topology topology, long seed, LinkModel model, int slotframe) {
        int root = topology.motes().indexOf(topology.root());
        return new EmulationConfig(topology, seed, MoteCredentials.derive(seed, topology.size(), root), model,
                slotframe, PledgeJoin.Profile.RFC9031, DEFAULT_NETWORK_ID, false);
    }

    public EmulationConfig withProfile(PledgeJoin.Profile value) {
        return new EmulationConfig(topology, seed, credentials, linkModel, slotframe, value, networkId, realTime);
    }

    public EmulationConfig withCredentials(List<MoteCredentials> value) {
        return new EmulationConfig(topology, seed, value, linkModel, slotframe, profile, networkId, realTime);
    }

    public EmulationConfig withNetworkId(byte[] value) {
        return new EmulationConfig(topology, seed, credentials, linkModel, slotframe, profile, value, realTime);
    }

    public EmulationConfig withRealTime(boolean value) {
        return new EmulationConfig(topology, seed, credentials, linkModel, slotframe, profile, networkId, value);
    }

    /** Index of the root in topology order. */
    public int rootIndex() {
        return topology.motes().indexOf(topology.root());
    }

    @Override
    public byte[] networkId() {
        return networkId.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EmulationConfig c && c.topology.equals(topology) && c.seed == seed
                && c.credentials.equals(credentials) && c.linkModel.equals(linkModel) && c.slotframe == slotframe
                && c.profile == profile && Arrays.equals(c.networkId, networkId) && c.realTime == realTime;
    }

    @Override
    public int hashCode() {
        return Objects.hash(topology, seed, slotframe, profile, Arrays.hashCode(networkId), realTime);
    }

    @Override
    public String toString() {
        return "EmulationConfig[" + topology.size() + " motes, seed " + seed + ", slotframe " + slotframe + ", "
                + profile + ", network " + HexFormat.of().formatHex(networkId) + (realTime ? ", real time" : "")
                + "]";
    }
}
