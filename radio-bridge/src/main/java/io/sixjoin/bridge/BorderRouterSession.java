package io.sixjoin.bridge;

import io.sixjoin.bridge.uplink.Uplink;
import io.sixjoin.stack.ipv6.Ipv6Packet;
import io.sixjoin.stack.openwsn.HostFrame;
import io.sixjoin.stack.openwsn.MoteFrame;
import io.sixjoin.stack.openwsn.OpenWsnFormatException;
import io.sixjoin.stack.openwsn.StatusElement;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import io.sixjoin.stack.cojp.JumpAheadSequence;
import io.sixjoin.stack.cojp.PledgeId;
import java.util.Random;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a mote on a serial line into this network's border router, and keeps it one. Steps, each retried on a
 * timer: probe the line with echo frames as OpenWSN's tools do (and say what was found if nothing answers);
 * learn the mote's EUI-64 from its IdManager status; join the JRC as the 6LBR pledge (RFC 9031 role 6LBR) over
 * the uplink and receive the network key; send SETROOT with action 'Y' (never OpenVisualizer's toggle, which
 * un-roots a mote that is already root), the prefix and the key; wait until the status frames report DAGroot
 * with our prefix. A mote that stops reporting DAGroot (reboot) is made root again; a reopened line starts over
 * at the probe, keeping the key. The key is never logged. All methods run on the bridge's event loop.
 */
public final class BorderRouterSession {
    /** Where the session is; the status line prints the lower-case name. */
    public enum State { LINK_DOWN, PROBING, JOINING, SETTING_ROOT, ROOT }

    /** OpenVisualizer's probe: 10 random bytes, 2 s to answer. Under 16 bytes the echo parses unambiguously. */
    static final int PROBE_LENGTH = 10;
    /**
     * How long each step waits before retrying. Production uses {@link #DEFAULT}; tests shrink it so the
     * retry paths run in milliseconds instead of seconds.
     */
    record Timing(long probeMillis, long joinFirstMillis, long joinMaxMillis, long setRootMillis) {
        static final Timing DEFAULT = new Timing(2000, 2000, 30_000, 3000);
    }

    static final int PROBES_BEFORE_COMPLAINING = 3;

    private static final Logger LOG = LoggerFactory.getLogger(BorderRouterSession.class);

    private final BridgeConfig config;
    private final Mesh mesh;
    private final Predicate<HostFrame> toMote;
    private final Uplink uplink;
    private final BridgeStats stats;
    private final ScheduledExecutorService loop;
    private final LongSupplier millis;
    private final Random random;
    private final String lineName;
    private final Timing timing;
    private String diagnosis;

    private State state = State.LINK_DOWN;
    private ScheduledFuture<?> timer;
    private byte[] probe;
    private long probeSentAt;
    private int probes;
    private long framesAtLineUp;
    private long crcAtLineUp;
    private boolean echoOk;
    private StatusElement.IdManager identity;
    private SelfJoin selfJoin;
    private final Function<PledgeId, JumpAheadSequence.Store> sequences;
    private final Function<PledgeId, SequenceFiles.WindowStore> windows;
    private int joinAttempts;
    private long joinTimeout;
    private SelfJoin.NetworkKey key;
    private int setRootAttempts;

    BorderRouterSession(BridgeConfig config, Mesh mesh, Predicate<HostFrame> toMote, Uplink uplink, BridgeStats stats,
            ScheduledExecutorService loop, LongSupplier millis, Random random, String lineName, Timing timing) {
        this(config, mesh, toMote, uplink, stats, loop, millis, random, lineName, timing, SequenceFiles.inMemory(),
                SequenceFiles.windowsInMemory());
    }

    BorderRouterSession(BridgeConfig config, Mesh mesh, Predicate<HostFrame> toMote, Uplink uplink, BridgeStats stats,
            ScheduledExecutorService loop, LongSupplier millis, Random random, String lineName, Timing timing,
            Function<PledgeId, JumpAheadSequence.Store> sequences,
            Function<PledgeId, SequenceFiles.WindowStore> windows) {
        this.sequences = Objects.requireNonNull(sequences);
        this.windows = Objects.requireNonNull(windows);
        this.config = Objects.requireNonNull(config);
        this.mesh = Objects.requireNonNull(mesh);
        this.toMote = Objects.requireNonNull(toMote);
        this.uplink = Objects.requireNonNull(uplink);
        this.stats = Objects.requireNonNull(stats);
        this.loop = Objects.requireNonNull(loop);
        this.millis = Objects.requireNonNull(millis);
        this.random = Objects.requireNonNull(random);
        this.lineName = lineName;
        this.timing = Objects.requireNonNull(timing);
    }

