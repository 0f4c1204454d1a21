/**
 * Packet captures of an emulated network: {@link io.sixjoin.emulator.pcap.RadioCapture} records every frame on
 * the radio medium as a pcap file Wireshark and tshark decode, stamped with virtual time.
 */
package io.sixjoin.emulator.pcap;
