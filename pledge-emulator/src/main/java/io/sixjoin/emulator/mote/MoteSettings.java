package io.sixjoin.emulator.mote;

import io.sixjoin.stack.cojp.PledgeJoin;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * What every emulated mote of a run shares: the mesh addresses, the network identifier a pledge asks for when
 * the beacon names none, which firmware the motes behave like, and the RPL/TSCH pacing derived from the
 * slotframe (DIO Trickle minimum interval, DAO refresh period).
 *
 * @param addresses     the mesh prefix and the address rules
 * @param networkId     the network identifier (1..16 bytes); copied
 * @param profile       RFC 9031 pledges and JPs, or OpenWSN firmware behaviour (option 40, NON, no join IE)
 * @param slotframeMicros one slotframe of the minimal schedule, in microseconds
 */
public record MoteSettings(MeshAddresses addresses, byte[] networkId, PledgeJoin.Profile profile,
        long slotframeMicros) {
    public MoteSettings {
        Objects.requireNonNull(addresses, "addresses");
        Objects.requireNonNull(profile, "profile");
        if (networkId.length == 0 || networkId.length > 16) {
            throw new IllegalArgumentException("a network identifier has 1..16 bytes");
        }
        if (slotframeMicros <= 0) {
            throw new IllegalArgumentException("slotframe must be positive");
        }
        networkId = networkId.clone();
    }

    @Override
    public byte[] networkId() {
        return networkId.clone();
    }

    /** Trickle Imin for DIOs: a few slotframes, so a neighbourhood's DIOs fit the one shared cell. */
    long dioIminMicros() {
        return Math.max(16 * slotframeMicros, 2_000_000L);
    }

    /**
     * How often a joined mote refreshes its DAO: well inside the path lifetime it announces (0xAA minutes), and
     * rare enough that a thousand motes' refreshes do not crowd the shared cell (a DAO also goes out on every
     * parent change).
     */
    long daoPeriodMicros() {
        return 20 * 60_000_000L;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MoteSettings s && s.addresses.equals(addresses) && Arrays.equals(s.networkId, networkId)
                && s.profile == profile && s.slotframeMicros == slotframeMicros;
    }

    @Override
    public int hashCode() {
        return Objects.hash(addresses, Arrays.hashCode(networkId), profile, slotframeMicros);
    }

    @Override
    public String toString() {
        return "MoteSettings[" + addresses + ", network " + HexFormat.of().formatHex(networkId) + ", " + profile
                + "]";
    }
}