    public State state() {
        return state;
    }

    public boolean isRoot() {
        return state == State.ROOT;
    }

    /** What the last failed probe round found on the line, if one failed. */
    Optional<String> diagnosis() {
        return Optional.ofNullable(diagnosis);
    }

    /** The mote's identity as last reported, if any. */
    public Optional<StatusElement.IdManager> identity() {
        return Optional.ofNullable(identity);
    }

    void lineUp(int generation) {
        framesAtLineUp = stats.framesFromMote();
        crcAtLineUp = stats.crcErrors();
        identity = null;
        echoOk = false;
        probes = 0;
        state = State.PROBING;
        sendProbe();
    }

    void lineDown(String reason) {
        cancelTimer();
        state = State.LINK_DOWN;
    }

    void frame(MoteFrame frame) {
        if (frame instanceof MoteFrame.EchoReply echo) {
            echoReply(echo);
        } else if (frame instanceof MoteFrame.Status status) {
            try {
                if (status.decode() instanceof StatusElement.IdManager id) {
                    identity(id);
                }
            } catch (OpenWsnFormatException e) {
                LOG.debug("status element dropped: {}", e.getMessage());
            }
        }
    }

    private void sendProbe() {
        probe = new byte[PROBE_LENGTH];
        random.nextBytes(probe);
        probeSentAt = millis.getAsLong();
        probes++;
        toMote.test(new HostFrame.Echo(probe));
        schedule(this::probeTimeout, timing.probeMillis());
    }

    private void probeTimeout() {
        if (state != State.PROBING) {
            return;
        }
        if (probes == PROBES_BEFORE_COMPLAINING) {
            if (identity != null) {
                LOG.warn("the mote on {} reports status but does not echo; continuing without the echo check",
                        lineName);
                echoOk = true;
                advance();
                return;
            }
            diagnosis = whatWasFound();
            LOG.warn("no OpenWSN mote answers on {}: {}", lineName, diagnosis);
        }
        sendProbe();
    }

    private String whatWasFound() {
        long frames = stats.framesFromMote() - framesAtLineUp;
        long crc = stats.crcErrors() - crcAtLineUp;
        if (frames == 0 && crc == 0) {
            return "nothing received in " + (PROBES_BEFORE_COMPLAINING * timing.probeMillis() / 1000.0) + " s (is the"
                    + " border-router mote on this port, flashed with OpenWSN firmware, and not held in reset?)";
        }
        if (crc > frames) {
            return crc + " frames with a bad checksum and " + frames + " intact: wrong baud rate? (--baud: 115200"
                    + " for OpenMote, 500000 for IoT-LAB M3)";
        }
        return frames + " frames but no echo reply: firmware without the serial echo handler?";
    }

    private void echoReply(MoteFrame.EchoReply echo) {
        if (state != State.PROBING || probe == null || !Arrays.equals(probe, echo.echoed())) {
            return;
        }
        if (!echoOk) {
            echoOk = true;
            diagnosis = null;
            LOG.info("OpenWSN mote {} answers on {} (echo in {} ms)", String.format("0x%04x", echo.moteId()),
                    lineName, millis.getAsLong() - probeSentAt);
        }
        advance();
    }

    private void identity(StatusElement.IdManager id) {
        boolean first = identity == null;
        identity = id;
        mesh.root(id.eui64());
        if (first) {
            LOG.info("mote {} is EUI-64 {}, PAN 0x{}, {}", String.format("0x%04x", id.shortId()), Mesh.eui(id.eui64()),
                    String.format("%04x", id.panId()), id.isDagRoot() != 0 ? "already DAGroot" : "not DAGroot");
        }
        switch (state) {
            case PROBING -> advance();
            case SETTING_ROOT -> {
                if (id.isDagRoot() != 0 && id.prefix() == prefixLong()) {
                    cancelTimer();
                    state = State.ROOT;
                    LOG.info("mote {} is DAGroot of {}; forwarding between the mesh and {}", Mesh.eui(id.eui64()),
                            config.prefixText(), uplink.describe());
                }
            }
            case ROOT -> {
                if (id.isDagRoot() == 0 || id.prefix() != prefixLong()) {
                    LOG.warn("mote {} is no longer DAGroot of {} (did it reboot?); making it root again",
                            Mesh.eui(id.eui64()), config.prefixText());
                    startSetRoot();
                }
            }
            default -> {
            }
        }
    }

