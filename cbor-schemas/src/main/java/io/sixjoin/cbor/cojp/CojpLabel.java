package io.sixjoin.cbor.cojp;

/**
 * A parameter label of the "CoJP Parameters" registry (RFC 9031 Table 5). The registry is open, so any
 * integer is representable: known labels have a name, anything else prints as {@code unknown(raw)} and keeps
 * its raw number so that a diagnostic can echo exactly what the peer sent.
 *
 * @param value the raw label as it appears on the wire
 */
public record CojpLabel(long value) {
    public static final CojpLabel ROLE = new CojpLabel(1);
    public static final CojpLabel LINK_LAYER_KEY_SET = new CojpLabel(2);
    public static final CojpLabel SHORT_IDENTIFIER = new CojpLabel(3);
    public static final CojpLabel JRC_ADDRESS = new CojpLabel(4);
    public static final CojpLabel NETWORK_IDENTIFIER = new CojpLabel(5);
    public static final CojpLabel BLACKLIST = new CojpLabel(6);
    public static final CojpLabel JOIN_RATE = new CojpLabel(7);
    public static final CojpLabel UNSUPPORTED_CONFIGURATION = new CojpLabel(8);

    public static CojpLabel of(long value) {
        return new CojpLabel(value);
    }

    /** Whether RFC 9031 registered this label. */
    public boolean isKnown() {
        return value >= 1 && value <= 8;
    }

    /** The registry name, or {@code unknown(raw)}. */
    public String name() {
        return switch ((int) Math.max(Math.min(value, 100), -1)) {
            case 1 -> "role";
            case 2 -> "link-layer key set";
            case 3 -> "short identifier";
            case 4 -> "JRC address";
            case 5 -> "network identifier";
            case 6 -> "blacklist";
            case 7 -> "join rate";
            case 8 -> "unsupported configuration";
            default -> "unknown(" + value + ")";
        };
    }

    @Override
    public String toString() {
        return name() + "=" + value;
    }
}
