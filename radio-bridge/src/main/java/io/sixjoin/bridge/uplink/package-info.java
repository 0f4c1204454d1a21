/** The bridge's way to the JRC: the {@code Uplink} interface, the UDP tunnel, and the capturing wrapper. */
package io.sixjoin.bridge.uplink;
