/** The bridge's packet captures: a flushing pcap writer and the 802.15.4 framing of its 6LoWPAN capture. */
package io.sixjoin.bridge.pcap;
