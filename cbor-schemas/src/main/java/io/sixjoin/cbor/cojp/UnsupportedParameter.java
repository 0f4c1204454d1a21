package io.sixjoin.cbor.cojp;

import java.util.Arrays;
import java.util.Objects;

/**
 * One Unsupported_Parameter triple (RFC 9031 §8.4.5). The addinfo is "null or any" CBOR item; it is held as
 * the deterministic encoding of that item ({@code f6} for null) because its structure depends on the label
 * it describes. The decoder accepts the structures CoJP parameter values are made of: null, integers,
 * byte strings and arrays of those.
 *
 * @param code     Unsupported (0), Malformed (1), or an unregistered code
 * @param label    the parameter that could not be acted upon
 * @param addinfo  encoded CBOR item; {@code f6} when null
 */
public record UnsupportedParameter(UnsupportedCode code, CojpLabel label, byte[] addinfo) {
    static final byte[] CBOR_NULL = {(byte) 0xf6};

    public UnsupportedParameter {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(label, "label");
        addinfo = CborOut.canonicalAddinfo(addinfo);
    }

    public static UnsupportedParameter withNullAddinfo(UnsupportedCode code, CojpLabel label) {
        return new UnsupportedParameter(code, label, CBOR_NULL);
    }

    /** An entry whose addinfo is the offending byte-string value (RFC 9031 §8.4.5, "only this value"). */
    public static UnsupportedParameter withByteStringAddinfo(UnsupportedCode code, CojpLabel label, byte[] value) {
        return new UnsupportedParameter(code, label, CborOut.encode(g -> g.writeBinary(value)));
    }

    /** An entry whose addinfo is the offending unsigned-integer value. */
    public static UnsupportedParameter withUintAddinfo(UnsupportedCode code, CojpLabel label, long value) {
        if (value < 0) {
            throw new IllegalArgumentException("not a uint: " + value);
        }
        return new UnsupportedParameter(code, label, CborOut.encode(g -> g.writeNumber(value)));
    }

    public boolean hasNullAddinfo() {
        return Arrays.equals(addinfo, CBOR_NULL);
    }

    @Override
    public byte[] addinfo() {
        return addinfo.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UnsupportedParameter p && code.equals(p.code) && label.equals(p.label)
                && Arrays.equals(addinfo, p.addinfo);
    }

    @Override
    public int hashCode() {
        return Objects.hash(code, label, Arrays.hashCode(addinfo));
    }

    /** The addinfo may echo a rejected key set, so only its size is printed. */
    @Override
    public String toString() {
        return "UnsupportedParameter[code=" + code + ", label=" + label + ", addinfo="
                + (hasNullAddinfo() ? "null" : addinfo.length + " bytes [redacted]") + "]";
    }
}
