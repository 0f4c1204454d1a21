package io.sixjoin.jrc.coap;

import io.sixjoin.jrc.JrcStats;
import io.sixjoin.jrc.JrcStats.Event;
import io.sixjoin.jrc.join.JoinResult;
import io.sixjoin.jrc.join.JoinService;
import io.sixjoin.jrc.oscore.DurableContext;
import io.sixjoin.jrc.oscore.PledgeContexts;
import io.sixjoin.jrc.store.GroupCommitter;
import io.sixjoin.jrc.store.JoinedNode;
import io.sixjoin.stack.cojp.CojpOscoreProfile;
import io.sixjoin.stack.cojp.OpenWsnStatelessProxy;
import io.sixjoin.stack.cojp.PledgeId;
import io.sixjoin.stack.oscore.OscoreRequestUnprotector;
import io.sixjoin.stack.oscore.SingleContextDb;
import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import org.eclipse.californium.core.coap.CoAP.Code;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.Option;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.Exchange;
import org.eclipse.californium.core.server.ServerMessageDeliverer;
import org.eclipse.californium.core.server.resources.Resource;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.oscore.CoapOSException;
import org.eclipse.californium.oscore.OSException;
import org.eclipse.californium.oscore.OscoreOptionDecoder;
import org.eclipse.californium.oscore.ResponseEncryptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JRC's CoAP front door. The Join Request's Uri-Path is encrypted (OSCORE Class E), so it cannot be routed
 * to a resource before decryption; every request is therefore taken here, before resource lookup, and handled
 * as RFC 9031 §7.3 and §8 demand: the context is found by kid context, any OSCORE failure is dropped silently
 * (no 4.01/4.02 that could push a pledge off the network), the replay window moves only for a verified request
 * and is persisted before the answer is protected under that request's nonce, and a retransmission gets the
 * identical cached bytes. The persisting is a group commit ({@link GroupCommitter}): the window moves in memory
 * at once (a copy arriving meanwhile is refused as a replay, never answered twice), and the answer is protected,
 * cached and sent only when the transaction holding its window and join record has committed. cf-oscore is used for the cryptography only (its stack layers would answer errors
 * and update the replay window before verifying).
 */
public final class JoinDeliverer extends ServerMessageDeliverer {
    private static final Logger LOG = LoggerFactory.getLogger(JoinDeliverer.class);

    private final PledgeContexts contexts;
    private final JoinService joins;
    private final JrcStats stats;
    private final JoinLog log;
    private final LongSupplier nanoClock;
    private final RateLimiter limiter;
    private final GroupCommitter commits;

    /** @param commits the store's group committer, which runs each join's durable work */
    public JoinDeliverer(Resource root, Configuration config, PledgeContexts contexts, JoinService joins,
            JrcStats stats, JoinLog log, LongSupplier nanoClock, RateLimiter limiter, GroupCommitter commits) {
        super(root, config);
        this.commits = commits;
        this.contexts = contexts;
        this.joins = joins;
        this.stats = stats;
        this.log = log;
        this.nanoClock = nanoClock;
        this.limiter = limiter;
    }

    @Override
    protected boolean preDeliverRequest(Exchange exchange) {
        long start = nanoClock.getAsLong();
        try {
            handle(exchange, start);
        } catch (RuntimeException e) {
            // a store failure or a bug must not take the endpoint down, nor answer anything unprotected
            stats.count(Event.DROP_INTERNAL_ERROR);
            LOG.error("join request from {} dropped: {}", peer(exchange), e.toString());
        }
        return true; // nothing reaches ordinary resources
    }

