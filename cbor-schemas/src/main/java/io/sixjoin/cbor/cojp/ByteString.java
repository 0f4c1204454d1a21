package io.sixjoin.cbor.cojp;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * An immutable CBOR byte string (pledge identifiers, key add-info, JRC address). It exists so that records
 * can hold bytes in lists and Optionals and still compare by content.
 */
public final class ByteString {
    private final byte[] bytes;

    private ByteString(byte[] bytes) {
        this.bytes = bytes;
    }

    public static ByteString of(byte[] bytes) {
        return new ByteString(bytes.clone());
    }

    public static ByteString ofHex(String hex) {
        return new ByteString(HexFormat.of().parseHex(hex));
    }

    public byte[] toByteArray() {
        return bytes.clone();
    }

    public int length() {
        return bytes.length;
    }

    /** The backing array, uncopied: encoders in this package only read it. */
    byte[] unsafeBytes() {
        return bytes;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ByteString other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "h'" + HexFormat.of().formatHex(bytes) + "'";
    }
}
