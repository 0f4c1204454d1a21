package io.sixjoin.jrc;

import io.sixjoin.jrc.coap.RateLimiter;
import io.sixjoin.jrc.join.JrcProfile;
import io.sixjoin.jrc.store.StoreLocation;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Everything a JRC is started with, in one typed record (the CLI and a config file both produce one).
 *
 * @param listen             UDP addresses the CoAP endpoint binds (IPv4 and/or IPv6)
 * @param tunnel             optional UDP address where radio bridges send IPv6 packets in UDP datagrams
 * @param store              where the durable state lives
 * @param networkIdHex       the network identifier pledges must send (hex); empty keeps the stored one, or
 *                           {@code cafe} on a fresh store
 * @param profile            RFC 9031 or OpenWSN-compatible behaviour
 * @param insecureDefaultPsk admit unprovisioned pledges with OpenWSN's published PSK (OpenWSN profile only)
 * @param leaseHours         short-identifier lease sent to joiners, absent = no expiry
 * @param jrcAddress         the JRC's IPv6 address in the mesh, sent as label 4 when set
 * @param joinRate           join rate (bytes/s) sent to joiners, absent = unlimited
 * @param limits             rate limits on join traffic
 */
public record JrcConfig(List<InetSocketAddress> listen, Optional<InetSocketAddress> tunnel, StoreLocation store,
        Optional<String> networkIdHex, JrcProfile profile, boolean insecureDefaultPsk, OptionalLong leaseHours,
        Optional<Inet6Address> jrcAddress, OptionalLong joinRate, RateLimiter.Limits limits) {
    public JrcConfig {
        listen = List.copyOf(listen);
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(profile, "profile");
        if (listen.isEmpty() && tunnel.isEmpty()) {
            throw new IllegalArgumentException("the JRC needs at least one --listen address or a --tunnel");
        }
        if (insecureDefaultPsk && profile != JrcProfile.OPENWSN) {
            throw new IllegalArgumentException("the insecure OpenWSN default PSK needs --profile openwsn");
        }
    }

    /** A JRC on the given addresses with every other setting at its default. */
    public static JrcConfig defaults(StoreLocation store, List<InetSocketAddress> listen) {
        return new JrcConfig(listen, Optional.empty(), store, Optional.empty(), JrcProfile.RFC9031, false,
                OptionalLong.empty(), Optional.empty(), OptionalLong.empty(), RateLimiter.Limits.DEFAULT);
    }
}
