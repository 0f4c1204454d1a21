package io.sixjoin.cli;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * Parses the {@code HOST:PORT} forms users type for sockets: {@code 127.0.0.1:5683}, {@code [::1]:5683},
 * {@code [::]:5683}, {@code localhost:5684}, or {@code :5683} for every address. Errors name the input and the
 * expected form. Host names are resolved here, once, so a typo fails at start and not at the first packet.
 */
final class HostPort {
    private HostPort() {
    }

    static InetSocketAddress parse(String option, String text) {
        String t = text == null ? "" : text.trim();
        int colon = t.lastIndexOf(':');
        if (colon < 0) {
            throw bad(option, text, "missing ':PORT'");
        }
        String host = t.substring(0, colon);
        String portText = t.substring(colon + 1);
        if (host.startsWith("[")) {
            if (!host.endsWith("]")) {
                throw bad(option, text, "an IPv6 address goes in brackets, e.g. [::1]:5683");
            }
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            throw bad(option, text, "put an IPv6 address in brackets, e.g. [" + host + "]:" + portText);
        }
        int port;
        try {
            port = Integer.parseInt(portText);
        } catch (NumberFormatException e) {
            throw bad(option, text, "port '" + portText + "' is not a number");
        }
        if (port < 0 || port > 65535) {
            throw bad(option, text, "port " + port + " is outside 0-65535");
        }
        if (host.isEmpty()) {
            return new InetSocketAddress(port);
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw bad(option, text, "unknown host '" + host + "'");
        }
    }

    static String format(InetSocketAddress a) {
        String h = a.getAddress().getHostAddress();
        return (h.contains(":") ? "[" + h + "]" : h) + ":" + a.getPort();
    }

    private static BadInputException bad(String option, String text, String why) {
        return new BadInputException(option + " '" + text + "': " + why + " (expected HOST:PORT, e.g. [::]:5683)");
    }
}
