package io.sixjoin.stack.lowpan;

import java.util.Objects;

/**
 * The one way the 6LoWPAN decoders ({@link LowpanCodec}, {@link Reassembler} input checks) report broken or
 * unsupported input. Every reason has the same outcome on the border-router host: the frame is dropped
 * silently and counted by reason (RFC 4944 and RFC 6282 define no error messages; RFC 8138 §5.1 says an
 * unknown critical 6LoRH means the packet is dropped). The message carries the offending values so an
 * operator can tell a firmware that speaks an unsupported mode from line noise.
 */
public final class LowpanFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why a 6LoWPAN packet was refused; stable names, used as counter keys. */
    public enum Reason {
        /** Fewer bytes than a header or an inline field needs. */
        TRUNCATED,
        /** A dispatch byte this codec does not know (mesh header, broadcast header, unknown page, ...). */
        UNSUPPORTED_DISPATCH,
        /** An RFC 8138 critical 6LoRH of an unknown type: RFC 8138 §5.1 requires dropping the packet. */
        UNKNOWN_CRITICAL_6LORH,
        /** A 6LoRH that is malformed or repeated (more than {@value LowpanCodec#MAX_RH3} RH3, two RPIs, ...). */
        BAD_6LORH,
        /** A reserved IPHC encoding (RFC 6282 §3.1.1: DAC=1 DAM=00 unicast, M=1 DAC=1 DAM!=00). */
        RESERVED_ENCODING,
        /** A context identifier other than 0: only the mesh prefix (context 0) is configured. */
        UNKNOWN_CONTEXT,
        /** An RFC 6282 NHC this codec does not decode (extension-header NHC, unknown NHC IDs). */
        UNSUPPORTED_NHC,
        /** A fragment header whose fields cannot be right (offset past the size, size too small, ...). */
        BAD_FRAGMENT,
        /** An uncompressed IPv6 packet (dispatch 0x41) that {@code Ipv6Packet.parse} refuses. */
        BAD_IPV6
    }

    private final Reason reason;

    /**
     * @param reason  why the input was refused
     * @param message what exactly was wrong, with the offending values
     */
    public LowpanFormatException(Reason reason, String message) {
        super(Objects.requireNonNull(reason, "reason") + ": " + message);
        this.reason = reason;
    }

    /** The reason, for counting and for tests. */
    public Reason reason() {
        return reason;
    }

    static void require(boolean condition, Reason reason, String message) throws LowpanFormatException {
        if (!condition) {
            throw new LowpanFormatException(reason, message);
        }
    }
}
