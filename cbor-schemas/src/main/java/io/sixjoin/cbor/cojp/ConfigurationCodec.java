package io.sixjoin.cbor.cojp;

import io.sixjoin.cbor.cojp.CojpDecodeException.Reason;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Codec for Configuration (RFC 9031 §8.4.2), the payload of a Join Response or Parameter Update.
 * Encoding writes labels 2, 3, 4, 6, 7 in ascending order. Decoding refuses what must be signalled (bad
 * structure, unusable keys, unknown labels) and drops, but reports, what the RFC says to discard quietly:
 * an invalid short identifier and a JRC address that is not 16 bytes.
 */
public final class ConfigurationCodec {
    private ConfigurationCodec() {
    }

    public static byte[] encode(Configuration c) {
        int size = (c.keySet().isPresent() ? 1 : 0) + (c.shortIdentifier().isPresent() ? 1 : 0)
                + (c.jrcAddress().isPresent() ? 1 : 0) + (c.blacklist().isPresent() ? 1 : 0)
                + (c.joinRate().isPresent() ? 1 : 0);
        return CborOut.encode(g -> {
            g.writeStartObject(c, size);
            if (c.keySet().isPresent()) {
                g.writeFieldId(CojpLabel.LINK_LAYER_KEY_SET.value());
                KeySetCodec.write(g, c.keySet().get());
            }
            if (c.shortIdentifier().isPresent()) {
                ShortIdentifier s = c.shortIdentifier().get();
                g.writeFieldId(CojpLabel.SHORT_IDENTIFIER.value());
                g.writeStartArray(s, s.leaseTimeHours().isPresent() ? 2 : 1);
                g.writeBinary(s.identifier());
                if (s.leaseTimeHours().isPresent()) {
                    g.writeNumber(s.leaseTimeHours().getAsLong());
                }
                g.writeEndArray();
            }
            if (c.jrcAddress().isPresent()) {
                g.writeFieldId(CojpLabel.JRC_ADDRESS.value());
                g.writeBinary(c.jrcAddress().get().unsafeBytes());
            }
            if (c.blacklist().isPresent()) {
                List<ByteString> list = c.blacklist().get();
                g.writeFieldId(CojpLabel.BLACKLIST.value());
                g.writeStartArray(list, list.size());
                for (ByteString b : list) {
                    g.writeBinary(b.unsafeBytes());
                }
                g.writeEndArray();
            }
            if (c.joinRate().isPresent()) {
                g.writeFieldId(CojpLabel.JOIN_RATE.value());
                g.writeNumber(c.joinRate().getAsLong());
            }
            g.writeEndObject();
        });
    }

    /** Decodes and drops quietly-discarded parameters; use {@link #decodeWithReport} to see them. */
    public static Configuration decode(byte[] in) throws CojpDecodeException {
        return decodeWithReport(in).configuration();
    }

    public static ConfigurationDecodeResult decodeWithReport(byte[] in) throws CojpDecodeException {
        try (CborIn r = CborIn.open(in)) {
            r.expectMapStart();
            Optional<List<LinkLayerKey>> keys = Optional.empty();
            Optional<ShortIdentifier> shortId = Optional.empty();
            Optional<ByteString> jrc = Optional.empty();
            Optional<List<ByteString>> blacklist = Optional.empty();
            OptionalLong joinRate = OptionalLong.empty();
            List<ConfigurationDecodeResult.Ignored> ignored = new ArrayList<>();
            Set<Long> seen = new HashSet<>();
            for (CojpLabel l = r.nextLabel(); l != null; l = r.nextLabel()) {
                if (!seen.add(l.value())) {
                    throw new CojpDecodeException(l, Reason.DUPLICATE_LABEL, "label appears twice");
                }
                switch ((int) Math.max(-1, Math.min(l.value(), 100))) {
                    case 2 -> keys = Optional.of(KeySetCodec.read(r));
                    case 3 -> shortId = readShortIdentifier(r, ignored);
                    case 4 -> {
                        byte[] a = r.bytes(l, r.value(l));
                        if (a.length == Configuration.JRC_ADDRESS_LENGTH) {
                            jrc = Optional.of(ByteString.of(a));
                        } else {
                            ignored.add(new ConfigurationDecodeResult.Ignored(l,
                                    "JRC address is " + a.length + " bytes, not 16"));
                        }
                    }
                    case 6 -> blacklist = Optional.of(readBlacklist(r));
                    case 7 -> joinRate = OptionalLong.of(CborIn.uint(l, r.value(l)));
                    case 1, 5, 8 -> throw new CojpDecodeException(l, Reason.LABEL_NOT_ALLOWED,
                            "not a Configuration parameter");
                    default -> throw new CojpDecodeException(l, Reason.UNKNOWN_LABEL, "unknown parameter");
                }
            }
            r.expectEnd();
            return new ConfigurationDecodeResult(
                    new Configuration(keys, shortId, jrc, blacklist, joinRate), ignored);
        }
    }

    private static Optional<ShortIdentifier> readShortIdentifier(
            CborIn r, List<ConfigurationDecodeResult.Ignored> ignored) throws CojpDecodeException {
        CojpLabel l = CojpLabel.SHORT_IDENTIFIER;
        int n = CborIn.arrayLength(l, r.value(l));
        if (n != 1 && n != 2) {
            throw new CojpDecodeException(l, Reason.BAD_GROUP_SEQUENCE, "[identifier, ?lease_time] expected");
        }
        byte[] id = r.bytes(l, r.value(l));
        OptionalLong lease = n == 2 ? OptionalLong.of(CborIn.uint(l, r.value(l))) : OptionalLong.empty();
        r.expectArrayEnd(l);
        if (!ShortIdentifier.isValid(id)) {
            // RFC 9031 §8.4.4: an invalid identifier makes the receiver ignore the whole object, silently
            ignored.add(new ConfigurationDecodeResult.Ignored(l,
                    id.length == 2 ? "reserved short address" : "identifier is " + id.length + " bytes, not 2"));
            return Optional.empty();
        }
        return Optional.of(new ShortIdentifier(id, lease));
    }

    private static List<ByteString> readBlacklist(CborIn r) throws CojpDecodeException {
        CojpLabel l = CojpLabel.BLACKLIST;
        int n = CborIn.arrayLength(l, r.value(l));
        List<ByteString> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(ByteString.of(r.bytes(l, r.value(l))));
        }
        r.expectArrayEnd(l);
        return list;
    }
}
