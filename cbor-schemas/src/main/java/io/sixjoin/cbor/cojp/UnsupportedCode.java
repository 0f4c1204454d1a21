package io.sixjoin.cbor.cojp;

/**
 * A code of the "CoJP Unsupported Configuration Codes" registry (RFC 9031 Table 7). Open: an unregistered
 * code received in a diagnostic is kept raw so it can be logged and counted, not lost.
 *
 * @param value the raw code
 */
public record UnsupportedCode(long value) {
    /** The setting is not supported by this implementation. */
    public static final UnsupportedCode UNSUPPORTED = new UnsupportedCode(0);
    /** The parameter value is malformed. */
    public static final UnsupportedCode MALFORMED = new UnsupportedCode(1);

    public static UnsupportedCode of(long value) {
        return new UnsupportedCode(value);
    }

    public boolean isKnown() {
        return value == 0 || value == 1;
    }

    @Override
    public String toString() {
        return value == 0 ? "Unsupported" : value == 1 ? "Malformed" : "unknown(" + value + ")";
    }
}
