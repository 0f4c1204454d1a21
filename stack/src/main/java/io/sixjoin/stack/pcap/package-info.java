/**
 * The classic libpcap file format, written to a stream the caller opened: the radio bridge records IPv6 and
 * 6LoWPAN traffic with it, the mote emulator every 802.15.4 frame of its radio medium. Nothing here opens
 * files or reads a clock; each record's timestamp is passed in.
 */
package io.sixjoin.stack.pcap;
