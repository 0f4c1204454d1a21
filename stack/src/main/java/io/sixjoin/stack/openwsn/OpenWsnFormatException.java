package io.sixjoin.stack.openwsn;

import java.util.Objects;

/**
 * The one way the OpenWSN frame parsers ({@link MoteFrameCodec}, {@link HostFrameCodec},
 * {@link StatusElement#decode}) refuse bytes from outside. Every reason has the same outcome on the bridge and
 * in the emulator: the frame is dropped and counted by reason, as OpenWSN's own firmware and OpenVisualizer do
 * with a frame they cannot use; the line stays up. The message names the frame type and the offending lengths
 * so that a version mismatch between firmware and bridge (the usual cause) can be told from line noise.
 *
 * <pre>{@code
 * try {
 *     MoteFrame frame = MoteFrameCodec.parse(payload);
 * } catch (OpenWsnFormatException e) {
 *     counters.increment("serial." + e.reason());
 * }
 * }</pre>
 */
public final class OpenWsnFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why a frame was refused; stable names, used as counter keys. */
    public enum Reason {
        /** An HDLC payload with no frame-type byte at all. */
        EMPTY,
        /** Fewer bytes than the frame type's fixed fields need. */
        TRUNCATED,
        /**
         * A length the type forbids: a SETROOT that is not 26 bytes, a downstream DATA outside 8..126 bytes, a
         * log or RESET frame with trailing bytes. Firmware answers these with ERR_INPUTBUFFER_LENGTH.
         */
        BAD_LENGTH,
        /** A STATUS element whose id is known for the firmware version but whose bytes fit none of its layouts. */
        BAD_STATUS_ELEMENT
    }

    private final Reason reason;

    /**
     * @param reason  why the frame was refused
     * @param message what exactly was wrong, with the offending values
     */
    public OpenWsnFormatException(Reason reason, String message) {
        super(Objects.requireNonNull(reason, "reason") + ": " + message);
        this.reason = reason;
    }

    /** The reason, for counting and for tests. */
    public Reason reason() {
        return reason;
    }

    static void require(boolean condition, Reason reason, String message) throws OpenWsnFormatException {
        if (!condition) {
            throw new OpenWsnFormatException(reason, message);
        }
    }
}
