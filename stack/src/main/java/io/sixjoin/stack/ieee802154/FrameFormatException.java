package io.sixjoin.stack.ieee802154;

import java.util.Objects;

/**
 * The one way the IEEE 802.15.4 decoders in this package report broken or unsupported input. Every reason
 * has the same outcome on a receiving MAC: the frame is dropped silently and counted (802.15.4 never answers
 * a malformed frame, and an ACK is only sent for a frame that parsed). The message carries the offending
 * values so a pcap reader or a counter dump can tell line noise from a peer speaking a dialect we lack.
 */
public final class FrameFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why a frame was refused; stable names, used as counter keys. */
    public enum Reason {
        /** Fewer bytes than a field or a declared length needs. */
        TRUNCATED,
        /** Frame types 4..7 (reserved, multipurpose, fragment, extended) use layouts this codec lacks. */
        UNSUPPORTED_FRAME_TYPE,
        /** Frame version 3 is reserved. */
        UNSUPPORTED_VERSION,
        /** A reserved bit or value is set: addressing mode 1, frame control bit 7, 2006-only bits, ... */
        RESERVED_VALUE,
        /** The PAN ID compression bit is meaningless for the addressing modes (2003/2006 frames). */
        BAD_PAN_ID_COMPRESSION,
        /** An information element list is malformed (wrong type bit, overlong, bad termination, bad content). */
        BAD_IE,
        /** The auxiliary security header is malformed or uses a reserved key identifier setting. */
        BAD_SECURITY_HEADER,
        /** The frame check sequence does not match. */
        BAD_FCS
    }

    private final Reason reason;

    /**
     * @param reason  why the input was refused
     * @param message what exactly was wrong, with the offending values
     */
    public FrameFormatException(Reason reason, String message) {
        super(Objects.requireNonNull(reason, "reason") + ": " + message);
        this.reason = reason;
    }

    /** The reason, for counting and for tests. */
    public Reason reason() {
        return reason;
    }

    /** Throws {@code FrameFormatException(reason, message)} unless {@code condition} holds. */
    public static void require(boolean condition, Reason reason, String message) throws FrameFormatException {
        if (!condition) {
            throw new FrameFormatException(reason, message);
        }
    }
}
