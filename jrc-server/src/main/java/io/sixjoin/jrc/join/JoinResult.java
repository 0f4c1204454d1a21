package io.sixjoin.jrc.join;

import io.sixjoin.jrc.store.JoinedNode;
import io.sixjoin.stack.cojp.JoinRequestCheck;

/** The outcome of an authenticated Join Request: the node joined, or the request was refused with a diagnostic. */
public sealed interface JoinResult {
    /** Answer 2.04 with {@code configuration} (encoded). */
    record Joined(JoinedNode node, byte[] configuration) implements JoinResult {
    }

    /** Answer 4.00 with {@code diagnostic} (an encoded Unsupported_Configuration). */
    record Refused(byte[] diagnostic, JoinRequestCheck.Reason reason, String detail) implements JoinResult {
    }
}
