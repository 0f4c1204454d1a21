package io.sixjoin.jrc.update;

import io.sixjoin.cbor.cojp.CojpDecodeException;
import io.sixjoin.cbor.cojp.Configuration;
import io.sixjoin.cbor.cojp.ConfigurationCodec;
import io.sixjoin.cbor.cojp.UnsupportedConfigurationCodec;
import io.sixjoin.jrc.oscore.DurableContext;
import io.sixjoin.jrc.oscore.PledgeContexts;
import io.sixjoin.stack.cojp.CojpOscoreProfile;
import io.sixjoin.stack.cojp.PledgeId;
import io.sixjoin.stack.oscore.SingleContextDb;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MessageObserverAdapter;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.Endpoint;
import org.eclipse.californium.elements.AddressEndpointContext;
import org.eclipse.californium.elements.util.Bytes;
import org.eclipse.californium.oscore.OSException;
import org.eclipse.californium.oscore.RequestEncryptor;
import org.eclipse.californium.oscore.ResponseDecryptor;

/**
 * Sends one Parameter Update (RFC 9031 §8.2): the JRC, now the CoAP client, POSTs a Configuration as a CON
 * request to the joined node's {@code /j} under Uri-Host {@code 6tisch.arpa}, protected with the same OSCORE
 * context as the node's join and with the IDs unchanged (the JRC's Sender ID {@code 4a5243} goes out as kid, no
 * kid context). The request leaves through one of the JRC's own Californium endpoints, which retransmits it and
 * matches the answer by token; OSCORE is applied here, not in a stack layer, so the sender sequence number can
 * be reserved durably first (RFC 8613 App. B.1.1) under the context's lock, as the join path does.
 */
public final class ParameterUpdater {
    private final PledgeContexts contexts;
    private final Supplier<List<Endpoint>> endpoints;
    private final ScheduledExecutorService scheduler;
    private final Duration timeout;

    /**
     * @param endpoints the JRC's endpoints; one of the destination's address family is used
     * @param scheduler runs the {@code timeout} backstop
     * @param timeout   an update still unanswered after this is cancelled and reported failed
     */
    public ParameterUpdater(PledgeContexts contexts, Supplier<List<Endpoint>> endpoints,
            ScheduledExecutorService scheduler, Duration timeout) {
        this.contexts = contexts;
        this.endpoints = endpoints;
        this.scheduler = scheduler;
        this.timeout = timeout;
    }

    /** Sends {@code configuration} to {@code node} at {@code address}; the future never completes exceptionally. */
    public CompletableFuture<UpdateOutcome> send(PledgeId node, InetSocketAddress address, Configuration configuration) {
        Optional<DurableContext> found;
        try {
            found = contexts.context(node);
        } catch (RuntimeException e) {
            return failed("cannot load its OSCORE context: " + e.getMessage());
        }
        if (found.isEmpty()) {
            return failed("not provisioned any more (no PSK): it cannot be updated and must be evicted");
        }
        DurableContext ctx = found.get();
        Optional<Endpoint> endpoint = endpointFor(address);
        if (endpoint.isEmpty()) {
            return failed("the JRC has no endpoint that can reach " + address);
        }
        Protected p;
        try {
            p = protect(ctx, address, configuration);
        } catch (OSException | RuntimeException e) {
            return failed("cannot protect the update: " + e.getMessage());
        }
        Request protectedRequest = p.request();
        int sequence = p.sequence();
        CompletableFuture<UpdateOutcome> outcome = new CompletableFuture<>();
        protectedRequest.addMessageObserver(new MessageObserverAdapter() {
            @Override
            public void onResponse(Response response) {
                outcome.complete(open(ctx, response, sequence));
            }

            @Override
            public void onTimeout() {
                outcome.complete(new UpdateOutcome.Failed("no answer after CoAP retransmissions"));
            }

            @Override
            public void onCancel() {
                outcome.complete(new UpdateOutcome.Failed("no answer within " + timeout.toMillis() + " ms"));
            }

            @Override
            public void onReject() {
                outcome.complete(new UpdateOutcome.Failed("rejected with a CoAP reset"));
            }

            @Override
            protected void failed() {
                outcome.complete(new UpdateOutcome.Failed("could not be sent to " + address));
            }
        });
        ScheduledFuture<?> backstop = scheduler.schedule(protectedRequest::cancel, timeout.toMillis(),
                TimeUnit.MILLISECONDS);
        outcome.whenComplete((o, e) -> backstop.cancel(false));
        endpoint.get().sendRequest(protectedRequest);
        return outcome;
    }

