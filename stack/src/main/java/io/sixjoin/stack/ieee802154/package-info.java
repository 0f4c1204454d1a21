/**
 * IEEE 802.15.4-2015 (TSCH) frame codecs for the mote emulator and pcap output: {@link
 * io.sixjoin.stack.ieee802154.Ieee802154Frame} (general MAC frame format, frame versions 2003/2006/2015, the
 * 2015 PAN ID compression table, header and payload IEs, FCS), the TSCH and RFC 9032 IEs, {@link
 * io.sixjoin.stack.ieee802154.EnhancedBeacon} (RFC 8180 EBs) and, in {@code .security}, CCM* frame security.
 *
 * <p>Where the standard leaves room, the codecs do what OpenWSN firmware does, since emulated motes must
 * interoperate with it: addresses little-endian on the air; one PAN ID (the destination's) per frame; HT2
 * only when header IEs precede a payload; the Enhanced ACK's time correction IE followed directly by the
 * MIC; auxiliary security header {@code 0x69}/{@code 0x6d} + key index (key ID mode 1, frame counter
 * suppressed, ASN in nonce); CCM* nonce = EUI-64 || ASN big-endian; payload IEs encrypted with the payload.
 * Nothing here does I/O or reads a clock: the ASN is always passed in.
 */
package io.sixjoin.stack.ieee802154;
