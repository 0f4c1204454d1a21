package io.sixjoin.cbor.cojp;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORParser;
import io.sixjoin.cbor.cojp.CojpDecodeException.Reason;
import java.io.IOException;
import java.util.Arrays;

/**
 * Strict reading on top of Jackson's token stream. Jackson reports an integer key and a text key "5" the
 * same way, hides indefinite lengths and folds tags into values, so every token's major type is taken from
 * the raw input byte at the token's offset, and values are read from that raw head. Any Jackson or runtime
 * failure on hostile input becomes a {@link CojpDecodeException}.
 */
final class CborIn implements AutoCloseable {
    /** CoJP payloads are tens of bytes; the cap bounds the work hostile input can cause before parsing. */
    static final int MAX_INPUT = 2048;
    private static final CBORFactory FACTORY = new CBORFactory();

    private final byte[] in;
    private final CBORParser parser;
    private JsonToken token;

    private CborIn(byte[] in, CBORParser parser) {
        this.in = in;
        this.parser = parser;
    }

    static CborIn open(byte[] in) throws CojpDecodeException {
        if (in == null || in.length == 0) {
            throw new CojpDecodeException(null, Reason.NOT_WELL_FORMED, "empty input");
        }
        if (in.length > MAX_INPUT) {
            throw new CojpDecodeException(null, Reason.TOO_LARGE, in.length + " bytes, limit " + MAX_INPUT);
        }
        CborScan.checkTop(in);
        try {
            return new CborIn(in, FACTORY.createParser(in));
        } catch (IOException | RuntimeException e) {
            throw new CojpDecodeException(null, Reason.NOT_WELL_FORMED, "parser: " + e.getMessage(), null, e);
        }
    }

    /** Advances one token; failures are attributed to {@code where}. */
    JsonToken next(CojpLabel where) throws CojpDecodeException {
        try {
            token = parser.nextToken();
            return token;
        } catch (IOException | RuntimeException e) {
            throw new CojpDecodeException(where, Reason.NOT_WELL_FORMED, "parser: " + e.getMessage(), null, e);
        }
    }

    /** The raw head of the current token; tags are refused because no CoJP field allows one. */
    CborScan.Head head(CojpLabel where) throws CojpDecodeException {
        long off = parser.currentTokenLocation().getByteOffset();
        if (off < 0 || off >= in.length) {
            throw new CojpDecodeException(where, Reason.NOT_WELL_FORMED, "token outside input");
        }
        CborScan.Head h = CborScan.head(in, (int) off);
        if (h.major() == 6) {
            throw new CojpDecodeException(where, Reason.TAG_NOT_ALLOWED, "tag " + h.arg() + " not allowed");
        }
        return h;
    }

    /** Offset of the current token's first byte. */
    int offset() {
        return (int) parser.currentTokenLocation().getByteOffset();
    }

    void expectMapStart() throws CojpDecodeException {
        if (next(null) != JsonToken.START_OBJECT || head(null).major() != 5) {
            throw new CojpDecodeException(null, Reason.NOT_A_MAP, "top-level item must be a map");
        }
    }

    /** Next map key as a label, or null at the end of the map. */
    CojpLabel nextLabel() throws CojpDecodeException {
        JsonToken t = next(null);
        if (t == JsonToken.END_OBJECT) {
            return null;
        }
        CborScan.Head h = head(null);
        if (t != JsonToken.FIELD_NAME || (h.major() != 0 && h.major() != 1)) {
            throw new CojpDecodeException(null, Reason.BAD_KEY_TYPE, "map keys must be integer labels");
        }
        if (h.arg() < 0) {
            throw new CojpDecodeException(null, Reason.UNKNOWN_LABEL, "label outside 64-bit range");
        }
        return CojpLabel.of(h.major() == 0 ? h.arg() : -1 - h.arg());
    }

    /** Advances to the next value and returns its raw head. */
    CborScan.Head value(CojpLabel where) throws CojpDecodeException {
        JsonToken t = next(where);
        if (t == null || t == JsonToken.END_ARRAY || t == JsonToken.END_OBJECT || t == JsonToken.FIELD_NAME) {
            throw new CojpDecodeException(where, Reason.NOT_WELL_FORMED, "value expected, got " + t);
        }
        return head(where);
    }

    static CojpDecodeException wrongType(CojpLabel where, String expected, CborScan.Head h) {
        return new CojpDecodeException(where, Reason.WRONG_TYPE,
                expected + " expected, got major type " + h.major());
    }

    /** A uint that fits in a signed long (larger values are refused as out of range). */
    static long uint(CojpLabel where, CborScan.Head h) throws CojpDecodeException {
        if (h.major() != 0) {
            throw wrongType(where, "uint", h);
        }
        if (h.arg() < 0) {
            throw new CojpDecodeException(where, Reason.VALUE_OUT_OF_RANGE, "uint above 2^63-1");
        }
        return h.arg();
    }

    static long integer(CojpLabel where, CborScan.Head h) throws CojpDecodeException {
        if (h.major() != 0 && h.major() != 1) {
            throw wrongType(where, "int", h);
        }
        if (h.arg() < 0) {
            throw new CojpDecodeException(where, Reason.VALUE_OUT_OF_RANGE, "int outside 64-bit range");
        }
        return h.major() == 0 ? h.arg() : -1 - h.arg();
    }

    /** Content of the byte string whose head is current; the scan pass already bounded its length. */
    byte[] bytes(CojpLabel where, CborScan.Head h) throws CojpDecodeException {
        if (h.major() != 2) {
            throw wrongType(where, "bstr", h);
        }
        int start = offset() + h.length();
        return Arrays.copyOfRange(in, start, start + (int) h.arg());
    }

    /** Declared element count of the array whose head is current. */
    static int arrayLength(CojpLabel where, CborScan.Head h) throws CojpDecodeException {
        if (h.major() != 4) {
            throw wrongType(where, "array", h);
        }
        return (int) h.arg();
    }

    void expectArrayEnd(CojpLabel where) throws CojpDecodeException {
        if (next(where) != JsonToken.END_ARRAY) {
            throw new CojpDecodeException(where, Reason.NOT_WELL_FORMED, "array longer than declared");
        }
    }

    /** The current item (any type of the addinfo subset) as canonical bytes; skips past it in Jackson. */
    byte[] anyItem(CojpLabel where, CborScan.Head h) throws CojpDecodeException {
        int start = offset();
        int end = CborScan.itemEnd(in, start, 0);
        try {
            if (token == JsonToken.START_ARRAY || token == JsonToken.START_OBJECT) {
                parser.skipChildren();
            }
        } catch (IOException | RuntimeException e) {
            throw new CojpDecodeException(where, Reason.NOT_WELL_FORMED, "parser: " + e.getMessage(), null, e);
        }
        try {
            return CborOut.canonicalAddinfo(Arrays.copyOfRange(in, start, end));
        } catch (IllegalArgumentException e) {
            throw new CojpDecodeException(where, Reason.UNSUPPORTED_ADDINFO, e.getMessage(), null, e);
        }
    }

    /** After the top-level item: the scan pass already refused trailing bytes; Jackson must agree. */
    void expectEnd() throws CojpDecodeException {
        if (next(null) != null) {
            throw new CojpDecodeException(null, Reason.TRAILING_BYTES, "data after the top-level item");
        }
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException | RuntimeException ignored) {
            // a byte[]-backed parser holds no resource worth reporting
        }
    }
}
