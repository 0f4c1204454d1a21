package io.sixjoin.jrc.coap;

import io.sixjoin.jrc.join.JoinResult;
import io.sixjoin.stack.cojp.PledgeId;
import java.time.Duration;

/** Receives one event per join outcome, for the JRC's one-line-per-join log and for tests. Never sees secrets. */
public interface JoinLog {
    void joined(PledgeId pledge, JoinResult.Joined result, String peer, Duration latency);

    void refused(PledgeId pledge, JoinResult.Refused result, String peer, Duration latency);

    JoinLog NONE = new JoinLog() {
        @Override
        public void joined(PledgeId pledge, JoinResult.Joined result, String peer, Duration latency) {
        }

        @Override
        public void refused(PledgeId pledge, JoinResult.Refused result, String peer, Duration latency) {
        }
    };
}
