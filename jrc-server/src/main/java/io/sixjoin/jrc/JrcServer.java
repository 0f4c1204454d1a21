package io.sixjoin.jrc;

import io.sixjoin.cbor.cojp.ByteString;
import io.sixjoin.jrc.coap.JoinDeliverer;
import io.sixjoin.jrc.coap.JoinLog;
import io.sixjoin.jrc.coap.RateLimiter;
import io.sixjoin.jrc.coap.SilentRejectParser;
import io.sixjoin.jrc.join.JoinService;
import io.sixjoin.jrc.join.NetworkKeyRing;
import io.sixjoin.jrc.join.NetworkSettings;
import io.sixjoin.jrc.oscore.PledgeContexts;
import io.sixjoin.jrc.oscore.UnknownPledges;
import io.sixjoin.jrc.store.GroupCommitter;
import io.sixjoin.jrc.store.JrcStore;
import io.sixjoin.jrc.update.AdminService;
import io.sixjoin.jrc.update.AdminSettings;
import io.sixjoin.stack.coap.ExtendedTokenUdpDataSerializer;
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
import org.eclipse.californium.core.config.CoapConfig;
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
    /** Joins that may wait for the group commit; a flood beyond it is dropped, not buffered. */
    static final int COMMIT_QUEUE = 4096;
    /** The most joins one transaction takes, so one commit's latency stays around a millisecond. */
    static final int MAX_BATCH = 256;

    private final JrcConfig config;
    private final JrcStore store;
    private final CoapServer server;
    private final JrcStats stats;
    private final NetworkSettings settings;
    private final PledgeContexts contexts;
    private final AdminService admin;
    private final GroupCommitter commits;

    private JrcServer(JrcConfig config, JrcStore store, CoapServer server, JrcStats stats, NetworkSettings settings,
            PledgeContexts contexts, AdminService admin, GroupCommitter commits) {
        this.config = config;
        this.store = store;
        this.server = server;
        this.stats = stats;
        this.settings = settings;
        this.contexts = contexts;
        this.admin = admin;
        this.commits = commits;
    }

    /**
     * Opens the store, makes sure the network has an identifier and an active key, and starts the endpoints.
     *
     * @param tunnel the bridges' tunnel connector (UDP, or in-memory for a bridge in this JVM), or null for none
     */
    public static JrcServer start(JrcConfig config, Clock clock, RandomGenerator random, JoinLog log,
            Connector tunnel) {
        return start(config, clock, random, log, tunnel, AdminSettings.DEFAULT);
    }

    /** Like {@link #start(JrcConfig, Clock, RandomGenerator, JoinLog, Connector)} with the rekey timing given. */
    public static JrcServer start(JrcConfig config, Clock clock, RandomGenerator random, JoinLog log,
            Connector tunnel, AdminSettings adminSettings) {
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
            // No transparent block-wise: it would answer outer Block1 requests with 2.31/4.08/4.13 in clear, and
            // CoJP messages are far smaller than one block anyway.
            cfg.set(CoapConfig.MAX_RESOURCE_BODY_SIZE, 0);
            // Deduplication state per source, not only per time: with the global mark-and-sweep, every request of a
            // flood (rate-limited ones too, the limiter runs later) held an Exchange (~1.4 kB) for EXCHANGE_LIFETIME.
            // Retransmissions beyond the last 64 per peer are still answered from the deliverer's response cache.
            cfg.set(CoapConfig.DEDUPLICATOR, CoapConfig.DEDUPLICATOR_PEERS_MARK_AND_SWEEP);
            CoapServer server = new CoapServer(cfg);
            for (InetSocketAddress a : config.listen()) {
                server.addEndpoint(endpoint(cfg).setInetSocketAddress(a).build());
            }
            if (tunnel != null) {
                server.addEndpoint(endpoint(cfg).setConnector(tunnel).build());
            }
            GroupCommitter commits = GroupCommitter.forStore(store, COMMIT_QUEUE, MAX_BATCH);
            server.setMessageDeliverer(new JoinDeliverer(server.getRoot(), cfg, contexts, joins, stats, log,
                    System::nanoTime, new RateLimiter(config.limits(), System.nanoTime()), commits));
            AdminService admin;
            try {
                server.start();
                admin = AdminService.start(store, stats, contexts, server, config.jrcAddress(), keys, clock,
                        adminSettings);
            } catch (RuntimeException e) {
                server.destroy();
                commits.close();
                throw e;
            }
            return new JrcServer(config, store, server, stats, settings, contexts, admin, commits);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /**
     * Every JRC endpoint parses RFC 8974 extended tokens (stateless join proxies keep their state there, RFC 9031
     * §7.1) and knows OpenWSN's option 40, which Californium would otherwise drop while parsing; a malformed
     * confirmable request gets an empty RST, never an error response in clear ({@link SilentRejectParser}).
     */
    private static CoapEndpoint.Builder endpoint(Configuration cfg) {
        return new CoapEndpoint.Builder().setConfiguration(cfg).setDataSerializerAndParser(
                new ExtendedTokenUdpDataSerializer(), new SilentRejectParser(
                        Boolean.TRUE.equals(cfg.get(CoapConfig.STRICT_EMPTY_MESSAGE_FORMAT)),
                        OpenWsnStatelessProxy.REGISTRY));
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

    /** The administration poller (rekey, evict) running on this JRC. */
    public AdminService admin() {
        return admin;
    }

    @Override
    public void close() {
        try {
            try {
                admin.close();
                server.stop();
                server.destroy();
            } finally {
                // what is queued still commits (or fails) before the store closes
                commits.close();
            }
        } finally {
            store.close();
        }
    }
}
