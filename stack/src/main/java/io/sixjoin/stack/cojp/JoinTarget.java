package io.sixjoin.stack.cojp;

import java.net.Inet6Address;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a pledge sends a Join Request: the link-local address of the Join Proxy whose Enhanced Beacon it heard, and
 * the network identifier that beacon advertised (the Join_Request must carry it, RFC 9031 §8.4.1). A
 * {@link PledgeJoin} keeps one per attempt; when an attempt fails, its {@link Next} hook — the caller's knowledge of
 * other beacons — chooses the target of the next attempt, which is how "try another JP" and "try a network with
 * another identifier" (§8.1.1) reach a mechanism that has no radio of its own.
 *
 * @param joinProxy the JP's link-local IPv6 address
 * @param networkId the network identifier to ask for
 */
public record JoinTarget(Inet6Address joinProxy, byte[] networkId) {
    public JoinTarget {
        Objects.requireNonNull(joinProxy, "joinProxy");
        networkId = networkId.clone();
        if (networkId.length == 0) {
            throw new IllegalArgumentException("a network identifier is at least one byte");
        }
    }

    /** The "try another JP" hook of {@link PledgeJoin}. */
    @FunctionalInterface
    public interface Next {
        /**
         * The target for the attempt after {@code failedAttempts} attempts failed, the last one at {@code failed};
         * empty gives up, and the join ends {@link PledgeJoin.State#FAILED}.
         */
        Optional<JoinTarget> after(JoinTarget failed, int failedAttempts);

        /** Retries through the same JP on the same network. */
        static Next sameTarget() {
            return (failed, n) -> Optional.of(failed);
        }
    }

    @Override
    public byte[] networkId() {
        return networkId.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JoinTarget t && joinProxy.equals(t.joinProxy) && Arrays.equals(networkId, t.networkId);
    }

    @Override
    public int hashCode() {
        return 31 * joinProxy.hashCode() + Arrays.hashCode(networkId);
    }

    @Override
    public String toString() {
        return "JoinTarget[" + joinProxy.getHostAddress() + ", network h'" + HexFormat.of().formatHex(networkId)
                + "']";
    }
}
