package io.sixjoin.bridge.serial;

import java.net.InetSocketAddress;
import java.util.Locale;

/**
 * Turns what a user typed after {@code --serial} into a {@link LinkOpener}: {@code tcp://HOST:PORT} (IPv6 hosts
 * in brackets) for a serial line carried over TCP, anything else a local device path ({@code /dev/ttyUSB0},
 * {@code /dev/pts/3}, a socat symlink, {@code COM3}). Parsing checks the form only; host names are resolved
 * and devices opened when the link is opened, so a mote that is plugged in later is still found. Errors are
 * {@link IllegalArgumentException}s whose message names the input and the expected form.
 */
public final class SerialLinks {
    /** OpenMote, OpenMote-B, nRF52840 and SAMR21 boards run 115200 8N1 (iot-lab_M3 runs 500000). */
    public static final int DEFAULT_BAUD = 115200;

    private SerialLinks() {
    }

    /** Parses {@code spec}; {@code baud} applies to local devices only (a TCP line has no baud rate). */
    public static LinkOpener opener(String spec, int baud) {
        String s = spec == null ? "" : spec.trim();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("--serial: missing port (expected a device such as /dev/ttyUSB0"
                    + " or tcp://HOST:PORT)");
        }
        if (baud < 50 || baud > 4_000_000) {
            throw new IllegalArgumentException("--baud " + baud + ": expected a rate such as 115200 (OpenMote) or"
                    + " 500000 (iot-lab_M3)");
        }
        String lower = s.toLowerCase(Locale.ROOT);
        if (lower.startsWith("tcp://")) {
            return tcp(s, s.substring("tcp://".length()));
        }
        if (lower.contains("://")) {
            throw new IllegalArgumentException("--serial '" + s + "': unknown scheme; expected a device path or"
                    + " tcp://HOST:PORT");
        }
        return new LinkOpener() {
            @Override
            public SerialLink open() throws LinkFailedException {
                return JSerialCommLink.open(s, baud);
            }

            @Override
            public String describe() {
                return s + " @ " + baud;
            }
        };
    }

    private static LinkOpener tcp(String spec, String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0) {
            throw bad(spec, "missing host or ':PORT'");
        }
        String host = hostPort.substring(0, colon);
        String portText = hostPort.substring(colon + 1);
        if (host.startsWith("[")) {
            if (!host.endsWith("]") || host.length() < 3) {
                throw bad(spec, "an IPv6 address goes in brackets, e.g. tcp://[::1]:20000");
            }
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            throw bad(spec, "put an IPv6 address in brackets, e.g. tcp://[" + host + "]:" + portText);
        }
        int port;
        try {
            port = Integer.parseInt(portText);
        } catch (NumberFormatException e) {
            throw bad(spec, "port '" + portText + "' is not a number");
        }
        if (port < 1 || port > 65535) {
            throw bad(spec, "port " + port + " is outside 1-65535");
        }
        String h = host;
        return new LinkOpener() {
            @Override
            public SerialLink open() throws LinkFailedException {
                // Resolved on every attempt: an IoT-LAB node name may only resolve once the experiment runs.
                InetSocketAddress address = new InetSocketAddress(h, port);
                if (address.isUnresolved()) {
                    throw new LinkFailedException(spec + ": unknown host '" + h + "'");
                }
                return TcpSerialLink.connect(address, spec);
            }

            @Override
            public String describe() {
                return spec;
            }
        };
    }

    private static IllegalArgumentException bad(String spec, String why) {
        return new IllegalArgumentException("--serial '" + spec + "': " + why
                + " (expected tcp://HOST:PORT, e.g. tcp://localhost:20000)");
    }
}
