package io.sixjoin.cli.bench;

import io.sixjoin.jrc.store.ProvisionedPledge;
import io.sixjoin.stack.cojp.CojpOscoreProfile;
import io.sixjoin.stack.oscore.CaliforniumConfig;
import java.net.InetSocketAddress;
import java.util.List;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.oscore.HashMapCtxDB;
import org.eclipse.californium.oscore.OSCoreCoapStackFactory;
import org.eclipse.californium.oscore.OSCoreResource;

/**
 * The two anchors the JRC is compared with, built the way the libraries' own documentation builds them and
 * otherwise left at their defaults (but for {@link #configuration() deduplication}, set as the JRC sets it): a Californium server whose POST {@code /j} answers a fixed payload, and the
 * same behind cf-oscore's stock stack ({@code OSCoreCoapStackFactory}, {@code HashMapCtxDB} holding every
 * pledge's context, {@code OSCoreResource}). Neither touches a disk; both answer with a payload chosen so their
 * datagrams are as long as the JRC's.
 */
final class BaselineServers {
    private BaselineServers() {
    }

    /**
     * Californium's defaults with the one setting the JRC also changes: deduplication state per peer (the last
     * 64 exchanges) instead of every exchange for EXCHANGE_LIFETIME (247 s). At tens of thousands of requests per
     * second the default keeps over a million exchanges alive; the resulting GC pauses stalled the plain server
     * for seconds and slowed whichever system ran next, so that setting would measure the heap, not the protocol.
     */
    static Configuration configuration() {
        Configuration cfg = CaliforniumConfig.create();
        cfg.set(CoapConfig.DEDUPLICATOR, CoapConfig.DEDUPLICATOR_PEERS_MARK_AND_SWEEP);
        return cfg;
    }

    /** A plain CoAP server answering every POST /j with 2.04 and {@code payload}. */
    static CoapServer plainEcho(InetSocketAddress bind, byte[] payload) {
        Configuration cfg = configuration();
        CoapServer server = new CoapServer(cfg);
        server.addEndpoint(new CoapEndpoint.Builder().setConfiguration(cfg).setInetSocketAddress(bind).build());
        server.add(new CoapResource(CojpOscoreProfile.URI_PATH) {
            @Override
            public void handlePOST(CoapExchange exchange) {
                exchange.respond(ResponseCode.CHANGED, payload);
            }
        });
        server.start();
        return server;
    }

    /**
     * A stock cf-oscore server with the JRC's context for each of {@code pledges}, answering a protected
     * POST /j with a protected 2.04 carrying {@code payload}.
     */
    static CoapServer stockOscore(InetSocketAddress bind, List<ProvisionedPledge> pledges, byte[] payload) {
        Configuration cfg = configuration();
        HashMapCtxDB db = new HashMapCtxDB();
        for (ProvisionedPledge p : pledges) {
            db.addContext(CojpOscoreProfile.jrcContext(p.psk(), p.id()));
        }
        CoapServer server = new CoapServer(cfg);
        server.addEndpoint(new CoapEndpoint.Builder().setConfiguration(cfg).setInetSocketAddress(bind)
                .setCoapStackFactory(new OSCoreCoapStackFactory()).setCustomCoapStackArgument(db).build());
        server.add(new OSCoreResource(CojpOscoreProfile.URI_PATH, true) {
            @Override
            public void handlePOST(CoapExchange exchange) {
                exchange.respond(ResponseCode.CHANGED, payload);
            }
        });
        server.start();
        return server;
    }

    static InetSocketAddress address(CoapServer server) {
        return server.getEndpoints().get(0).getAddress();
    }
}