    private void handle(Exchange exchange, long start) {
        Request request = exchange.getRequest();
        if (!limiter.tryAcquire(request.getSourceContext().getPeerAddress().getAddress(), start)) {
            stats.count(Event.DROP_RATE_LIMITED);
            return;
        }
        if (!request.getOptions().hasOscore()) {
            stats.count(Event.DROP_UNPROTECTED);
            return;
        }
        OscoreOptionDecoder option;
        try {
            option = new OscoreOptionDecoder(request.getOptions().getOscore());
        } catch (CoapOSException | RuntimeException e) {
            stats.count(Event.DROP_BAD_OSCORE_OPTION);
            return;
        }
        if (!supportedFlags(request.getOptions().getOscore())) {
            stats.count(Event.DROP_BAD_OSCORE_OPTION);
            return;
        }
        byte[] kidContext = option.getIdContext();
        byte[] kid = option.getKid();
        if (kidContext == null || kidContext.length == 0 || kidContext.length > PledgeId.MAX_LENGTH
                || kid == null || kid.length != 0 || option.getPartialIV() == null) {
            // only a pledge's Join Request has an empty kid, a kid context and a Partial IV
            stats.count(Event.DROP_NO_KID_CONTEXT);
            return;
        }
        PledgeId pledgeId = PledgeId.of(kidContext);
        Optional<PledgeContexts.Resolved> resolved = contexts.resolve(pledgeId);
        if (resolved.isEmpty()) {
            stats.count(Event.DROP_UNKNOWN_PLEDGE);
            return;
        }
        DurableContext ctx = resolved.get().context();
        long seq = option.getSequenceNumber();
        byte[] digest = digest(request);
        // One request of a pledge at a time: cf-oscore keeps per-message state (the inner code) on the context.
        synchronized (ctx) {
            Optional<DurableContext.CachedResponse> cached = ctx.cachedResponse(seq, digest);
            if (cached.isPresent()) {
                stats.count(Event.RETRANSMISSION_ANSWERED);
                exchange.sendResponse(replay(cached.get(), request));
                return;
            }
            if (!ctx.replayWindow().isFresh(seq)) {
                stats.count(Event.DROP_REPLAY);
                return;
            }
            List<Option> statelessProxy = request.getOptions().getOthers(OpenWsnStatelessProxy.OPTION);
            Optional<Request> inner = OscoreRequestUnprotector.unprotect(request, ctx, (int) seq);
            if (inner.isEmpty()) {
                stats.count(Event.DROP_DECRYPT_FAILED);
                return;
            }
            Plan plan = plan(resolved.get(), inner.get());
            Optional<DurableContext.Accepted> accepted = ctx.acceptReplay(seq);
            if (accepted.isEmpty()) {
                stats.count(Event.DROP_REPLAY);
                return;
            }
            DurableContext.Accepted acc = accepted.get();
            InetSocketAddress from = request.getSourceContext().getPeerAddress();
            // The window save, the join record and the node's address are queued as one unit and commit with
            // other joins' in one transaction; the answer is protected under this request's nonce only after it.
            Optional<CompletableFuture<Optional<JoinedNode>>> committed = commits.submit(() -> {
                ctx.persist(acc);
                Optional<JoinedNode> node = plan.checked().flatMap(joins::record);
                node.ifPresent(n -> joins.recordAddress(n.pledge(), from));
                return node;
            });
            if (committed.isEmpty()) {
                ctx.undoReplay(acc);
                stats.count(Event.DROP_OVERLOADED);
                return;
            }
            // The commit completes on the committer thread; protecting and sending go back to Californium's
            // protocol stage, whose threads (one per core) would otherwise idle while the committer works.
            committed.get().whenComplete((node, failure) -> {
                ctx.settled();
                if (failure != null) {
                    stats.count(Event.DROP_INTERNAL_ERROR);
                    LOG.error("join request from {} dropped, its commit failed: {}", peer(exchange),
                            failure.toString());
                    return;
                }
                exchange.execute(() -> {
                    try {
                        send(exchange, ctx, acc, digest, answer(exchange, plan, node, start), statelessProxy);
                    } catch (RuntimeException e) {
                        stats.count(Event.DROP_INTERNAL_ERROR);
                        LOG.error("answer to {} dropped: {}", peer(exchange), e.toString());
                    }
                });
            });
        }
    }

