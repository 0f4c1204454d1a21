package io.sixjoin.cbor.cojp;

import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import io.sixjoin.cbor.cojp.CojpDecodeException.Reason;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Codec for Unsupported_Configuration (RFC 9031 §8.4.5), both as the standalone payload of a 4.00
 * Diagnostic Response (e.g. {@code 830007f6}) and as label 8 inside a Join_Request. The triples are a
 * flattened group, so the array length must be a positive multiple of three.
 */
public final class UnsupportedConfigurationCodec {
    private UnsupportedConfigurationCodec() {
    }

    public static byte[] encode(UnsupportedConfiguration uc) {
        return CborOut.encode(g -> write(g, uc));
    }

    public static UnsupportedConfiguration decode(byte[] in) throws CojpDecodeException {
        try (CborIn r = CborIn.open(in)) {
            UnsupportedConfiguration uc = read(r, CojpLabel.UNSUPPORTED_CONFIGURATION);
            r.expectEnd();
            return uc;
        }
    }

    static void write(CBORGenerator g, UnsupportedConfiguration uc) throws IOException {
        g.writeStartArray(uc, uc.parameters().size() * 3);
        for (UnsupportedParameter p : uc.parameters()) {
            g.writeNumber(p.code().value());
            g.writeNumber(p.label().value());
            CborOut.writeAddinfo(g, p.addinfo());
        }
        g.writeEndArray();
    }

    static UnsupportedConfiguration read(CborIn r, CojpLabel where) throws CojpDecodeException {
        int n = CborIn.arrayLength(where, r.value(where));
        if (n == 0 || n % 3 != 0) {
            throw new CojpDecodeException(where, Reason.BAD_TRIPLE_COUNT,
                    "needs 3, 6, 9... elements (code, label, addinfo), got " + n);
        }
        List<UnsupportedParameter> params = new ArrayList<>(n / 3);
        for (int i = 0; i < n / 3; i++) {
            long code = CborIn.integer(where, r.value(where));
            long label = CborIn.integer(where, r.value(where));
            byte[] addinfo = r.anyItem(where, r.value(where));
            params.add(new UnsupportedParameter(UnsupportedCode.of(code), CojpLabel.of(label), addinfo));
        }
        r.expectArrayEnd(where);
        return new UnsupportedConfiguration(params);
    }
}
