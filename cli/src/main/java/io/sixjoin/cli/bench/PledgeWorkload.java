package io.sixjoin.cli.bench;

import io.sixjoin.cbor.cojp.JoinRequest;
import io.sixjoin.stack.cojp.PledgeJoinExchange;
import java.util.List;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.Token;

/**
 * Protected Join Requests from many pledges in turn, each with the pledge's next sequence number, judged as a
 * pledge would: an answer counts only if it verifies under the pledge's context and carries a Configuration.
 * Used for the JRC and for the stock cf-oscore server alike, since both speak the same OSCORE wire format.
 */
final class PledgeWorkload implements Workload {
    private record Sent(PledgeJoinExchange pledge, int sequence) {
    }

    private final List<PledgeJoinExchange> pledges;
    private final JoinRequest joinRequest;
    private int next;

    PledgeWorkload(List<PledgeJoinExchange> pledges, byte[] networkId) {
        this.pledges = pledges;
        this.joinRequest = JoinRequest.of(networkId);
    }

    @Override
    public Outgoing next(int messageId, byte[] token) {
        PledgeJoinExchange pledge = pledges.get(next);
        next = (next + 1) % pledges.size();
        PledgeJoinExchange.Protected p = pledge.protect(joinRequest, CoAP.Type.CON, messageId,
                Token.fromProvider(token));
        return new Outgoing(p.datagram(), new Sent(pledge, p.sequence()));
    }

    @Override
    public boolean verify(Outgoing request, byte[] datagram) {
        Sent sent = (Sent) request.state();
        return sent.pledge().unprotect(datagram, sent.sequence()) instanceof PledgeJoinExchange.Answer.Joined;
    }
}
