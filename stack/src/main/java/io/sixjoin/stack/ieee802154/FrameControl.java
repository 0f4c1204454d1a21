package io.sixjoin.stack.ieee802154;

import static io.sixjoin.stack.ieee802154.FrameFormatException.require;

import io.sixjoin.stack.ieee802154.FrameFormatException.Reason;

/**
 * The 16-bit Frame Control field of the general MAC frame format (802.15.4-2015 §7.2.2), sent least
 * significant byte first. Bit layout, LSB = bit 0: frame type 0-2, security enabled 3, frame pending 4,
 * AR 5, PAN ID compression 6, reserved 7, sequence number suppression 8, IE present 9, destination
 * addressing mode 10-11, frame version 12-13, source addressing mode 14-15. Bits 7, and for frame versions
 * 0/1 also bits 8 and 9, are refused when set, so a decoded field always re-encodes to the same bits (the
 * MIC of a secured frame covers them).
 *
 * <pre>{@code
 * FrameControl fc = FrameControl.parse((frame[0] & 0xff) | (frame[1] & 0xff) << 8);
 * }</pre>
 *
 * @param frameType                type (only 0..3 are accepted by {@link #parse})
 * @param securityEnabled          an auxiliary security header follows the addressing fields
 * @param framePending             the sender has more data for the recipient
 * @param ackRequest               AR: the recipient shall acknowledge
 * @param panIdCompression         the PAN ID Compression bit, interpreted by {@link PanIdPresence}
 * @param sequenceNumberSuppressed no sequence number field (frame version 2 only)
 * @param iePresent                header and/or payload IEs follow (frame version 2 only)
 * @param destinationMode          destination addressing mode
 * @param frameVersion             0 = 2003, 1 = 2006, 2 = 2015
 * @param sourceMode               source addressing mode
 */
public record FrameControl(FrameType frameType, boolean securityEnabled, boolean framePending, boolean ackRequest,
        boolean panIdCompression, boolean sequenceNumberSuppressed, boolean iePresent,
        AddressingMode destinationMode, int frameVersion, AddressingMode sourceMode) {
    /** 802.15.4-2003. */
    public static final int VERSION_2003 = 0;
    /** 802.15.4-2006. */
    public static final int VERSION_2006 = 1;
    /** 802.15.4-2015 (and -2012 / 4e): IEs, sequence number suppression, the PAN ID compression table. */
    public static final int VERSION_2015 = 2;

    public FrameControl {
        if (frameVersion < 0 || frameVersion > 2) {
            throw new IllegalArgumentException("frame version " + frameVersion + " outside 0..2");
        }
        if (frameVersion < VERSION_2015 && (sequenceNumberSuppressed || iePresent)) {
            throw new IllegalArgumentException("sequence number suppression and IEs need frame version 2");
        }
    }

    /** Decodes the 16-bit field (already assembled from its two little-endian bytes). */
    public static FrameControl parse(int raw) throws FrameFormatException {
        FrameType type = FrameType.of(raw & 7);
        require(type.isGeneralFormat(), Reason.UNSUPPORTED_FRAME_TYPE, "frame type " + type);
        int version = (raw >>> 12) & 3;
        require(version != 3, Reason.UNSUPPORTED_VERSION, "frame version 3 is reserved");
        require((raw & 0x80) == 0, Reason.RESERVED_VALUE, String.format("reserved bit 7 set in 0x%04x", raw));
        boolean suppressed = (raw & 0x100) != 0;
        boolean ie = (raw & 0x200) != 0;
        require(version == VERSION_2015 || !(suppressed || ie), Reason.RESERVED_VALUE,
                String.format("frame version %d with bit 8/9 set in 0x%04x", version, raw));
        return new FrameControl(type, (raw & 8) != 0, (raw & 0x10) != 0, (raw & 0x20) != 0, (raw & 0x40) != 0,
                suppressed, ie, AddressingMode.fromBits((raw >>> 10) & 3), version,
                AddressingMode.fromBits((raw >>> 14) & 3));
    }

    /** The 16-bit value, to be sent least significant byte first. */
    public int toBits() {
        return frameType.value() | bit(securityEnabled, 3) | bit(framePending, 4) | bit(ackRequest, 5)
                | bit(panIdCompression, 6) | bit(sequenceNumberSuppressed, 8) | bit(iePresent, 9)
                | destinationMode.bits() << 10 | frameVersion << 12 | sourceMode.bits() << 14;
    }

    private static int bit(boolean set, int position) {
        return set ? 1 << position : 0;
    }

    /**
     * Which PAN ID fields a frame carries, from its addressing modes, the PAN ID compression bit and its
     * version: 802.15.4-2015 Table 7-2 for version 2; for 2003/2006 the destination PAN ID accompanies a
     * destination address and compression drops the source PAN ID when both addresses are present.
     *
     * @param destination whether the destination PAN ID field is present
     * @param source      whether the source PAN ID field is present
     */
    public record PanIdPresence(boolean destination, boolean source) {
        /**
         * @throws FrameFormatException if a 2003/2006 frame sets compression without both addresses
         */
        public static PanIdPresence of(AddressingMode dst, AddressingMode src, boolean compression, int version)
                throws FrameFormatException {
            boolean d = dst != AddressingMode.NONE;
            boolean s = src != AddressingMode.NONE;
            if (version < VERSION_2015) {
                require(!compression || (d && s), Reason.BAD_PAN_ID_COMPRESSION,
                        "PAN ID compression without both addresses in a frame version " + version + " frame");
                return new PanIdPresence(d, s && !compression);
            }
            if (!d && !s) {
                return new PanIdPresence(compression, false);
            }
            if (d != s) {
                return new PanIdPresence(d && !compression, s && !compression);
            }
            if (dst == AddressingMode.EXTENDED && src == AddressingMode.EXTENDED) {
                return new PanIdPresence(!compression, false);
            }
            return new PanIdPresence(true, !compression);
        }
    }
}
