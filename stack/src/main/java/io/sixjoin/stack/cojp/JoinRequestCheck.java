package io.sixjoin.stack.cojp;

import io.sixjoin.cbor.cojp.CojpDecodeException;
import io.sixjoin.cbor.cojp.CojpLabel;
import io.sixjoin.cbor.cojp.JoinRequest;
import io.sixjoin.cbor.cojp.JoinRequestCodec;
import io.sixjoin.cbor.cojp.Role;
import io.sixjoin.cbor.cojp.UnsupportedCode;
import io.sixjoin.cbor.cojp.UnsupportedConfiguration;
import io.sixjoin.cbor.cojp.UnsupportedParameter;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The JRC's admission rules for a Join_Request that already passed OSCORE (RFC 9031 §8.1.1, §8.3, §8.4.1), free
 * of any transport: the payload must decode, carry this network's identifier, and ask for a role the pledge
 * is provisioned for. Every refusal is a {@link Verdict.Refused} carrying the Unsupported_Configuration that the
 * protected 4.00 Diagnostic Response must hold, so the caller never has to invent an error payload.
 */
public final class JoinRequestCheck {
    private final byte[] networkId;
    private final boolean acceptByteSwappedPanId;

    /**
     * @param networkId              this network's identifier, as pledges must send it
     * @param acceptByteSwappedPanId also accept a 2-byte identifier in the other byte order: OpenWSN firmware
     *                               sends its PAN ID little-endian ({@code fe ca} for 0xcafe), where RFC 9031
     *                               App. A writes {@code h'cafe'}
     */
    public JoinRequestCheck(byte[] networkId, boolean acceptByteSwappedPanId) {
        if (networkId == null || networkId.length == 0) {
            throw new IllegalArgumentException("a network identifier is at least one byte");
        }
        this.networkId = networkId.clone();
        this.acceptByteSwappedPanId = acceptByteSwappedPanId;
    }

    /** What the JRC does with a request. */
    public sealed interface Verdict {
        /** Admit the pledge in {@code role}. */
        record Admitted(JoinRequest request, Role role) implements Verdict {
        }

        /** Answer a protected 4.00 with {@code diagnostic}; {@code why} is for logs and counters. */
        record Refused(UnsupportedConfiguration diagnostic, Reason why, String detail) implements Verdict {
        }
    }

    /** Why a request was refused, one counter each. */
    public enum Reason {
        MALFORMED_PAYLOAD, WRONG_NETWORK, ROLE_NOT_PROVISIONED, UNKNOWN_ROLE
    }

    /**
     * @param payload     the decrypted Join_Request bytes (hostile)
     * @param provisioned the role the operator provisioned for this pledge
     */
    public Verdict check(byte[] payload, Role provisioned) {
        JoinRequest request;
        try {
            request = JoinRequestCodec.decode(payload);
        } catch (CojpDecodeException e) {
            UnsupportedParameter p = e.toUnsupportedParameter().orElseGet(
                    () -> UnsupportedParameter.withNullAddinfo(UnsupportedCode.MALFORMED,
                            CojpLabel.NETWORK_IDENTIFIER));
            return new Verdict.Refused(UnsupportedConfiguration.of(p), Reason.MALFORMED_PAYLOAD, e.getMessage());
        }
        byte[] theirs = request.networkIdentifier();
        if (!sameNetwork(theirs)) {
            // §8.4.5: a value we cannot use goes back as the offending value, so the pledge can try another network
            return new Verdict.Refused(UnsupportedConfiguration.of(UnsupportedParameter.withByteStringAddinfo(
                    UnsupportedCode.UNSUPPORTED, CojpLabel.NETWORK_IDENTIFIER, theirs)),
                    Reason.WRONG_NETWORK, "network identifier h'" + HexFormat.of().formatHex(theirs)
                    + "' is not this network's h'" + HexFormat.of().formatHex(networkId) + "'");
        }
        Role asked = request.effectiveRole();
        if (!asked.isKnown()) {
            return new Verdict.Refused(UnsupportedConfiguration.of(UnsupportedParameter.withNullAddinfo(
                    UnsupportedCode.UNSUPPORTED, CojpLabel.ROLE)), Reason.UNKNOWN_ROLE, "role " + asked);
        }
        // A device provisioned as 6LBR may still join as an ordinary node; the reverse needs provisioning.
        if (asked.equals(Role.SIXLBR) && !provisioned.equals(Role.SIXLBR)) {
            return new Verdict.Refused(UnsupportedConfiguration.of(UnsupportedParameter.withUintAddinfo(
                    UnsupportedCode.UNSUPPORTED, CojpLabel.ROLE, asked.value())),
                    Reason.ROLE_NOT_PROVISIONED, "asked for role 6LBR but is provisioned as " + provisioned);
        }
        return new Verdict.Admitted(request, asked);
    }

    private boolean sameNetwork(byte[] theirs) {
        if (Arrays.equals(theirs, networkId)) {
            return true;
        }
        return acceptByteSwappedPanId && theirs.length == 2 && networkId.length == 2
                && theirs[0] == networkId[1] && theirs[1] == networkId[0];
    }
}
