/**
 * The mote emulator (arrives with the emulator issue): a seeded discrete-event kernel on TSCH virtual time,
 * a radio medium with channel hopping and collisions, TSCH MAC with link-layer security, RPL, CoJP pledges,
 * stateless join proxies, and an emulated OpenWSN border-router mote serving its serial line.
 */
package io.sixjoin.emulator;
