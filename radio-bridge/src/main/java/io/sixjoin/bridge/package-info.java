/**
 * The border-router host (arrives with the radio-bridge issue): serial I/O to an OpenWSN DAGroot mote over
 * jSerialComm or TCP, HDLC framing, 6LoWPAN/RPL translation between the mesh and IPv6, the routing table
 * learnt from DAOs, the uplink to a JRC, and pcap capture. Pure codecs live in {@code stack}.
 */
package io.sixjoin.bridge;