    private void advance() {
        if (state != State.PROBING || !echoOk || identity == null) {
            return;
        }
        cancelTimer();
        if (key == null) {
            startJoin();
        } else {
            startSetRoot();
        }
    }

    private void startJoin() {
        state = State.JOINING;
        if (selfJoin == null) {
            selfJoin = new SelfJoin(config, identity.eui64(), uplink, stats, random, sequences, windows);
            mesh.ownAddress(selfJoin.ownAddress());
            LOG.info("joining the JRC as 6LBR pledge {} via {}", selfJoin.pledge().hex(), uplink.describe());
        }
        joinAttempts = 0;
        joinTimeout = timing.joinFirstMillis();
        sendJoin();
    }

    private void sendJoin() {
        joinAttempts++;
        selfJoin.send();
        schedule(this::joinTimeout, joinTimeout);
    }

    private void joinTimeout() {
        if (state != State.JOINING) {
            return;
        }
        if (joinAttempts == 3) {
            LOG.warn("no answer from the JRC to the bridge's own join via {} (is 'sixjoin jrc --tunnel' running"
                    + " there, and pledge {} provisioned with role 6lbr and this PSK?); still trying",
                    uplink.describe(), selfJoin.pledge().hex());
        }
        joinTimeout = Math.min(timing.joinMaxMillis(), joinTimeout * 2);
        sendJoin();
    }

    /** A packet the uplink delivered to the bridge's own address: the answer to its join, or a Parameter Update. */
    void ownPacket(Ipv6Packet packet) {
        if (selfJoin == null) {
            return;
        }
        if (state != State.JOINING) {
            if (key == null) {
                return;
            }
            Optional<SelfJoin.NetworkKey> rekeyed = selfJoin.parameterUpdate(packet);
            if (rekeyed.isPresent() && rekeyed.get().index() != key.index()) {
                key = rekeyed.get();
                LOG.info("the JRC rekeyed the network: key index {} goes to the mote", key.index());
                if (state == State.ROOT || state == State.SETTING_ROOT) {
                    startSetRoot(); // SETROOT 'Y' installs the new key as K1 and K2 in the mote
                }
            }
            return;
        }
        Optional<SelfJoin.NetworkKey> k = selfJoin.answer(packet);
        if (k.isPresent()) {
            cancelTimer();
            key = k.get();
            LOG.info("joined the JRC as 6LBR; network key index {} received", key.index());
            startSetRoot();
        }
    }

    private void startSetRoot() {
        cancelTimer();
        state = State.SETTING_ROOT;
        setRootAttempts = 0;
        sendSetRoot();
    }

    private void sendSetRoot() {
        setRootAttempts++;
        toMote.test(new HostFrame.SetRoot(HostFrame.SetRoot.BECOME_ROOT, prefixLong(), key.index(), key.value()));
        schedule(this::setRootTimeout, timing.setRootMillis());
    }

    private void setRootTimeout() {
        if (state != State.SETTING_ROOT) {
            return;
        }
        if (setRootAttempts == 3) {
            LOG.warn("the mote has not reported DAGroot status after {} SETROOT frames (firmware built with"
                    + " stackcfg=dagroot or without l2-security?); still trying", setRootAttempts);
        }
        sendSetRoot();
    }

    private long prefixLong() {
        return java.nio.ByteBuffer.wrap(config.prefix()).getLong();
    }

    private void schedule(Runnable r, long delayMillis) {
        cancelTimer();
        timer = loop.schedule(r, delayMillis, TimeUnit.MILLISECONDS);
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    /** One line for the status output: state, mote and root. */
    String describe() {
        String mote = identity == null ? "mote ?" : "mote " + Mesh.eui(identity.eui64());
        return "state " + state.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + ", " + mote
                + ", root " + (state == State.ROOT ? "yes" : "no");
    }

    @Override
    public String toString() {
        return "BorderRouterSession[" + describe() + "]";
    }
}
