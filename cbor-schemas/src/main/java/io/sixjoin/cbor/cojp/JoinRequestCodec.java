package io.sixjoin.cbor.cojp;

import io.sixjoin.cbor.cojp.CojpDecodeException.Reason;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Codec for Join_Request (RFC 9031 §8.4.1). Encoding is deterministic (labels 1, 5, 8 in that order);
 * decoding accepts any key order but refuses anything the CDDL does not allow, including labels that are
 * valid only in a Configuration.
 */
public final class JoinRequestCodec {
    private JoinRequestCodec() {
    }

    public static byte[] encode(JoinRequest jr) {
        int size = 1 + (jr.role().isPresent() ? 1 : 0) + (jr.unsupportedConfiguration().isPresent() ? 1 : 0);
        return CborOut.encode(g -> {
            g.writeStartObject(jr, size);
            if (jr.role().isPresent()) {
                g.writeFieldId(CojpLabel.ROLE.value());
                g.writeNumber(jr.role().get().value());
            }
            g.writeFieldId(CojpLabel.NETWORK_IDENTIFIER.value());
            g.writeBinary(jr.networkIdentifier());
            if (jr.unsupportedConfiguration().isPresent()) {
                g.writeFieldId(CojpLabel.UNSUPPORTED_CONFIGURATION.value());
                UnsupportedConfigurationCodec.write(g, jr.unsupportedConfiguration().get());
            }
            g.writeEndObject();
        });
    }

    public static JoinRequest decode(byte[] in) throws CojpDecodeException {
        try (CborIn r = CborIn.open(in)) {
            r.expectMapStart();
            Role role = null;
            byte[] networkId = null;
            UnsupportedConfiguration uc = null;
            Set<Long> seen = new HashSet<>();
            for (CojpLabel l = r.nextLabel(); l != null; l = r.nextLabel()) {
                if (!seen.add(l.value())) {
                    throw new CojpDecodeException(l, Reason.DUPLICATE_LABEL, "label appears twice");
                }
                if (l.equals(CojpLabel.ROLE)) {
                    role = Role.of(CborIn.uint(l, r.value(l)));
                } else if (l.equals(CojpLabel.NETWORK_IDENTIFIER)) {
                    networkId = r.bytes(l, r.value(l));
                    if (networkId.length == 0) {
                        throw new CojpDecodeException(l, Reason.EMPTY_VALUE, "network identifier is empty");
                    }
                } else if (l.equals(CojpLabel.UNSUPPORTED_CONFIGURATION)) {
                    uc = UnsupportedConfigurationCodec.read(r, l);
                } else if (l.isKnown()) {
                    throw new CojpDecodeException(l, Reason.LABEL_NOT_ALLOWED, "not a Join_Request parameter");
                } else {
                    throw new CojpDecodeException(l, Reason.UNKNOWN_LABEL, "unknown parameter");
                }
            }
            if (networkId == null) {
                throw new CojpDecodeException(CojpLabel.NETWORK_IDENTIFIER, Reason.MISSING_PARAMETER,
                        "network identifier is mandatory");
            }
            r.expectEnd();
            return new JoinRequest(Optional.ofNullable(role), networkId, Optional.ofNullable(uc));
        }
    }
}
