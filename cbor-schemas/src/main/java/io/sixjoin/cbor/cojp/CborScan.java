package io.sixjoin.cbor.cojp;

import io.sixjoin.cbor.cojp.CojpDecodeException.Reason;

/**
 * A well-formedness pass over raw input, run before Jackson sees it. Jackson silently accepts
 * indefinite-length items and leaves trailing bytes unread; checking the raw bytes once up front closes
 * those gaps and bounds nesting so that no later step can recurse or allocate out of proportion to input.
 */
final class CborScan {
    /** Deeper than any CoJP object: top map, an array, and a nested array inside an addinfo. */
    static final int MAX_DEPTH = 5;

    private CborScan() {
    }

    /** One CBOR initial byte and its argument; {@code arg} is unsigned (negative means >= 2^63). */
    record Head(int major, int ai, long arg, int length) {
    }

    static Head head(byte[] in, int off) throws CojpDecodeException {
        if (off < 0 || off >= in.length) {
            throw malformed(Reason.NOT_WELL_FORMED, "truncated: item expected at byte " + off);
        }
        int ib = in[off] & 0xff;
        int major = ib >>> 5;
        int ai = ib & 0x1f;
        if (ai < 24) {
            return new Head(major, ai, ai, 1);
        }
        if (ai == 31) {
            throw malformed(major >= 2 && major <= 5 ? Reason.INDEFINITE_LENGTH : Reason.NOT_WELL_FORMED,
                    "indefinite length or break byte 0x" + Integer.toHexString(ib) + " at byte " + off);
        }
        if (ai > 27) {
            throw malformed(Reason.NOT_WELL_FORMED, "reserved additional information " + ai + " at byte " + off);
        }
        int n = 1 << (ai - 24);
        if (in.length - off - 1 < n) {
            throw malformed(Reason.NOT_WELL_FORMED, "truncated argument at byte " + off);
        }
        long arg = 0;
        for (int i = 1; i <= n; i++) {
            arg = (arg << 8) | (in[off + i] & 0xff);
        }
        if (major == 7 && ai == 24 && arg < 32) {
            throw malformed(Reason.NOT_WELL_FORMED, "two-byte simple value below 32 at byte " + off);
        }
        return new Head(major, ai, arg, 1 + n);
    }

    /** Offset just past the item starting at {@code off}. */
    static int itemEnd(byte[] in, int off, int depth) throws CojpDecodeException {
        if (depth > MAX_DEPTH) {
            throw malformed(Reason.TOO_DEEP, "nesting deeper than " + MAX_DEPTH);
        }
        Head h = head(in, off);
        int pos = off + h.length();
        long remaining = in.length - pos;
        switch (h.major()) {
            case 2, 3 -> {
                if (h.arg() < 0 || h.arg() > remaining) {
                    throw malformed(Reason.NOT_WELL_FORMED, "string runs past the end at byte " + off);
                }
                return pos + (int) h.arg();
            }
            case 4, 5 -> {
                long items = h.major() == 5 ? h.arg() * 2 : h.arg();
                // every item takes at least one byte, so this bounds the loop by the input size
                if (h.arg() < 0 || h.arg() > remaining || items > remaining) {
                    throw malformed(Reason.NOT_WELL_FORMED, "container longer than the input at byte " + off);
                }
                for (long i = 0; i < items; i++) {
                    pos = itemEnd(in, pos, depth + 1);
                }
                return pos;
            }
            case 6 -> {
                return itemEnd(in, pos, depth + 1);
            }
            default -> {
                return pos;
            }
        }
    }

    /**
     * Checks the whole input is exactly one well-formed item. For a top-level map, a failure inside a
     * value is attributed to that entry's integer label, so the diagnostic can name the parameter.
     */
    static void checkTop(byte[] in) throws CojpDecodeException {
        Head top = head(in, 0);
        int end;
        if (top.major() == 5 && top.arg() >= 0 && top.arg() <= in.length) {
            int pos = top.length();
            for (long i = 0; i < top.arg(); i++) {
                int keyStart = pos;
                pos = itemEnd(in, pos, 1);
                CojpLabel label = intLabelAt(in, keyStart);
                try {
                    pos = itemEnd(in, pos, 1);
                } catch (CojpDecodeException e) {
                    throw label == null ? e : e.withLabel(label);
                }
            }
            end = pos;
        } else {
            end = itemEnd(in, 0, 0);
        }
        if (end != in.length) {
            throw malformed(Reason.TRAILING_BYTES, (in.length - end) + " bytes after the CBOR item");
        }
    }

    /** The integer label starting at {@code off}, or null if that key is not a 64-bit integer. */
    static CojpLabel intLabelAt(byte[] in, int off) throws CojpDecodeException {
        Head h = head(in, off);
        if (h.arg() < 0 || (h.major() != 0 && h.major() != 1)) {
            return null;
        }
        return CojpLabel.of(h.major() == 0 ? h.arg() : -1 - h.arg());
    }

    static CojpDecodeException malformed(Reason reason, String message) {
        return new CojpDecodeException(null, reason, message);
    }
}
