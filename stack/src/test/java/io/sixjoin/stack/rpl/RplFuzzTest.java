package io.sixjoin.stack.rpl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.Inet6Address;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.sixjoin.stack.rpl.RplOption.DodagConfiguration;
import io.sixjoin.stack.rpl.RplOption.PadN;
import io.sixjoin.stack.rpl.RplOption.PrefixInformation;
import io.sixjoin.stack.rpl.RplOption.Target;
import io.sixjoin.stack.rpl.RplOption.Transit;
import io.sixjoin.stack.rpl.RplOption.Unknown;

/**
 * Seeded fuzzing of the DAO, DAO-ACK and DIO body parsers with random bytes, valid generated messages and
 * mutations: only a value or an {@link RplFormatException}; every value re-encodes and re-parses equal.
 * Case count from {@code sixjoin.fuzz.cases} (default 100000).
 */
class RplFuzzTest {
    private static final long SEED = 0x6550_0155L;

    @Test
    @Timeout(60)
    void parsersYieldValuesOrFormatErrors() {
        int cases = Integer.getInteger("sixjoin.fuzz.cases", 100000);
        Random r = new Random(SEED);
        int parsed = 0;
        for (int i = 0; i < cases; i++) {
            int kind = r.nextInt(3);
            byte[] input = switch (r.nextInt(4)) {
                case 0 -> bytes(r, r.nextInt(64));
                case 1 -> valid(r, kind);
                default -> mutate(r, valid(r, kind));
            };
            try {
                Icmpv6Message m = switch (kind) {
                    case 0 -> Dao.parse(input).toIcmpv6();
                    case 1 -> Dio.parse(input).toIcmpv6();
                    default -> DaoAck.parse(new Icmpv6Message(155, DaoAck.CODE, input)).toIcmpv6();
                };
                parsed++;
                Icmpv6Message again = switch (kind) {
                    case 0 -> Dao.parse(m).toIcmpv6();
                    case 1 -> Dio.parse(m).toIcmpv6();
                    default -> DaoAck.parse(m).toIcmpv6();
                };
                assertEquals(m, again, "round trip");
            } catch (RplFormatException expected) {
                // the one permitted failure
            } catch (RuntimeException | Error e) {
                fail("seed " + SEED + " case " + i + " kind " + kind + " " + HexFormat.of().formatHex(input), e);
            }
        }
        assertTrue(parsed > cases / 3, "parsed " + parsed);
    }

    static byte[] valid(Random r, int kind) {
        List<RplOption> options = options(r);
        Optional<Inet6Address> dodag = r.nextBoolean() ? Optional.of(address(r)) : Optional.empty();
        return switch (kind) {
            case 0 -> new Dao(r.nextInt(256), r.nextBoolean(), r.nextInt(256), dodag, options).toIcmpv6().body();
            case 1 -> new Dio(r.nextInt(256), r.nextInt(256), r.nextInt(65536), r.nextBoolean(), r.nextInt(8),
                    r.nextInt(8), r.nextInt(256), r.nextInt(256), address(r), options).toIcmpv6().body();
            default -> new DaoAck(r.nextInt(256), r.nextInt(256), r.nextInt(256), dodag, options).toIcmpv6().body();
        };
    }

    static List<RplOption> options(Random r) {
        List<RplOption> options = new ArrayList<>();
        for (int i = r.nextInt(5); i > 0; i--) {
            options.add(switch (r.nextInt(7)) {
                case 0 -> new RplOption.Pad1();
                case 1 -> new PadN(r.nextInt(6));
                case 2 -> new Target(r.nextInt(256), 128, address(r).getAddress());
                case 3 -> new Transit(r.nextBoolean(), r.nextInt(256), r.nextInt(256), r.nextInt(256),
                        r.nextBoolean() ? Optional.of(address(r)) : Optional.empty());
                case 4 -> new DodagConfiguration(r.nextInt(256), r.nextInt(256), r.nextInt(256), r.nextInt(256),
                        r.nextInt(65536), r.nextInt(65536), r.nextInt(65536), r.nextInt(256), r.nextInt(65536));
                case 5 -> new PrefixInformation(r.nextInt(129), r.nextInt(256), r.nextInt() & 0xFFFFFFFFL,
                        r.nextInt() & 0xFFFFFFFFL, address(r));
                default -> new Unknown(new int[] {2, 3, 7, 9, 200}[r.nextInt(5)], bytes(r, r.nextInt(20)));
            });
        }
        return options;
    }

    static Inet6Address address(Random r) {
        return RplOptions.address(bytes(r, 16), 0);
    }

    static byte[] bytes(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }

    static byte[] mutate(Random r, byte[] in) {
        byte[] out = in.clone();
        switch (r.nextInt(3)) {
            case 0 -> {
                if (out.length > 0) {
                    out[r.nextInt(out.length)] = (byte) r.nextInt(256);
                }
            }
            case 1 -> out = Arrays.copyOf(out, r.nextInt(out.length + 1));
            default -> {
                out = Arrays.copyOf(out, out.length + 1 + r.nextInt(6));
                for (int i = in.length; i < out.length; i++) {
                    out[i] = (byte) r.nextInt(256);
                }
            }
        }
        return out;
    }
}
