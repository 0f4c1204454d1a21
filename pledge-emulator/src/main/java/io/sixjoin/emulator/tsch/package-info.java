/**
 * The TSCH MAC of the mote emulator: the RFC 8180 minimal schedule (one shared cell per slotframe),
 * Enhanced Beacons with the RFC 9032 join IE, RFC 8180 scanning and synchronisation, keep-alives,
 * shared-cell CSMA-CA backoff, and 802.15.4 link-layer security with the K1/K2 keys a mote obtained by
 * joining (real AES-CCM*). {@link io.sixjoin.emulator.tsch.TschNetwork} drives one
 * {@link io.sixjoin.emulator.tsch.TschMac} per mote over the kernel and radio medium; upper layers talk
 * to their MAC through {@link io.sixjoin.emulator.tsch.TschMac#send} and a
 * {@link io.sixjoin.emulator.tsch.MacListener}.
 */
package io.sixjoin.emulator.tsch;
