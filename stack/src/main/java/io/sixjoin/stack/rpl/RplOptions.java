package io.sixjoin.stack.rpl;

import static io.sixjoin.stack.rpl.RplFormatException.require;

import java.net.Inet6Address;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import io.sixjoin.stack.rpl.RplFormatException.Reason;
import io.sixjoin.stack.rpl.RplOption.DodagConfiguration;
import io.sixjoin.stack.rpl.RplOption.Pad1;
import io.sixjoin.stack.rpl.RplOption.PadN;
import io.sixjoin.stack.rpl.RplOption.PrefixInformation;
import io.sixjoin.stack.rpl.RplOption.Target;
import io.sixjoin.stack.rpl.RplOption.Transit;
import io.sixjoin.stack.rpl.RplOption.Unknown;

/**
 * Parses and emits the RFC 6550 §6.7.1 option area: {@code type(1) length(1) value(length)} repeated,
 * except Pad1, a single zero byte. Every option's length is checked against its type before its value is
 * read, so a hostile length can neither overrun nor be silently reinterpreted.
 *
 * <pre>{@code
 * List<RplOption> options = RplOptions.parse(body, 20, body.length);
 * byte[] area = RplOptions.encode(options);
 * }</pre>
 */
public final class RplOptions {
    private RplOptions() {
    }

    static boolean isModelled(int type) {
        return type == RplOption.PAD1 || type == RplOption.PADN || type == RplOption.DODAG_CONFIGURATION
                || type == RplOption.TARGET || type == RplOption.TRANSIT || type == RplOption.PREFIX_INFORMATION;
    }

    /**
     * The options in {@code bytes[from, to)}.
     *
     * @throws RplFormatException if an option is truncated or its length does not suit its type
     */
    public static List<RplOption> parse(byte[] bytes, int from, int to) throws RplFormatException {
        List<RplOption> options = new ArrayList<>();
        int pos = from;
        while (pos < to) {
            int type = bytes[pos] & 0xFF;
            if (type == RplOption.PAD1) {
                options.add(new Pad1());
                pos++;
                continue;
            }
            require(to - pos >= 2, Reason.TRUNCATED, "option " + type + " at " + pos + " has no length");
            int length = bytes[pos + 1] & 0xFF;
            int v = pos + 2;
            require(to - v >= length, Reason.TRUNCATED,
                    "option " + type + " declares " + length + " bytes, " + (to - v) + " remain");
            options.add(option(type, length, bytes, v));
            pos = v + length;
        }
        return options;
    }

    private static RplOption option(int type, int length, byte[] b, int v) throws RplFormatException {
        switch (type) {
            case RplOption.PADN -> {
                require(length <= 5, Reason.BAD_OPTION, "PadN of " + length + " bytes (at most 5)");
                return new PadN(length);
            }
            case RplOption.TARGET -> {
                require(length >= 2 && length <= 18, Reason.BAD_OPTION, "Target of " + length + " bytes");
                int prefixLength = b[v + 1] & 0xFF;
                require(prefixLength <= 128 && (length - 2) * 8 >= prefixLength, Reason.BAD_OPTION,
                        "Target /" + prefixLength + " in " + (length - 2) + " bytes");
                return new Target(b[v] & 0xFF, prefixLength, Arrays.copyOfRange(b, v + 2, v + length));
            }
            case RplOption.TRANSIT -> {
                require(length == 4 || length == 20, Reason.BAD_OPTION, "Transit of " + length + " bytes");
                Optional<Inet6Address> parent = length == 20 ? Optional.of(address(b, v + 4)) : Optional.empty();
                return new Transit((b[v] & 0x80) != 0, b[v + 1] & 0xFF, b[v + 2] & 0xFF, b[v + 3] & 0xFF,
                        parent);
            }
            case RplOption.DODAG_CONFIGURATION -> {
                require(length == 14, Reason.BAD_OPTION, "DODAG Configuration of " + length + " bytes");
                return new DodagConfiguration(b[v] & 0xFF, b[v + 1] & 0xFF, b[v + 2] & 0xFF, b[v + 3] & 0xFF,
                        u16(b, v + 4), u16(b, v + 6), u16(b, v + 8), b[v + 11] & 0xFF, u16(b, v + 12));
            }
            case RplOption.PREFIX_INFORMATION -> {
                require(length == 30, Reason.BAD_OPTION, "Prefix Information of " + length + " bytes");
                int prefixLength = b[v] & 0xFF;
                require(prefixLength <= 128, Reason.BAD_OPTION, "prefix length " + prefixLength);
                return new PrefixInformation(prefixLength, b[v + 1] & 0xFF, u32(b, v + 2), u32(b, v + 6),
                        address(b, v + 14));
            }
            default -> {
                return new Unknown(type, Arrays.copyOfRange(b, v, v + length));
            }
        }
    }

