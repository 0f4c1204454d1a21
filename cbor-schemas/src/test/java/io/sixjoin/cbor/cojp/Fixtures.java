package io.sixjoin.cbor.cojp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import java.util.Optional;

/** Shared helpers for the annotated hex fixtures. */
final class Fixtures {
    private Fixtures() {
    }

    interface Decoder {
        Object decode(byte[] in) throws CojpDecodeException;
    }

    static byte[] hex(String h) {
        return HexFormat.of().parseHex(h.replace(" ", ""));
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    static byte[] key(int fill) {
        byte[] k = new byte[16];
        java.util.Arrays.fill(k, (byte) fill);
        return k;
    }

    /** Asserts a typed rejection with the given reason and label (null = no label). */
    static CojpDecodeException rejects(Decoder d, String h, CojpDecodeException.Reason reason, Integer label) {
        CojpDecodeException e = assertThrows(CojpDecodeException.class, () -> d.decode(hex(h)), h);
        assertEquals(reason, e.reason(), () -> h + ": " + e.getMessage());
        assertEquals(label == null ? Optional.empty() : Optional.of(CojpLabel.of(label)), e.label(),
                () -> h + ": " + e.getMessage());
        if (label != null) {
            UnsupportedParameter p = e.toUnsupportedParameter().orElseThrow();
            assertEquals(reason.code(), p.code());
            assertEquals(CojpLabel.of(label), p.label());
        } else {
            assertEquals(Optional.empty(), e.toUnsupportedParameter());
        }
        return e;
    }
}
