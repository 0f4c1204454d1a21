/**
 * The radio bridge ({@code sixjoin bridge}): the border-router host for an OpenWSN DAGroot mote. {@link
 * io.sixjoin.bridge.Bridge} wires a {@link io.sixjoin.bridge.BorderRouterSession} (probe, 6LBR self-join,
 * SETROOT 'Y', root confirmation), the upstream and downstream pipelines (6LoWPAN/RPL to IPv6 and back, source
 * routes from DAOs) and an {@link io.sixjoin.bridge.uplink.Uplink} to the JRC. Serial links live in
 * {@code serial}, captures in {@code pcap}; pure codecs live in {@code stack}.
 */
package io.sixjoin.bridge;
