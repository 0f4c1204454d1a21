package io.sixjoin.cbor.cojp;

import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import io.sixjoin.cbor.cojp.CojpDecodeException.Reason;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The link-layer key set (label 2): an array of flattened Link_Layer_Key groups. Group boundaries exist
 * only in the CBOR types (uint key_id, optional int key_usage, bstr key_value, optional bstr key_addinfo),
 * so the array is read into typed elements first and split afterwards.
 */
final class KeySetCodec {
    private static final CojpLabel L = CojpLabel.LINK_LAYER_KEY_SET;

    private KeySetCodec() {
    }

    /** One array element: an integer (major 0 or 1, {@code outOfRange} if beyond 64 bits) or bytes. */
    private record Elem(int major, long value, boolean outOfRange, byte[] bytes) {
        boolean isUint() {
            return major == 0;
        }

        boolean isInt() {
            return major == 0 || major == 1;
        }

        boolean isBytes() {
            return major == 2;
        }
    }

    static int elementCount(List<LinkLayerKey> keys) {
        int n = 0;
        for (LinkLayerKey k : keys) {
            n += 2 + (k.keyUsage().isPresent() ? 1 : 0) + (k.keyAddinfo().isPresent() ? 1 : 0);
        }
        return n;
    }

    static void write(CBORGenerator g, List<LinkLayerKey> keys) throws IOException {
        g.writeStartArray(keys, elementCount(keys));
        for (LinkLayerKey k : keys) {
            g.writeNumber(k.keyId());
            if (k.keyUsage().isPresent()) {
                g.writeNumber(k.keyUsage().get().value());
            }
            g.writeBinary(k.keyValue());
            if (k.keyAddinfo().isPresent()) {
                g.writeBinary(k.keyAddinfo().get().unsafeBytes());
            }
        }
        g.writeEndArray();
    }

    static List<LinkLayerKey> read(CborIn r) throws CojpDecodeException {
        int n = CborIn.arrayLength(L, r.value(L));
        if (n == 0) {
            throw new CojpDecodeException(L, Reason.EMPTY_VALUE, "key set must hold at least one key");
        }
        List<Elem> elems = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            CborScan.Head h = r.value(L);
            if (h.major() == 0 || h.major() == 1) {
                long v = h.major() == 0 ? h.arg() : -1 - h.arg();
                elems.add(new Elem(h.major(), v, h.arg() < 0, null));
            } else if (h.major() == 2) {
                elems.add(new Elem(2, 0, false, r.bytes(L, h)));
            } else {
                throw CborIn.wrongType(L, "uint, int or bstr", h);
            }
        }
        r.expectArrayEnd(L);
        return split(elems);
    }

    private static List<LinkLayerKey> split(List<Elem> elems) throws CojpDecodeException {
        List<LinkLayerKey> keys = new ArrayList<>();
        int i = 0;
        while (i < elems.size()) {
            int start = i;
            if (!elems.get(i).isUint()) {
                throw sequence("key_id (uint) expected at element " + i);
            }
            Elem id = elems.get(i++);
            Elem usage = i < elems.size() && elems.get(i).isInt() ? elems.get(i++) : null;
            if (i >= elems.size() || !elems.get(i).isBytes()) {
                throw sequence("key_value (bstr) expected at element " + i);
            }
            byte[] value = elems.get(i++).bytes();
            Elem info = i < elems.size() && elems.get(i).isBytes() ? elems.get(i++) : null;
            List<Elem> group = elems.subList(start, i);
            if (id.outOfRange() || (usage != null && usage.outOfRange())) {
                throw new CojpDecodeException(L, id.outOfRange() ? Reason.INVALID_KEY_ID : Reason.UNKNOWN_KEY_USAGE,
                        "integer beyond 64 bits in key " + keys.size());
            }
            Optional<KeyUsage> ku = usage == null ? Optional.empty() : Optional.of(KeyUsage.of(usage.value()));
            Optional<ByteString> ai = info == null ? Optional.empty() : Optional.of(ByteString.of(info.bytes()));
            Reason problem = LinkLayerKey.check(id.value(), ku, value.length, ai);
            if (problem != null) {
                throw new CojpDecodeException(L, problem, "key " + keys.size() + " (key_id " + id.value()
                        + ") cannot be used", encodeSubset(group), null);
            }
            keys.add(new LinkLayerKey(id.value(), ku, value, ai));
        }
        return keys;
    }

    /** The offending key in its normal structure, for the diagnostic's addinfo (RFC 9031 §8.4.5). */
    private static byte[] encodeSubset(List<Elem> group) {
        return CborOut.encode(g -> {
            g.writeStartArray(group, group.size());
            for (Elem e : group) {
                if (e.isBytes()) {
                    g.writeBinary(e.bytes());
                } else {
                    g.writeNumber(e.value());
                }
            }
            g.writeEndArray();
        });
    }

    private static CojpDecodeException sequence(String message) {
        return new CojpDecodeException(L, Reason.BAD_GROUP_SEQUENCE, message);
    }
}
