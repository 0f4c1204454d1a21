package io.sixjoin.emulator.serial;

import io.sixjoin.stack.hdlc.HdlcDecoder;
import io.sixjoin.stack.hdlc.HdlcEncoder;
import io.sixjoin.stack.hdlc.XonXoffEscaper;
import io.sixjoin.stack.openwsn.FirmwareDialect;
import io.sixjoin.stack.openwsn.HostFrame;
import io.sixjoin.stack.openwsn.HostFrameCodec;
import io.sixjoin.stack.openwsn.MoteFrame;
import io.sixjoin.stack.openwsn.MoteFrameCodec;
import io.sixjoin.stack.openwsn.OpenWsnFormatException;
import io.sixjoin.stack.openwsn.StatusElement;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * The serial side of an emulated OpenWSN DAGroot: speaks the firmware's host protocol byte for byte, so a bridge
 * attaches to it exactly as to a board. Host bytes go in through {@link #onBytesFromHost} (HDLC with FCS checked;
 * damaged or wrongly sized frames are counted and dropped as {@code openserial} drops them); echo 'S' is answered
 * with a 'D' echo reply; SETROOT 'Y'/'N'/'T' changes the root role and, whatever the action, stores the prefix and
 * key and reports them to the {@link Listener}; 'D' frames reach the listener only while root; 'Q' reboots.
 * {@link #poll} prints one status element per {@link #STATUS_PERIOD_MICROS} of the caller's clock, round-robin in
 * the configured {@link FirmwareDialect}; {@link #dataUp} bridges a mesh packet up. Output is HDLC-framed and then
 * XON/XOFF-escaped, as real and emulated firmware UARTs do, and goes to the current {@link ByteSink}. Transport-
 * and thread-free: one thread (the emulator's loop, or {@link SerialServer}'s) makes every call.
 */
public final class BorderRouterMote {
    /** {@code STATUSPRINT_PERIOD}: 100 ms between status elements. */
    public static final long STATUS_PERIOD_MICROS = 100_000;
    /** {@code PANID_DEFINED}. */
    public static final int DEFAULT_PAN_ID = 0xCAFE;
    /** A DAGroot's rank ({@code MINHOPRANKINCREASE}). */
    public static final int ROOT_RANK = 256;
    /** {@code MAXDAGRANK}: a mote without a parent. */
    public static final int NO_RANK = 0xFFFF;
    /** The prefix a non-root reports until it learns one: fe80::/64. */
    public static final long LINK_LOCAL_PREFIX = 0xfe80_0000_0000_0000L;
    /** {@code SERIAL_INPUT_BUFFER_SIZE}; the two FCS bytes count against it. */
    public static final int INPUT_BUFFER_SIZE = 200;

    /** Receives the mote's output bytes, one call per frame, already framed and escaped. */
    @FunctionalInterface
    public interface ByteSink {
        /** A sink with nothing attached, like a UART with no cable. */
        ByteSink DISCARD = bytes -> { };

        void write(byte[] bytes);
    }

    /**
     * What the emulator hears from a mote's serial side, on the thread that fed it host bytes:
     * SETROOT commands (install {@link RootCommand#key()} as K1 and K2 in the root's MAC and start or stop it as
     * root), 6LoWPAN packets the host injects into the mesh, and reboots. Every method has an empty default.
     */
    public interface Listener {
        /** A listener that ignores everything. */
        Listener NONE = new Listener() {
        };

        /**
         * A SETROOT the mote accepted (exactly 26 bytes). The firmware stores prefix and key whatever the action.
         *
         * @param action   the action byte as sent: 'Y', 'N', 'T' or anything else (which leaves the role alone)
         * @param wasRoot  the role before
         * @param isRoot   the role after
         * @param prefix   the 64-bit prefix, bbbb::/64 as 0xbbbb000000000000
         * @param keyIndex the key index, for both K1 and K2
         * @param key      the 16-byte key; never printed by {@link #toString()}
         */
        record RootCommand(int action, boolean wasRoot, boolean isRoot, long prefix, int keyIndex, byte[] key) {
            public RootCommand {
                key = key.clone();
            }

            @Override
            public byte[] key() {
                return key.clone();
            }

            @Override
            public boolean equals(Object o) {
                return o instanceof RootCommand r && action == r.action && wasRoot == r.wasRoot && isRoot == r.isRoot
                        && prefix == r.prefix && keyIndex == r.keyIndex && Arrays.equals(key, r.key);
            }

            @Override
            public int hashCode() {
                return Long.hashCode(prefix) * 31 + Arrays.hashCode(key);
            }

            @Override
            public String toString() {
                return "RootCommand['" + (char) action + "', root " + wasRoot + " -> " + isRoot + ", prefix "
                        + HexFormat.of().toHexDigits(prefix) + ", key index " + keyIndex + ", key [redacted]]";
            }
        }

        /** A SETROOT was accepted; see {@link RootCommand}. */
        default void rootCommand(RootCommand command) {
        }

        /** The host injected {@code lowpan} for neighbour {@code nextHop} (an EUI-64); only sent while root. */
        default void dataDown(long nextHop, byte[] lowpan) {
        }

        /** The host sent 'Q': the mote rebooted, forgetting its role, prefix and keys. */
        default void rebooted(boolean wasRoot) {
        }
    }

    /** What the mote counts; see {@link #count}. */
    public enum Counter {
        /** Host frames that passed the FCS. */
        FRAMES_FROM_HOST,
        /** Damaged input HDLC dropped: bad FCS, too short, longer than the input buffer, bytes before a flag. */
        BAD_FRAMES,
        /** Intact frames the firmware refuses for their length (ERR_INPUTBUFFER_LENGTH). */
        REJECTED_LENGTH,
        /** 'D' frames from the host while not DAGroot. */
        DATA_DOWN_REFUSED,
        /** 'D' frames handed to the listener. */
        DATA_DOWN,
        /** Frame types current firmware ignores. */
        UNKNOWN_TYPE,
        ECHOES,
        SET_ROOTS,
        RESETS,
        STATUS_FRAMES,
        DATA_UP,
        /** {@link #dataUp} calls while not DAGroot (the firmware only bridges as root). */
        DATA_UP_REFUSED
    }

    private final MoteState state;
    private final Listener listener;
    private final HdlcDecoder decoder = new HdlcDecoder(INPUT_BUFFER_SIZE - 2);
    private final long[] counters = new long[Counter.values().length];
    private ByteSink output;
    private long nextStatusAt;

    private BorderRouterMote(Builder b) {
        this.state = new MoteState(b.eui64, b.panId, b.dialect, b.asn);
        this.listener = b.listener;
        this.output = b.output;
        this.nextStatusAt = b.startMicros + STATUS_PERIOD_MICROS;
    }

    /** Starts a mote with EUI-64 {@code eui64}; its 16-bit id is the EUI-64's last two bytes, as in firmware. */
    public static Builder builder(long eui64) {
        return new Builder(eui64);
    }

    /** Attaches the mote's output to {@code sink} (a new client), or detaches it with {@link ByteSink#DISCARD}. */
    public void setOutput(ByteSink sink) {
        this.output = Objects.requireNonNull(sink, "sink");
    }

    /** Consumes bytes the host sent; never throws on their content. */
    public void onBytesFromHost(byte[] bytes, int offset, int length) {
        decoder.feed(bytes, offset, length, event -> {
            if (event instanceof HdlcDecoder.Frame f) {
                count(Counter.FRAMES_FROM_HOST, 1);
                handle(f.payload());
            } else {
                count(Counter.BAD_FRAMES, 1);
            }
        });
    }

    /** Prints the status element due at {@code nowMicros}, if any; call again at {@link #nextDeadline()}. */
    public void poll(long nowMicros) {
        if (nowMicros < nextStatusAt) {
            return;
        }
        emit(state.nextStatus());
        count(Counter.STATUS_FRAMES, 1);
        // A late caller gets one element, not a burst: the firmware's timer does not catch up either.
        long behind = (nowMicros - nextStatusAt) / STATUS_PERIOD_MICROS;
        nextStatusAt += (behind + 1) * STATUS_PERIOD_MICROS;
    }

    /** When the next status element is due, in the caller's microseconds. */
    public long nextDeadline() {
        return nextStatusAt;
    }

    /**
     * Sends the host a 6LoWPAN packet the root received from the mesh, as {@code openbridge_receive} does:
     * {@code 'D' moteId ASN ownEUI64 previousHop lowpan}.
     *
     * @return false (and nothing is sent) if the mote is not DAGroot, since only a root bridges
     */
    public boolean dataUp(long previousHop, byte[] lowpan) {
        if (!state.isRoot()) {
            count(Counter.DATA_UP_REFUSED, 1);
            return false;
        }
        emit(new MoteFrame.Data(state.moteId(), state.asn(), state.eui64(), previousHop, lowpan));
        count(Counter.DATA_UP, 1);
        return true;
    }

    public boolean isRoot() {
        return state.isRoot();
    }

    public long eui64() {
        return state.eui64();
    }

    /** The prefix last set by SETROOT, {@link #LINK_LOCAL_PREFIX} before that. */
    public long prefix() {
        return state.prefix();
    }

    /** What the mote reports in its IdManager status element right now. */
    public StatusElement.IdManager identity() {
        return state.identity();
    }

    /** How often {@code counter}'s event happened since the mote was built (reboots keep counting). */
    public long count(Counter counter) {
        return counters[counter.ordinal()];
    }

    private void count(Counter counter, int n) {
        counters[counter.ordinal()] += n;
    }

    private void handle(byte[] payload) {
        HostFrame frame;
        try {
            frame = HostFrameCodec.parse(payload);
        } catch (OpenWsnFormatException e) {
            count(Counter.REJECTED_LENGTH, 1);
            return;
        }
        if (frame instanceof HostFrame.Echo echo) {
            count(Counter.ECHOES, 1);
            emit(new MoteFrame.EchoReply(state.moteId(), state.asn(), echo.data()));
        } else if (frame instanceof HostFrame.SetRoot s) {
            setRoot(s);
        } else if (frame instanceof HostFrame.DataDown d) {
            if (!state.isRoot()) {
                count(Counter.DATA_DOWN_REFUSED, 1);
                return;
            }
            count(Counter.DATA_DOWN, 1);
            listener.dataDown(d.nextHop(), d.lowpan());
        } else if (frame instanceof HostFrame.Reset) {
            count(Counter.RESETS, 1);
            reboot();
        } else {
            count(Counter.UNKNOWN_TYPE, 1);
        }
    }

    private void setRoot(HostFrame.SetRoot s) {
        count(Counter.SET_ROOTS, 1);
        boolean wasRoot = state.isRoot();
        state.setRoot(s);
        listener.rootCommand(new Listener.RootCommand(s.action(), wasRoot, state.isRoot(), s.prefix(), s.keyIndex(),
                s.key()));
    }

    private void reboot() {
        boolean wasRoot = state.isRoot();
        state.reboot();
        listener.rebooted(wasRoot);
    }

    private void emit(MoteFrame frame) {
        output.write(XonXoffEscaper.escape(HdlcEncoder.encode(MoteFrameCodec.encode(frame))));
    }

    /** The key index last installed by SETROOT, or -1 if none since boot. */
    public int keyIndex() {
        return state.keyIndex();
    }

    /** Configures a {@link BorderRouterMote}; every setting but the EUI-64 has a firmware-like default. */
    public static final class Builder {
        private final long eui64;
        private int panId = DEFAULT_PAN_ID;
        private FirmwareDialect dialect = FirmwareDialect.DEVELOP;
        private Listener listener = Listener.NONE;
        private ByteSink output = ByteSink.DISCARD;
        private LongSupplier asn = () -> 0;
        private long startMicros;

        private Builder(long eui64) {
            this.eui64 = eui64;
        }

        /** The PAN ID as a number (0xCAFE); it goes on the wire in the firmware's byte order. */
        public Builder panId(int value) {
            if (value < 0 || value > 0xFFFF) {
                throw new IllegalArgumentException("PAN ID " + value + " outside 0..0xFFFF");
            }
            panId = value;
            return this;
        }

        public Builder dialect(FirmwareDialect value) {
            dialect = Objects.requireNonNull(value, "dialect");
            return this;
        }

        public Builder listener(Listener value) {
            listener = Objects.requireNonNull(value, "listener");
            return this;
        }

        public Builder output(ByteSink value) {
            output = Objects.requireNonNull(value, "output");
            return this;
        }

        /** Where the ASN in echo replies, data and status frames comes from: the root MAC, or a clock / slot. */
        public Builder asn(LongSupplier value) {
            asn = Objects.requireNonNull(value, "asn");
            return this;
        }

        /** The caller's time at boot; the first status element is due one period later. */
        public Builder startMicros(long value) {
            startMicros = value;
            return this;
        }

        public BorderRouterMote build() {
            return new BorderRouterMote(this);
        }
    }
}
