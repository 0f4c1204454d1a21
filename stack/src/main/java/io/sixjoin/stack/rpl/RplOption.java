package io.sixjoin.stack.rpl;

import java.net.Inet6Address;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * One RFC 6550 §6.7 control-message option. The registry stays open: a type this code does not model is
 * kept as {@link Unknown} with its raw bytes, so it re-encodes unchanged. {@link RplOptions} parses and
 * emits sequences of them.
 *
 * <pre>{@code
 * RplOption t = RplOption.Target.of(childAddress);
 * RplOption p = new RplOption.Transit(false, 0, pathSequence, 0xFF, Optional.of(parentAddress));
 * }</pre>
 */
public sealed interface RplOption {
    int PAD1 = 0x00;
    int PADN = 0x01;
    int DODAG_CONFIGURATION = 0x04;
    int TARGET = 0x05;
    int TRANSIT = 0x06;
    int PREFIX_INFORMATION = 0x08;

    /** The option type. */
    int type();

    /** Bytes of value after type and length (Pad1 has neither length nor value). */
    int valueLength();

    /** RFC 6550 §6.7.2: one byte of padding. */
    record Pad1() implements RplOption {
        @Override
        public int type() {
            return PAD1;
        }

        @Override
        public int valueLength() {
            return 0;
        }
    }

    /** RFC 6550 §6.7.3: {@code zeros} (0..5) bytes of padding after type and length. */
    record PadN(int zeros) implements RplOption {
        public PadN {
            if (zeros < 0 || zeros > 5) {
                throw new IllegalArgumentException("PadN carries 0..5 bytes, not " + zeros);
            }
        }

        @Override
        public int type() {
            return PADN;
        }

        @Override
        public int valueLength() {
            return zeros;
        }
    }

    /**
     * RFC 6550 §6.7.7 RPL Target: a prefix (usually a /128 address) reachable through the DAO's transits.
     *
     * @param flags        reserved flags byte, kept as received
     * @param prefixLength in bits, 0..128
     * @param prefix       the prefix bytes as carried ({@code ceil(prefixLength/8)} or more); copied
     */
    record Target(int flags, int prefixLength, byte[] prefix) implements RplOption {
        public Target {
            if (flags < 0 || flags > 0xFF || prefixLength < 0 || prefixLength > 128 || prefix.length > 16
                    || prefix.length * 8 < prefixLength) {
                throw new IllegalArgumentException("target /" + prefixLength + " in " + prefix.length + " bytes");
            }
            prefix = prefix.clone();
        }

        /** A /128 target. */
        public static Target of(Inet6Address address) {
            return new Target(0, 128, address.getAddress());
        }

        @Override
        public byte[] prefix() {
            return prefix.clone();
        }

        /** The target as an address when it is a /128. */
        public Optional<Inet6Address> address() {
            if (prefixLength != 128) {
                return Optional.empty();
            }
            return Optional.of(RplOptions.address(prefix, 0));
        }

        @Override
        public int type() {
            return TARGET;
        }

        @Override
        public int valueLength() {
            return 2 + prefix.length;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Target t && flags == t.flags && prefixLength == t.prefixLength
                    && Arrays.equals(prefix, t.prefix);
        }

        @Override
        public int hashCode() {
            return (flags * 31 + prefixLength) * 31 + Arrays.hashCode(prefix);
        }

        @Override
        public String toString() {
            return "Target[" + HexFormat.of().formatHex(prefix) + "/" + prefixLength + "]";
        }
    }

    /**
     * RFC 6550 §6.7.8 Transit Information; in non-storing mode it names a DAO parent.
     *
     * @param external     E flag
     * @param pathControl  Path Control bits
     * @param pathSequence Path Sequence
     * @param pathLifetime in Lifetime Units; 0 = No-Path, 0xFF = infinite
     * @param parent       Parent Address (present in non-storing mode)
     */
    record Transit(boolean external, int pathControl, int pathSequence, int pathLifetime,
            Optional<Inet6Address> parent) implements RplOption {
        public Transit {
            if ((pathControl | pathSequence | pathLifetime) >>> 8 != 0 || pathControl < 0 || pathSequence < 0
                    || pathLifetime < 0) {
                throw new IllegalArgumentException("transit fields are bytes");
            }
            Objects.requireNonNull(parent, "parent");
        }

        @Override
        public int type() {
            return TRANSIT;
        }

        @Override
        public int valueLength() {
            return parent.isPresent() ? 20 : 4;
        }
    }

    /**
     * RFC 6550 §6.7.6 DODAG Configuration (14 bytes of value).
     *
     * @param flagsAndPcs       the byte with the 4 reserved flags, A (0x08) and PCS (low 3 bits)
     * @param intervalDoublings DIOIntervalDoublings
     * @param intervalMin       DIOIntervalMin
     * @param redundancy        DIORedundancyConstant
     * @param maxRankIncrease   MaxRankIncrease
     * @param minHopRankIncrease MinHopRankIncrease
     * @param objectiveCode     OCP
     * @param defaultLifetime   Default Lifetime, in Lifetime Units
     * @param lifetimeUnit      Lifetime Unit, seconds
     */
    record DodagConfiguration(int flagsAndPcs, int intervalDoublings, int intervalMin, int redundancy,
            int maxRankIncrease, int minHopRankIncrease, int objectiveCode, int defaultLifetime,
            int lifetimeUnit) implements RplOption {
        public DodagConfiguration {
            if ((flagsAndPcs | intervalDoublings | intervalMin | redundancy | defaultLifetime) >>> 8 != 0
                    || (maxRankIncrease | minHopRankIncrease | objectiveCode | lifetimeUnit) >>> 16 != 0) {
                throw new IllegalArgumentException("DODAG configuration field out of range");
            }
        }

        @Override
        public int type() {
            return DODAG_CONFIGURATION;
        }

        @Override
        public int valueLength() {
            return 14;
        }
    }

    /**
     * RFC 6550 §6.7.10 Prefix Information (30 bytes of value).
     *
     * @param prefixLength      bits
     * @param flags             L (0x80), A (0x40), R (0x20) and reserved bits
     * @param validLifetime     seconds, unsigned 32-bit
     * @param preferredLifetime seconds, unsigned 32-bit
     * @param prefix            the prefix (or, with R, the router's address)
     */
    record PrefixInformation(int prefixLength, int flags, long validLifetime, long preferredLifetime,
            Inet6Address prefix) implements RplOption {
        public PrefixInformation {
            if (prefixLength < 0 || prefixLength > 128 || flags < 0 || flags > 0xFF
                    || (validLifetime >>> 32) != 0 || (preferredLifetime >>> 32) != 0) {
                throw new IllegalArgumentException("prefix information field out of range");
            }
            Objects.requireNonNull(prefix, "prefix");
        }

        @Override
        public int type() {
            return PREFIX_INFORMATION;
        }

        @Override
        public int valueLength() {
            return 30;
        }
    }

    /** Any other type (metric container, route information, ...), kept raw. */
    record Unknown(int type, byte[] value) implements RplOption {
        public Unknown {
            if (type < 0 || type > 0xFF || value.length > 0xFF || RplOptions.isModelled(type)) {
                throw new IllegalArgumentException("unknown option type " + type + " / " + value.length);
            }
            value = value.clone();
        }

        @Override
        public byte[] value() {
            return value.clone();
        }

        @Override
        public int valueLength() {
            return value.length;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Unknown u && type == u.type && Arrays.equals(value, u.value);
        }

        @Override
        public int hashCode() {
            return type * 31 + Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return "Unknown[" + type + ", " + HexFormat.of().formatHex(value) + "]";
        }
    }
}
