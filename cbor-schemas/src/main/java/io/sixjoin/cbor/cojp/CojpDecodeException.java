package io.sixjoin.cbor.cojp;

import java.util.Optional;

/**
 * The only exception a CoJP decoder throws. It says which parameter was at fault (if one was), why, and
 * which Unsupported_Parameter the receiver must return in its 4.00 Diagnostic Response (RFC 9031 §8.3.1,
 * §8.4.5): Malformed with a null addinfo for structural problems, Unsupported for labels or values this
 * implementation cannot act upon. Errors that cannot be pinned on one parameter (not a map, trailing bytes)
 * have no label, hence no Unsupported_Parameter.
 */
public final class CojpDecodeException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why decoding failed; each reason maps to exactly one Unsupported_Configuration code. */
    public enum Reason {
        TOO_LARGE(true), NOT_WELL_FORMED(true), INDEFINITE_LENGTH(true), TRAILING_BYTES(true),
        TOO_DEEP(true), NOT_A_MAP(true), BAD_KEY_TYPE(true), DUPLICATE_LABEL(true), WRONG_TYPE(true),
        TAG_NOT_ALLOWED(true), MISSING_PARAMETER(true), EMPTY_VALUE(true), BAD_GROUP_SEQUENCE(true),
        BAD_TRIPLE_COUNT(true), UNSUPPORTED_ADDINFO(true),
        UNKNOWN_LABEL(false), LABEL_NOT_ALLOWED(false), VALUE_OUT_OF_RANGE(false),
        INVALID_KEY_ID(false), INVALID_KEY_LENGTH(false), UNKNOWN_KEY_USAGE(false), INVALID_KEY_ID_MODE(false);

        private final boolean malformed;

        Reason(boolean malformed) {
            this.malformed = malformed;
        }

        /** The Unsupported_Configuration code a diagnostic for this reason carries. */
        public UnsupportedCode code() {
            return malformed ? UnsupportedCode.MALFORMED : UnsupportedCode.UNSUPPORTED;
        }
    }

    private final CojpLabel label;
    private final Reason reason;
    private final byte[] addinfo;
    private final String messageOnly;

    CojpDecodeException(CojpLabel label, Reason reason, String message) {
        this(label, reason, message, null, null);
    }

    CojpDecodeException(CojpLabel label, Reason reason, String message, byte[] addinfo, Throwable cause) {
        super(reason + (label == null ? "" : " in " + label) + ": " + message, cause);
        this.label = label;
        this.reason = reason;
        this.addinfo = addinfo == null ? null : addinfo.clone();
        this.messageOnly = message;
    }

    /** The same failure attributed to a parameter, when the detector could not know which one. */
    CojpDecodeException withLabel(CojpLabel newLabel) {
        CojpDecodeException e = new CojpDecodeException(newLabel, reason, messageOnly, addinfo, getCause());
        e.setStackTrace(getStackTrace());
        return e;
    }

    /** The offending parameter label, if the failure belongs to one parameter. */
    public Optional<CojpLabel> label() {
        return Optional.ofNullable(label);
    }

    public Reason reason() {
        return reason;
    }

    /**
     * The entry for the 4.00 Diagnostic Response. Unsupported with a value-specific addinfo (the offending
     * key subset) when only that value is unusable; otherwise a null addinfo, which tells the JRC not to
     * retry (§8.4.5). Empty when no single label is at fault.
     */
    public Optional<UnsupportedParameter> toUnsupportedParameter() {
        if (label == null) {
            return Optional.empty();
        }
        UnsupportedCode code = reason.code();
        if (addinfo != null && !reason.malformed) {
            return Optional.of(new UnsupportedParameter(code, label, addinfo));
        }
        return Optional.of(UnsupportedParameter.withNullAddinfo(code, label));
    }

    @Override
    public String toString() {
        return "CojpDecodeException[" + getMessage()
                + (addinfo == null ? "" : ", addinfo " + addinfo.length + " bytes") + "]";
    }
}
