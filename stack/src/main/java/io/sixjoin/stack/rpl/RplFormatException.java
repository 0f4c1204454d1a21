package io.sixjoin.stack.rpl;

import java.util.Objects;

/**
 * The one way the ICMPv6 and RPL decoders report broken or unsupported input. Every reason has the outcome
 * RFC 6550 gives malformed control messages: the message is discarded silently (no ICMPv6 error is sent
 * into the mesh), and the reason is counted. The message names the offending values.
 */
public final class RplFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why a message was refused; stable names, used as counter keys. */
    public enum Reason {
        /** Fewer bytes than a field or a declared option length needs. */
        TRUNCATED,
        /** The IPv6 packet is not ICMPv6. */
        NOT_ICMPV6,
        /** The RFC 4443 §2.3 checksum does not verify. */
        BAD_CHECKSUM,
        /** The ICMPv6 message is not RPL control (type 155) or not the expected code. */
        WRONG_MESSAGE,
        /** An option whose length does not fit its type (a Transit option of 7 bytes, ...). */
        BAD_OPTION
    }

    private final Reason reason;

    /**
     * @param reason  why the input was refused
     * @param message what exactly was wrong
     */
    public RplFormatException(Reason reason, String message) {
        super(Objects.requireNonNull(reason, "reason") + ": " + message);
        this.reason = reason;
    }

    /** The reason, for counting and for tests. */
    public Reason reason() {
        return reason;
    }

    static void require(boolean condition, Reason reason, String message) throws RplFormatException {
        if (!condition) {
            throw new RplFormatException(reason, message);
        }
    }
}
