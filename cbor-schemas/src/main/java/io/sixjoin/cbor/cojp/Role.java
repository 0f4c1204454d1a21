package io.sixjoin.cbor.cojp;

/**
 * The role a pledge announces in its Join_Request (RFC 9031 Table 3). RFC 9031 creates no registry for
 * roles, but a peer may still send any uint, so unknown values are kept raw rather than rejected here: it is
 * the JRC's policy, not the codec's, to refuse a role it does not serve.
 *
 * @param value the raw, non-negative role number
 */
public record Role(long value) {
    /** A regular node; what a receiver must assume when the role is absent. */
    public static final Role NODE = new Role(0);
    /** A 6LoWPAN Border Router. */
    public static final Role SIXLBR = new Role(1);

    public Role {
        if (value < 0) {
            throw new IllegalArgumentException("role is a uint, got " + value);
        }
    }

    public static Role of(long value) {
        return new Role(value);
    }

    public boolean isKnown() {
        return value == 0 || value == 1;
    }

    @Override
    public String toString() {
        return value == 0 ? "6TiSCH Node" : value == 1 ? "6LBR" : "unknown(" + value + ")";
    }
}
