package io.sixjoin.cbor.cojp;

import java.util.List;

/**
 * An Unsupported_Configuration (RFC 9031 §8.4.5): the payload of a 4.00 Diagnostic Response, and the
 * optional label-8 parameter of a Join_Request. Holds at least one Unsupported_Parameter.
 *
 * @param parameters the flattened (code, label, addinfo) triples, in wire order
 */
public record UnsupportedConfiguration(List<UnsupportedParameter> parameters) {
    public UnsupportedConfiguration {
        parameters = List.copyOf(parameters);
        if (parameters.isEmpty()) {
            throw new IllegalArgumentException("Unsupported_Configuration needs at least one parameter");
        }
    }

    public static UnsupportedConfiguration of(UnsupportedParameter... parameters) {
        return new UnsupportedConfiguration(List.of(parameters));
    }
}
