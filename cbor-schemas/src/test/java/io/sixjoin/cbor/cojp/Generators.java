package io.sixjoin.cbor.cojp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;

/** Random valid records for the round-trip properties; every draw satisfies the constructors' rules. */
final class Generators {
    private Generators() {
    }

    static byte[] bytes(Random r, int min, int max) {
        byte[] b = new byte[min + r.nextInt(max - min + 1)];
        r.nextBytes(b);
        return b;
    }

    /** Non-negative values spread over every CBOR integer width. */
    static long uint(Random r) {
        return switch (r.nextInt(5)) {
            case 0 -> r.nextInt(24);
            case 1 -> r.nextInt(256);
            case 2 -> r.nextInt(65536);
            case 3 -> r.nextInt() & 0xffffffffL;
            default -> r.nextLong() & Long.MAX_VALUE;
        };
    }

    static long anyInt(Random r) {
        long v = uint(r);
        return r.nextBoolean() ? v : -1 - v;
    }

    static LinkLayerKey key(Random r) {
        int mode = r.nextInt(4);
        long keyId = mode == 0 ? 0 : 1 + r.nextInt(254);
        Optional<ByteString> info = switch (mode) {
            case 0 -> {
                int len = new int[] {2, 8, 10}[r.nextInt(3)];
                yield Optional.of(ByteString.of(bytes(r, len, len)));
            }
            case 2 -> Optional.of(ByteString.of(bytes(r, 4, 4)));
            case 3 -> Optional.of(ByteString.of(bytes(r, 8, 8)));
            default -> Optional.empty();
        };
        Optional<KeyUsage> usage = r.nextBoolean() ? Optional.empty() : Optional.of(KeyUsage.of(r.nextInt(15)));
        return new LinkLayerKey(keyId, usage, bytes(r, 16, 16), info);
    }

    static ShortIdentifier shortIdentifier(Random r) {
        byte[] id;
        do {
            id = bytes(r, 2, 2);
        } while (!ShortIdentifier.isValid(id));
        return new ShortIdentifier(id, r.nextBoolean() ? OptionalLong.empty() : OptionalLong.of(uint(r)));
    }

    static Configuration configuration(Random r) {
        Configuration c = Configuration.empty();
        if (r.nextBoolean()) {
            List<LinkLayerKey> keys = new ArrayList<>();
            for (int i = 1 + r.nextInt(4); i > 0; i--) {
                keys.add(key(r));
            }
            c = c.withKeySet(keys);
        }
        if (r.nextBoolean()) {
            c = c.withShortIdentifier(shortIdentifier(r));
        }
        if (r.nextBoolean()) {
            c = c.withJrcAddress(ByteString.of(bytes(r, 16, 16)));
        }
        if (r.nextBoolean()) {
            List<ByteString> list = new ArrayList<>();
            for (int i = r.nextInt(4); i > 0; i--) {
                list.add(ByteString.of(bytes(r, 0, 9)));
            }
            c = c.withBlacklist(list);
        }
        if (r.nextBoolean()) {
            c = c.withJoinRate(uint(r));
        }
        return c;
    }

    /** An addinfo item of the accepted subset: null, int, bstr, or a shallow array of those. */
    static byte[] addinfo(Random r, int depth) {
        return CborOut.encode(g -> writeItem(g, r, depth));
    }

    private static void writeItem(com.fasterxml.jackson.dataformat.cbor.CBORGenerator g, Random r, int depth)
            throws java.io.IOException {
        switch (r.nextInt(depth < 2 ? 4 : 3)) {
            case 0 -> g.writeNull();
            case 1 -> g.writeNumber(anyInt(r));
            case 2 -> g.writeBinary(bytes(r, 0, 17));
            default -> {
                int n = r.nextInt(4);
                g.writeStartArray(null, n);
                for (int i = 0; i < n; i++) {
                    writeItem(g, r, depth + 1);
                }
                g.writeEndArray();
            }
        }
    }

    static UnsupportedConfiguration unsupportedConfiguration(Random r) {
        List<UnsupportedParameter> ps = new ArrayList<>();
        for (int i = 1 + r.nextInt(3); i > 0; i--) {
            ps.add(new UnsupportedParameter(UnsupportedCode.of(r.nextInt(3) < 2 ? r.nextInt(2) : anyInt(r)),
                    CojpLabel.of(r.nextInt(3) < 2 ? 1 + r.nextInt(8) : anyInt(r)), addinfo(r, 0)));
        }
        return new UnsupportedConfiguration(ps);
    }

    static JoinRequest joinRequest(Random r) {
        return new JoinRequest(r.nextBoolean() ? Optional.empty() : Optional.of(Role.of(r.nextInt(3) < 2
                ? r.nextInt(2) : uint(r))), bytes(r, 1, 12),
                r.nextInt(4) == 0 ? Optional.of(unsupportedConfiguration(r)) : Optional.empty());
    }
}