    /** Bytes {@link #emitTo} writes for {@code options}. */
    public static int encodedLength(List<RplOption> options) {
        int n = 0;
        for (RplOption o : options) {
            n += o instanceof Pad1 ? 1 : 2 + o.valueLength();
        }
        return n;
    }

    /** The option area as a fresh array. */
    public static byte[] encode(List<RplOption> options) {
        byte[] out = new byte[encodedLength(options)];
        emitTo(options, out, 0);
        return out;
    }

    /** Writes exactly {@link #encodedLength} bytes at {@code offset}; reserved fields are written as zero. */
    public static void emitTo(List<RplOption> options, byte[] b, int offset) {
        int p = offset;
        for (RplOption o : options) {
            b[p++] = (byte) o.type();
            if (o instanceof Pad1) {
                continue;
            }
            b[p++] = (byte) o.valueLength();
            if (o instanceof PadN n) {
                Arrays.fill(b, p, p + n.zeros(), (byte) 0);
            } else if (o instanceof Target t) {
                b[p] = (byte) t.flags();
                b[p + 1] = (byte) t.prefixLength();
                System.arraycopy(t.prefix(), 0, b, p + 2, t.prefix().length);
            } else if (o instanceof Transit t) {
                b[p] = (byte) (t.external() ? 0x80 : 0);
                b[p + 1] = (byte) t.pathControl();
                b[p + 2] = (byte) t.pathSequence();
                b[p + 3] = (byte) t.pathLifetime();
                final int at = p + 4;
                t.parent().ifPresent(a -> System.arraycopy(a.getAddress(), 0, b, at, 16));
            } else if (o instanceof DodagConfiguration c) {
                b[p] = (byte) c.flagsAndPcs();
                b[p + 1] = (byte) c.intervalDoublings();
                b[p + 2] = (byte) c.intervalMin();
                b[p + 3] = (byte) c.redundancy();
                put16(b, p + 4, c.maxRankIncrease());
                put16(b, p + 6, c.minHopRankIncrease());
                put16(b, p + 8, c.objectiveCode());
                b[p + 10] = 0;
                b[p + 11] = (byte) c.defaultLifetime();
                put16(b, p + 12, c.lifetimeUnit());
            } else if (o instanceof PrefixInformation i) {
                b[p] = (byte) i.prefixLength();
                b[p + 1] = (byte) i.flags();
                put32(b, p + 2, i.validLifetime());
                put32(b, p + 6, i.preferredLifetime());
                put32(b, p + 10, 0);
                System.arraycopy(i.prefix().getAddress(), 0, b, p + 14, 16);
            } else if (o instanceof Unknown u) {
                System.arraycopy(u.value(), 0, b, p, u.valueLength());
            }
            p += o.valueLength();
        }
    }

    static Inet6Address address(byte[] b, int offset) {
        try {
            return Inet6Address.getByAddress(null, Arrays.copyOfRange(b, offset, offset + 16), -1);
        } catch (UnknownHostException e) {
            throw new AssertionError("16 bytes are always an IPv6 address", e);
        }
    }

    static int u16(byte[] b, int o) {
        return ((b[o] & 0xFF) << 8) | (b[o + 1] & 0xFF);
    }

    static long u32(byte[] b, int o) {
        return ((long) u16(b, o) << 16) | u16(b, o + 2);
    }

    static void put16(byte[] b, int o, int v) {
        b[o] = (byte) (v >>> 8);
        b[o + 1] = (byte) v;
    }

    static void put32(byte[] b, int o, long v) {
        put16(b, o, (int) (v >>> 16));
        put16(b, o + 2, (int) v);
    }
}
