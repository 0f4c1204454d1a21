package io.sixjoin.stack.cojp;

import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.network.ExtendedCoapStackFactory;
import org.eclipse.californium.core.network.Outbox;
import org.eclipse.californium.core.network.stack.BaseCoapStack;
import org.eclipse.californium.core.network.stack.BlockwiseLayer;
import org.eclipse.californium.core.network.stack.CoapStack;
import org.eclipse.californium.core.network.stack.CongestionControlLayer;
import org.eclipse.californium.core.network.stack.ExchangeCleanupLayer;
import org.eclipse.californium.core.network.stack.Layer;
import org.eclipse.californium.core.network.stack.ObserveLayer;
import org.eclipse.californium.elements.EndpointContextMatcher;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.oscore.OSCoreCtxDB;
import org.eclipse.californium.oscore.OSCoreTcpStack;
import org.eclipse.californium.oscore.ObjectSecurityContextLayer;
import org.eclipse.californium.oscore.ObjectSecurityLayer;

/**
 * Builds OSCORE CoAP stacks in which CoAP deduplication runs before OSCORE replay protection (Californium issue
 * #2294, fixed upstream only in 4.x). cf-oscore 3.x places its {@code ObjectSecurityLayer} below the reliability
 * layer, so a retransmitted CON request reaches the replay window before the reliability layer can recognise it
 * as a duplicate; the replay check fails and the peer gets a RST. In a lossy mesh that turns every lost Join
 * Response into a failed join. Here the OSCORE layer sits above congestion control, as in 4.x: a duplicate is
 * answered with the cached (already protected) response and never decrypted twice. The custom stack argument of
 * the endpoint builder must be the {@link OSCoreCtxDB}.
 */
public final class CojpOscoreStackFactory implements ExtendedCoapStackFactory {

    @Override
    public CoapStack createCoapStack(String protocol, String tag, Configuration config,
            EndpointContextMatcher matchingStrategy, Outbox outbox, Object customStackArgument) {
        if (!(customStackArgument instanceof OSCoreCtxDB db)) {
            throw new IllegalArgumentException("the custom CoAP stack argument must be the OSCoreCtxDB, got "
                    + (customStackArgument == null ? "null" : customStackArgument.getClass().getName()));
        }
        if (CoAP.isTcpProtocol(protocol)) {
            // Reliable transports have no CoAP-level duplicates, so cf-oscore's own TCP stack is fine.
            return new OSCoreTcpStack(tag, config, matchingStrategy, outbox, db);
        }
        return new DedupFirstUdpStack(tag, config, matchingStrategy, outbox, db);
    }

    /** Californium only calls this for factories that are not "extended"; kept for the interface. */
    @Deprecated
    @Override
    public CoapStack createCoapStack(String protocol, String tag, Configuration config, Outbox outbox,
            Object customStackArgument) {
        return createCoapStack(protocol, tag, config, null, outbox, customStackArgument);
    }

    /** Layers top to bottom, in Californium 4.x order. */
    private static final class DedupFirstUdpStack extends BaseCoapStack {
        DedupFirstUdpStack(String tag, Configuration config, EndpointContextMatcher matchingStrategy,
                Outbox outbox, OSCoreCtxDB db) {
            super(outbox);
            setLayers(new Layer[] {
                new ObjectSecurityContextLayer(db),
                new ExchangeCleanupLayer(config),
                new ObserveLayer(config),
                new BlockwiseLayer(tag, false, config, matchingStrategy),
                new ObjectSecurityLayer(db),
                CongestionControlLayer.newImplementation(tag, config),
            });
        }
    }
}