    /** Protects a committed answer under the request's nonce, caches it for retransmissions, and sends it. */
    private void send(Exchange exchange, DurableContext ctx, DurableContext.Accepted acc, byte[] digest,
            Response answer, List<Option> statelessProxy) {
        Response response;
        synchronized (ctx) {
            try {
                response = ResponseEncryptor.encrypt(new SingleContextDb(ctx), answer, ctx, false, false,
                        (int) acc.seq());
            } catch (OSException e) {
                stats.count(Event.DROP_INTERNAL_ERROR);
                LOG.error("could not protect the answer to {}: {}", ctx.pledge(), e.getMessage());
                return;
            }
            ctx.cacheResponse(acc, new DurableContext.CachedResponse(acc.seq(), digest, response.getCode().value,
                    response.getOptions().getOscore(), response.getPayload()));
        }
        statelessProxy.forEach(response.getOptions()::addOption);
        exchange.sendResponse(response);
    }

    /** What a verified request will be answered: a protected 4.04/4.05, or the outcome of its checked join. */
    private record Plan(Optional<ResponseCode> error, Optional<JoinService.Checked> checked) {
    }

    /** Everything about the answer that needs no store: runs before the commit, on the protocol stage. */
    private Plan plan(PledgeContexts.Resolved resolved, Request request) {
        if (request.getCode() != Code.POST) {
            return new Plan(Optional.of(ResponseCode.METHOD_NOT_ALLOWED), Optional.empty());
        }
        if (!request.getOptions().getUriPathString().equals(CojpOscoreProfile.URI_PATH)) {
            return new Plan(Optional.of(ResponseCode.NOT_FOUND), Optional.empty());
        }
        return new Plan(Optional.empty(), Optional.of(joins.check(resolved.pledge(), request.getPayload())));
    }

    /** The plaintext answer once the join is committed; counted and logged only now (a failed batch joined nobody). */
    private Response answer(Exchange exchange, Plan plan, Optional<JoinedNode> node, long start) {
        if (plan.error().isPresent()) {
            stats.count(Event.PROTECTED_ERROR);
            return new Response(plan.error().get());
        }
        JoinService.Checked checked = plan.checked().orElseThrow();
        PledgeId id = checked.pledge().id();
        JoinResult result = joins.result(checked, node);
        Duration latency = Duration.ofNanos(nanoClock.getAsLong() - start);
        if (result instanceof JoinResult.Joined joined) {
            stats.count(Event.JOINED);
            log.joined(id, joined, peer(exchange), latency);
            Response r = new Response(ResponseCode.CHANGED);
            r.setPayload(joined.configuration());
            return r;
        }
        JoinResult.Refused refused = (JoinResult.Refused) result;
        stats.count(Event.REFUSED);
        log.refused(id, refused, peer(exchange), latency);
        Response r = new Response(ResponseCode.BAD_REQUEST);
        r.setPayload(refused.diagnostic());
        return r;
    }

    private static Response replay(DurableContext.CachedResponse cached, Request request) {
        Response r = new Response(ResponseCode.valueOf(cached.outerCode()));
        r.getOptions().setOscore(cached.oscoreOption());
        r.setPayload(cached.payload());
        request.getOptions().getOthers(OpenWsnStatelessProxy.OPTION).forEach(r.getOptions()::addOption);
        return r;
    }

    /**
     * What cf-oscore's option decoder lets through but must not be processed: a set reserved flag bit (RFC 8613
     * §6.1 makes the message malformed; the flags are not in the AAD, so such a copy of a real request would
     * otherwise verify), the reserved Partial IV lengths 6 and 7, and 5-byte Partial IVs, which cf-oscore's 32-bit
     * sequence numbers cannot hold (its decoder throws on them).
     */
    private static boolean supportedFlags(byte[] oscoreOption) {
        int flags = oscoreOption.length == 0 ? 0 : oscoreOption[0] & 0xff;
        return (flags & 0xe0) == 0 && (flags & 0x07) <= 4;
    }

    /** What identifies a retransmission: the same OSCORE option and ciphertext. */
    private static byte[] digest(Request request) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(request.getOptions().getOscore());
            d.update(request.getPayload());
            return d.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is mandatory in every JRE", e);
        }
    }

    private static String peer(Exchange exchange) {
        var a = exchange.getRequest().getSourceContext().getPeerAddress();
        return "[" + a.getAddress().getHostAddress() + "]:" + a.getPort();
    }
}
