package io.sixjoin.jrc.update;

import io.sixjoin.jrc.JrcStats;
import io.sixjoin.jrc.join.NetworkKeyRing;
import io.sixjoin.jrc.oscore.PledgeContexts;
import io.sixjoin.jrc.store.AdminChannel;
import io.sixjoin.jrc.store.AdminChannel.Request;
import io.sixjoin.jrc.store.AdminChannel.State;
import io.sixjoin.jrc.store.JrcStore;
import io.sixjoin.stack.cojp.PledgeId;
import java.net.Inet6Address;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.random.RandomGenerator;
import org.eclipse.californium.core.CoapServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running JRC's side of {@link AdminChannel}: on the injected scheduler it polls the store for requests the
 * CLI queued and carries them out one at a time (a rekey; an eviction, which is a rekey without the evicted
 * node), writing progress and outcome back into the request's row. It also publishes a heartbeat with a snapshot
 * of {@link JrcStats}, which is how the CLI knows a JRC is there to answer. A failure of one tick (the store
 * briefly locked, say) is logged and the next tick tries again.
 */
public final class AdminService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AdminService.class);

    private final JrcStore store;
    private final JrcStats stats;
    private final Rekeying rekeying;
    private final ScheduledExecutorService scheduler;
    private final AdminSettings settings;
    private final Clock clock;
    private final AtomicBoolean busy = new AtomicBoolean();
    private Instant lastBeat = Instant.MIN;

    public AdminService(JrcStore store, JrcStats stats, Rekeying rekeying, ScheduledExecutorService scheduler,
            AdminSettings settings, Clock clock) {
        this.store = store;
        this.stats = stats;
        this.rekeying = rekeying;
        this.scheduler = scheduler;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Wires the administration of a started JRC: a Parameter Update sender on the server's endpoints, the rekey
     * procedure and this poller, all on one new daemon scheduler thread that {@link #close()} stops.
     *
     * @param meshAddress the JRC's address in the mesh, used to derive node addresses not recorded at join
     */
    public static AdminService start(JrcStore store, JrcStats stats, PledgeContexts contexts, CoapServer server,
            Optional<Inet6Address> meshAddress, NetworkKeyRing keys, Clock clock, AdminSettings settings) {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sixjoin-admin");
            t.setDaemon(true);
            return t;
        });
        ParameterUpdater updater = new ParameterUpdater(contexts, server::getEndpoints, scheduler,
                settings.updateTimeout());
        Rekeying rekeying = new Rekeying(store, keys, updater,
                new NodeAddresses(store, meshAddress), scheduler, settings.guardTime());
        AdminService service = new AdminService(store, stats, rekeying, scheduler, settings, clock);
        try {
            service.start();
        } catch (RuntimeException e) {
            scheduler.shutdownNow();
            throw e;
        }
        return service;
    }

    /** Fails requests a previous JRC left half done, then starts polling. */
    public void start() {
        int abandoned = store.admin().abandonRunning("failed: the JRC stopped while carrying it out");
        if (abandoned > 0) {
            LOG.warn("{} administration request(s) were interrupted by a JRC stop and are marked failed", abandoned);
        }
        scheduler.scheduleWithFixedDelay(this::tick, 0, settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whether a request is being carried out now (tests wait on it). */
    public boolean busy() {
        return busy.get();
    }

    private void tick() {
        try {
            Instant now = clock.instant();
            if (!now.isBefore(lastBeat.plus(settings.heartbeat()))) {
                store.admin().beat(counters());
                lastBeat = now;
            }
            if (busy.compareAndSet(false, true)) {
                store.admin().claimNext().ifPresentOrElse(this::execute, () -> busy.set(false));
            }
        } catch (RuntimeException e) {
            LOG.error("administration poll failed: {}", e.getMessage());
        }
    }

    private void execute(Request request) {
        StringBuilder log = new StringBuilder();
        CompletableFuture<RekeyReport> work;
        try {
            if (request.kind() == AdminChannel.Kind.EVICT) {
                PledgeId node = PledgeId.parse(request.argument());
                store.nodes().evict(node);
                line(request, log, "evicted " + node + "; rekeying without it");
            }
            work = rekeying.run(text -> line(request, log, text));
        } catch (RuntimeException e) {
            work = CompletableFuture.failedFuture(e);
        }
        work.whenComplete((report, error) -> {
            try {
                if (error == null) {
                    LOG.info("{} request {} done: {}", request.kind(), request.id(), report.describe().strip());
                    store.admin().finish(request.id(), State.DONE, log + report.describe());
                } else {
                    Throwable cause = error.getCause() != null ? error.getCause() : error;
                    LOG.error("{} request {} failed: {}", request.kind(), request.id(), cause.getMessage());
                    store.admin().finish(request.id(), State.FAILED, log + "failed: " + cause.getMessage() + "\n");
                }
            } catch (RuntimeException e) {
                LOG.error("could not record the outcome of request {}: {}", request.id(), e.getMessage());
            } finally {
                busy.set(false);
            }
        });
    }

    private void line(Request request, StringBuilder log, String text) {
        synchronized (log) {
            log.append(text).append('\n');
            LOG.info("{} request {}: {}", request.kind(), request.id(), text);
            store.admin().progress(request.id(), log.toString());
        }
    }

    private Map<String, Long> counters() {
        Map<String, Long> out = new LinkedHashMap<>();
        stats.snapshot().forEach((k, v) -> out.put(k.name(), v));
        return out;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
