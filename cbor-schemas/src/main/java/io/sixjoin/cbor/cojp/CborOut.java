package io.sixjoin.cbor.cojp;

import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Deterministic CBOR output through Jackson's streaming generator: definite lengths only, shortest-form
 * integers (Jackson's WRITE_MINIMAL_INTS), and map keys in ascending order, which callers ensure by
 * writing labels in numeric order (for small non-negative labels that equals bytewise order).
 */
final class CborOut {
    private static final CBORFactory FACTORY = CBORFactory.builder()
            .enable(CBORGenerator.Feature.WRITE_MINIMAL_INTS)
            .build();
    private static final int MAX_ADDINFO_DEPTH = 3;

    private CborOut() {
    }

    interface Body {
        void write(CBORGenerator g) throws IOException;
    }

    static byte[] encode(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        try (CBORGenerator g = FACTORY.createGenerator(out)) {
            body.write(g);
        } catch (IOException e) {
            // only reachable through a bug (a size mismatch); memory streams do not fail
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * Re-encodes one addinfo item deterministically. Raw bytes cannot be spliced into a Jackson stream (the
     * generator would miscount definite-length containers), so the item is walked and re-emitted; the
     * same walk defines which items are accepted.
     *
     * @throws IllegalArgumentException if the bytes are not exactly one item of the accepted subset
     */
    static byte[] canonicalAddinfo(byte[] raw) {
        byte[] copy = raw.clone();
        int[] end = new int[1];
        byte[] out = encode(g -> end[0] = emit(g, copy, 0, 0));
        if (end[0] != copy.length) {
            throw new IllegalArgumentException("addinfo must be exactly one CBOR item");
        }
        return out;
    }

    /** Writes an already canonical addinfo as one value of the enclosing container. */
    static void writeAddinfo(CBORGenerator g, byte[] canonical) throws IOException {
        emit(g, canonical, 0, 0);
    }

    private static int emit(CBORGenerator g, byte[] raw, int off, int depth) throws IOException {
        if (depth > MAX_ADDINFO_DEPTH) {
            throw new IllegalArgumentException("addinfo nested too deeply");
        }
        CborScan.Head h;
        try {
            h = CborScan.head(raw, off);
        } catch (CojpDecodeException e) {
            throw new IllegalArgumentException("addinfo not well-formed: " + e.getMessage());
        }
        int pos = off + h.length();
        switch (h.major()) {
            case 0, 1 -> {
                if (h.arg() < 0) {
                    throw new IllegalArgumentException("addinfo integer outside 64-bit range");
                }
                g.writeNumber(h.major() == 0 ? h.arg() : -1 - h.arg());
                return pos;
            }
            case 2 -> {
                if (h.arg() < 0 || h.arg() > raw.length - pos) {
                    throw new IllegalArgumentException("addinfo byte string truncated");
                }
                g.writeBinary(raw, pos, (int) h.arg());
                return pos + (int) h.arg();
            }
            case 4 -> {
                if (h.arg() < 0 || h.arg() > raw.length - pos) {
                    throw new IllegalArgumentException("addinfo array truncated");
                }
                g.writeStartArray(null, (int) h.arg());
                for (long i = 0; i < h.arg(); i++) {
                    pos = emit(g, raw, pos, depth + 1);
                }
                g.writeEndArray();
                return pos;
            }
            case 7 -> {
                if (h.ai() == 22) {
                    g.writeNull();
                    return pos;
                }
                throw new IllegalArgumentException("addinfo simple value or float not supported");
            }
            default -> throw new IllegalArgumentException("addinfo major type " + h.major() + " not supported");
        }
    }
}
