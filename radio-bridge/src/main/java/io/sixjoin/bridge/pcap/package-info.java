/**
 * The bridge's packet captures: which files, stamped by which clock, and the 802.15.4 framing of its 6LoWPAN
 * capture. The pcap format itself is {@link io.sixjoin.stack.pcap.PcapWriter} in {@code stack}.
 */
package io.sixjoin.bridge.pcap;
