package io.sixjoin.jrc;

import io.sixjoin.cbor.cojp.ByteString;
import io.sixjoin.jrc.coap.JoinDeliverer;
import io.sixjoin.jrc.coap.JoinLog;
import io.sixjoin.jrc.coap.RateLimiter;
import io.sixjoin.jrc.join.JoinService;
import io.sixjoin.jrc.join.NetworkKeyRing;
import io.sixjoin.jrc.join.NetworkSettings;
import io.sixjoin.jrc.oscore.PledgeContexts;
import io.sixjoin.jrc.oscore.UnknownPledges;
import io.sixjoin.jrc.store.JrcStore;
import io.sixjoin.stack.cojp.OpenWsnStatelessProxy;
import io.sixjoin.stack.oscore.CaliforniumConfig;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.random.RandomGenerator;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.network.Endpoint;
import org.eclipse.californium.elements.Connector;
import org.eclipse.californium.elements.config.Configuration;

/**
 * A running Join Registrar/Coordinator: the store, the network's keys and settings, the pledge contexts, and a
 * Californium server whose endpoints (UDP sockets, and optionally the bridges' IPv6-in-UDP tunnel) all lead to
 * the {@link JoinDeliverer}. Built by {@link #start}; closing it stops the endpoints and closes the store.
 */
public final class JrcServer implements AutoCloseable {
    /** The network identifier of a fresh store when none is given: PAN ID 0xcafe, as RFC 9031 App. A and OpenWSN. */
    public static final String DEFAULT_NETWORK_ID = "cafe";
    static final int MAX_CACHED_CONTEXTS = 200_000;

    private final JrcConfig config;
    private final JrcStore store;
    private final CoapServer server;
    private final JrcStats stats;
    private final NetworkSettings settings;
    private final PledgeContexts contexts;

    private JrcServer(JrcConfig config, JrcStore store, CoapServer server, JrcStats stats, NetworkSettings settings,
            PledgeContexts contexts) {
        this.config = config;
        this.store = store;
        this.server = server;
        this.stats = stats;
        this.settings = settings;
        this.contexts = contexts;
    }

    /**
     * Opens the store, makes sure the network has an identifier and an active key, and starts the endpoints.
     *
     * @param tunnel a connector for the bridge tunnel, or null when {@code config.tunnel()} is empty
     */
    public static JrcServer start(JrcConfig config, Clock clock, RandomGenerator random, JoinLog log,
            Connector tunnel) {
        JrcStore store = JrcStore.open(config.store(), clock, random);
        try {
            NetworkSettings settings = networkSettings(config, store);
            NetworkKeyRing keys = new NetworkKeyRing(store, random);
            keys.active();
            PledgeContexts contexts = new PledgeContexts(store, clock, MAX_CACHED_CONTEXTS,
                    config.insecureDefaultPsk() ? UnknownPledges.OPENWSN_DEFAULT_PSK : UnknownPledges.REFUSE);
            JoinService joins = new JoinService(store, settings, config.profile(), keys);
            JrcStats stats = new JrcStats();
            Configuration cfg = CaliforniumConfig.create();
            CoapServer server = new CoapServer(cfg);
            for (InetSocketAddress a : config.listen()) {
                server.addEndpoint(endpoint(cfg).setInetSocketAddress(a).build());
            }
            if (tunnel != null) {
                server.addEndpoint(endpoint(cfg).setConnector(tunnel).build());
            }
            server.setMessageDeliverer(new JoinDeliverer(server.getRoot(), cfg, contexts, joins, stats, log,
                    System::nanoTime, new RateLimiter(config.limits(), System.nanoTime())));
            server.start();
            return new JrcServer(config, store, server, stats, settings, contexts);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    private static CoapEndpoint.Builder endpoint(Configuration cfg) {
        return new CoapEndpoint.Builder().setConfiguration(cfg).setOptionRegistry(OpenWsnStatelessProxy.REGISTRY);
    }

    private static NetworkSettings networkSettings(JrcConfig config, JrcStore store) {
        String id = config.networkIdHex().map(s -> s.toLowerCase(Locale.ROOT))
                .or(() -> store.network().networkId())
                .orElse(DEFAULT_NETWORK_ID);
        if (store.network().networkId().filter(id::equals).isEmpty()) {
            store.network().setNetworkId(id);
        }
        return new NetworkSettings(HexFormat.of().parseHex(id), config.leaseHours(),
                config.jrcAddress().map(a -> ByteString.of(a.getAddress())), config.joinRate());
    }

    /** The addresses actually bound (useful with port 0). */
    public List<InetSocketAddress> boundAddresses() {
        List<InetSocketAddress> out = new ArrayList<>();
        for (Endpoint e : server.getEndpoints()) {
            out.add(e.getAddress());
        }
        return out;
    }

    public JrcStats stats() {
        return stats;
    }

    public JrcStore store() {
        return store;
    }

    public NetworkSettings settings() {
        return settings;
    }

    public JrcConfig config() {
        return config;
    }

    public PledgeContexts contexts() {
        return contexts;
    }

    @Override
    public void close() {
        try {
            server.stop();
            server.destroy();
        } finally {
            store.close();
        }
    }
}
