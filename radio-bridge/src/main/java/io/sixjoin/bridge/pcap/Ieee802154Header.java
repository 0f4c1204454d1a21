package io.sixjoin.bridge.pcap;

import java.util.Objects;

/**
 * Builds the 802.15.4 framing that the mote stripped before handing a frame to the serial line, so a 6LoWPAN
 * capture can use LINKTYPE_IEEE802_15_4_NOFCS and Wireshark decodes 6LoWPAN, RFC 8138 6LoRH, RPL and CoAP
 * inside it. The frame is an IEEE 802.15.4-2015 data frame, no security, no ACK request, with the two extended
 * addresses the 'D' frame names (previous hop and root upstream, root and next hop downstream; Wireshark needs
 * them because 6LoWPAN elides IIDs derived from them, and they go on the air least significant byte first).
 * The payload sits in an IEEE 802.15.9 MPX payload IE with Multiplex ID 0xA0ED (LoWPAN encapsulation) after a
 * Header Termination 1 IE: Wireshark's 6LoWPAN heuristic rejects the page-1 dispatch (0xF1) that OpenWSN puts
 * in front of most mesh traffic, while the MPX path hands the bytes to the 6LoWPAN dissector directly.
 */
public final class Ieee802154Header {
    /** Frame control: data, IE present, dst and src extended, version 2015 (bytes 01 EE on the wire). */
    static final int FRAME_CONTROL = 0x0001 | (1 << 9) | (3 << 10) | (2 << 12) | (3 << 14);
    /** Header IE: Header Termination 1 (element ID 0x7E, length 0): payload IEs follow. */
    static final int HT1 = 0x7E << 7;
    /** Payload IE group 0x3 = MPX IE (IEEE 802.15.9). */
    static final int MPX_GROUP = 0x3;
    /** EtherType registered for LoWPAN encapsulation, used as the MPX Multiplex ID. */
    static final int LOWPAN_MULTIPLEX_ID = 0xA0ED;
    /** FCF(2) + seq(1) + PAN(2) + dst(8) + src(8) + HT1(2) + payload IE header(2) + MPX control(1) + ID(2). */
    public static final int LENGTH = 28;
    /** A payload IE's length field has 11 bits; 3 of them go to the MPX control and Multiplex ID. */
    public static final int MAX_PAYLOAD = 2047 - 3;

    private Ieee802154Header() {
    }

    /**
     * The frame: synthesised header then {@code payload} (a 6LoWPAN datagram or fragment).
     *
     * @param sequence    data sequence number, taken modulo 256
     * @param panId       destination PAN, e.g. 0xCAFE for OpenWSN
     * @param source      EUI-64 of the transmitter, in the usual (big-endian) order
     * @param destination EUI-64 of the receiver
     */
    public static byte[] frame(int sequence, int panId, byte[] source, byte[] destination, byte[] payload) {
        Objects.requireNonNull(payload, "payload");
        checkEui(source, "source");
        checkEui(destination, "destination");
        if (payload.length > MAX_PAYLOAD) {
            throw new IllegalArgumentException("payload of " + payload.length + " bytes exceeds " + MAX_PAYLOAD);
        }
        byte[] f = new byte[LENGTH + payload.length];
        put16(f, 0, FRAME_CONTROL);
        f[2] = (byte) sequence;
        // 2015 rules, both addresses extended and PAN ID compression 0: destination PAN only.
        put16(f, 3, panId);
        for (int i = 0; i < 8; i++) {
            f[5 + i] = destination[7 - i];
            f[13 + i] = source[7 - i];
        }
        put16(f, 21, HT1);
        put16(f, 23, (payload.length + 3) | (MPX_GROUP << 11) | 0x8000);
        // Transaction control 0: full upper-layer frame, transaction ID 0.
        f[25] = 0;
        put16(f, 26, LOWPAN_MULTIPLEX_ID);
        System.arraycopy(payload, 0, f, LENGTH, payload.length);
        return f;
    }

    private static void put16(byte[] b, int at, int v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >>> 8);
    }

    private static void checkEui(byte[] eui, String what) {
        if (eui == null || eui.length != 8) {
            throw new IllegalArgumentException(what + " must be an 8-byte EUI-64");
        }
    }
}