    /** A protected Parameter Update and the sender sequence number its answer is bound to. */
    record Protected(Request request, int sequence) {
    }

    /** Builds and protects the request, the sequence number durably reserved first. */
    static Protected protect(DurableContext ctx, InetSocketAddress address, Configuration configuration)
            throws OSException {
        Request request = Request.newPost();
        request.setConfirmable(true);
        request.setDestinationContext(new AddressEndpointContext(address));
        request.getOptions().setUriHost(CojpOscoreProfile.URI_HOST);
        request.getOptions().addUriPath(CojpOscoreProfile.URI_PATH);
        request.getOptions().setOscore(Bytes.EMPTY);
        request.setPayload(ConfigurationCodec.encode(configuration));
        synchronized (ctx) {
            ctx.reserveBeforeSend();
            int sequence = ctx.getSenderSeq();
            return new Protected(RequestEncryptor.encrypt(new SingleContextDb(ctx), request), sequence);
        }
    }

    /** Verifies and decodes the node's answer; anything not protected with its context is discarded. */
    private static UpdateOutcome open(DurableContext ctx, Response response, int sequence) {
        if (!response.getOptions().hasOscore()) {
            // RFC 9031 §7.3.2: an unprotected answer, error or not, carries no information we may trust
            return new UpdateOutcome.Failed("unprotected " + response.getCode() + " answer discarded");
        }
        Response plain;
        try {
            synchronized (ctx) {
                plain = ResponseDecryptor.decrypt(new SingleContextDb(ctx), response, sequence);
            }
        } catch (OSException | RuntimeException e) {
            return new UpdateOutcome.Failed("answer failed OSCORE verification and was discarded");
        }
        if (plain.getCode() == ResponseCode.CHANGED) {
            return new UpdateOutcome.Acknowledged();
        }
        if (plain.getCode() == ResponseCode.BAD_REQUEST) {
            try {
                return new UpdateOutcome.Refused(UnsupportedConfigurationCodec.decode(plain.getPayload()));
            } catch (CojpDecodeException e) {
                return new UpdateOutcome.Failed("4.00 with an undecodable diagnostic: " + e.getMessage());
            }
        }
        return new UpdateOutcome.Failed("unexpected protected answer " + plain.getCode());
    }

    private Optional<Endpoint> endpointFor(InetSocketAddress address) {
        boolean v4 = address.getAddress() instanceof Inet4Address;
        List<Endpoint> all = endpoints.get();
        if (!v4 && !address.getAddress().isLoopbackAddress()) {
            // mesh nodes live behind the bridges: the tunnel reaches them, whatever address names the tunnel itself
            for (Endpoint e : all) {
                if (e instanceof org.eclipse.californium.core.network.CoapEndpoint c
                        && c.getConnector() instanceof io.sixjoin.jrc.tunnel.TunnelConnector) {
                    return Optional.of(e);
                }
            }
        }
        for (Endpoint e : all) {
            InetSocketAddress local = e.getAddress();
            if (local != null && (local.getAddress() instanceof Inet4Address) == v4) {
                return Optional.of(e);
            }
        }
        return all.stream().findFirst();
    }

    private static CompletableFuture<UpdateOutcome> failed(String why) {
        return CompletableFuture.completedFuture(new UpdateOutcome.Failed(why));
    }
}
