package io.sixjoin.jrc.update;

import io.sixjoin.cbor.cojp.UnsupportedConfiguration;

/**
 * What came of one Parameter Update (RFC 9031 §8.2): the node took the Configuration (a protected 2.04), refused
 * part of it with a protected 4.00 Diagnostic Response (§8.3), or the JRC got no usable answer — none after
 * CoAP's retransmissions, or one it had to discard because it was not protected with the node's context
 * (§7.3.2). A failed node is taken to have left the network: it must join again.
 */
public sealed interface UpdateOutcome {
    /** True only for {@link Acknowledged}. */
    default boolean acknowledged() {
        return this instanceof Acknowledged;
    }

    /** A one-line description for logs and the CLI. */
    String describe();

    /** The node answered 2.04 (Changed). */
    record Acknowledged() implements UpdateOutcome {
        @Override
        public String describe() {
            return "acknowledged";
        }
    }

    /** The node answered a protected 4.00 with an Unsupported_Configuration. */
    record Refused(UnsupportedConfiguration diagnostic) implements UpdateOutcome {
        @Override
        public String describe() {
            // addinfo may echo the refused key set, so only codes and labels are shown
            return "refused: " + diagnostic.parameters().stream().map(p -> p.code() + " " + p.label())
                    .collect(java.util.stream.Collectors.joining(", "));
        }
    }

    /** No usable answer. */
    record Failed(String why) implements UpdateOutcome {
        @Override
        public String describe() {
            return why;
        }
    }
}
