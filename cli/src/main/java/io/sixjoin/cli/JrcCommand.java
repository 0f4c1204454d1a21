package io.sixjoin.cli;

import io.sixjoin.jrc.JrcConfig;
import io.sixjoin.jrc.JrcServer;
import io.sixjoin.jrc.coap.RateLimiter;
import io.sixjoin.jrc.join.JrcProfile;
import io.sixjoin.jrc.store.StoreLocation;
import java.io.IOException;
import java.net.BindException;
import java.net.DatagramSocket;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sixjoin jrc}: runs the Join Registrar/Coordinator until interrupted. Settings come from options, or from
 * a {@code --config} properties file whose keys are the long option names (an option given on the command line
 * wins over the file). Prints one line when it is up and one per join; secrets never.
 */
@Command(name = "jrc", sortOptions = false,
        description = {"Run the RFC 9031 Join Registrar/Coordinator (CoJP over OSCORE) until Ctrl-C.",
            "Pledges are provisioned with 'sixjoin pledges'; the JRC sees new ones without a restart."},
        footer = {"", "Examples:",
            "  sixjoin jrc                                   # [::]:5683, ./sixjoin-data, network cafe",
            "  sixjoin jrc --listen 127.0.0.1:5683 --network-id beef --lease-hours 24",
            "  sixjoin jrc --profile openwsn --tunnel [::]:5684    # for OpenWSN motes behind 'sixjoin bridge'",
            "", "Stops cleanly on Ctrl-C or SIGTERM (the store is closed first).",
            "Exit codes: 1 could not start, 2 bad option or config; when stopped by a signal, the usual 130/143."})
public final class JrcCommand extends StoreCommand {
    @Option(names = "--listen", paramLabel = "HOST:PORT",
            description = "UDP address to serve CoAP on; repeat for several (default: [::]:5683).")
    List<String> listen = new ArrayList<>();

    @Option(names = "--tunnel", paramLabel = "HOST:PORT",
            description = "UDP address where radio bridges send mesh IPv6 packets (one per datagram).")
    String tunnel;

    @Option(names = "--network-id", paramLabel = "HEX",
            description = "Network identifier pledges must send (default: the stored one, or cafe).")
    String networkId;

    @Option(names = "--profile", paramLabel = "rfc9031|openwsn",
            description = "rfc9031 (default) or openwsn: admit unmodified OpenWSN cjoin motes.")
    String profile;

    @Option(names = "--lease-hours", paramLabel = "N", description = "Short-address lease sent to joiners (default: none).")
    Long leaseHours;

    @Option(names = "--jrc-address", paramLabel = "IPV6",
            description = "The JRC's IPv6 address in the mesh, sent to joiners (label 4); with --tunnel the default "
                    + "is bbbb::1, where bridges send by default.")
    String jrcAddress;

    @Option(names = "--join-rate", paramLabel = "BYTES_PER_S", description = "Join rate sent to joiners (default: none).")
    Long joinRate;

    @Option(names = "--rate-per-source", paramLabel = "REQ_PER_S",
            description = "Join requests per second accepted from one address (default: 20; 0 = no limit).")
    Double ratePerSource;

    @Option(names = "--rate-global", paramLabel = "REQ_PER_S",
            description = "Join requests per second accepted in all (default: 5000; 0 = no limit).")
    Double rateGlobal;

    @Option(names = "--insecure-openwsn-default-psk",
            description = "INSECURE: admit any unprovisioned pledge with OpenWSN's published PSK (openwsn profile).")
    Boolean insecureDefaultPsk;

    @Option(names = "--config", paramLabel = "FILE", description = "Read settings from a properties file.")
    java.nio.file.Path configFile;

    @Override
    int execute() throws Exception {
        SettingsFile file = configFile == null ? SettingsFile.EMPTY : SettingsFile.read(configFile, SettingsFile.JRC_KEYS);
        JrcConfig config = config(file);
        Optional<String> busy = firstUnavailableAddress(config);
        if (busy.isPresent()) {
            return fail(FAILURE, busy.get());
        }
        JrcServer server;
        try {
            server = JrcServer.start(config, Clock.systemUTC(), new SecureRandom(), new ConsoleJoinLog(out()),
                    TunnelFactory.create(config));
        } catch (RuntimeException e) {
            return fail(FAILURE, startFailure(config, e));
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "sixjoin-jrc-shutdown"));
        out().println("sixjoin jrc: listening on " + server.boundAddresses().stream().map(HostPort::format)
                .collect(Collectors.joining(", ")) + " (udp); network " + server.settings().networkIdHex()
                + "; profile " + config.profile().name().toLowerCase(java.util.Locale.ROOT) + "; "
                + server.store().pledges().count() + " pledges provisioned; store " + config.store().describe());
        if (config.insecureDefaultPsk()) {
            out().println("sixjoin jrc: WARNING: --insecure-openwsn-default-psk admits anyone who knows OpenWSN's"
                    + " published key");
        }
        out().flush();
        stopped.await();
        return OK;
    }

    private JrcConfig config(SettingsFile file) {
        List<String> listenTexts = !listen.isEmpty() ? listen : file.list("listen").orElse(List.of("[::]:5683"));
        List<InetSocketAddress> addresses = listenTexts.stream().map(t -> HostPort.parse("--listen", t)).toList();
        Optional<InetSocketAddress> tunnelAddress = Optional.ofNullable(tunnel).or(() -> file.string("tunnel"))
                .map(t -> HostPort.parse("--tunnel", t));
        if (store.dataDirectory == null && store.jdbcUrl == null) {
            store.dataDirectory = file.string("data").map(java.nio.file.Path::of).orElse(null);
            store.jdbcUrl = file.string("db").orElse(null);
        }
        StoreLocation location = store.location();
        Optional<String> network = Optional.ofNullable(networkId).or(() -> file.string("network-id"));
        network.ifPresent(JrcCommand::checkHex);
        JrcProfile chosen = parseProfile(Optional.ofNullable(profile).or(() -> file.string("profile")).orElse("rfc9031"));
        boolean insecure = Optional.ofNullable(insecureDefaultPsk).orElse(file.bool("insecure-openwsn-default-psk").orElse(false));
        OptionalLong lease = optionalLong(leaseHours, file, "lease-hours");
        OptionalLong rate = optionalLong(joinRate, file, "join-rate");
        Optional<Inet6Address> jrc = Optional.ofNullable(jrcAddress).or(() -> file.string("jrc-address"))
                .map(JrcCommand::parseIpv6);
        if (jrc.isEmpty() && (tunnel != null || file.string("tunnel").isPresent())) {
            // behind bridges the JRC has a mesh address whether or not it is told: the one bridges send to by default.
            // Without it, a pledge that joined one hop from the 6LBR is known only by its link-local address, which
            // Parameter Updates cannot reach from outside that link.
            jrc = Optional.of(io.sixjoin.bridge.BridgeConfig.defaultJrcAddress(io.sixjoin.bridge.BridgeConfig.DEFAULT_PREFIX));
        }
        RateLimiter.Limits d = RateLimiter.Limits.DEFAULT;
        double perSource = Optional.ofNullable(ratePerSource).orElse(file.number("rate-per-source")
                .orElse(d.perSourcePerSecond()));
        double global = Optional.ofNullable(rateGlobal).orElse(file.number("rate-global").orElse(d.globalPerSecond()));
        RateLimiter.Limits limits = new RateLimiter.Limits(perSource, Math.max(1, perSource * 2), global,
                Math.max(1, global * 2), d.maxSources());
        try {
            return new JrcConfig(addresses, tunnelAddress, location, network, chosen, insecure, lease, jrc, rate,
                    limits);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
    }

    private static OptionalLong optionalLong(Long value, SettingsFile file, String key) {
        if (value != null) {
            if (value < 0) {
                throw new BadInputException("--" + key + " must not be negative, got " + value);
            }
            return OptionalLong.of(value);
        }
        return file.number(key).map(n -> OptionalLong.of(n.longValue())).orElse(OptionalLong.empty());
    }

    private static void checkHex(String hex) {
        try {
            if (hex.isEmpty() || hex.length() > 32) {
                throw new IllegalArgumentException();
            }
            HexFormat.of().parseHex(hex);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--network-id '" + hex + "': expected 1 to 16 bytes of hex, e.g. cafe");
        }
    }

    private static JrcProfile parseProfile(String p) {
        return switch (p.toLowerCase(java.util.Locale.ROOT)) {
            case "rfc9031" -> JrcProfile.RFC9031;
            case "openwsn" -> JrcProfile.OPENWSN;
            default -> throw new BadInputException("--profile '" + p + "': expected rfc9031 or openwsn");
        };
    }

    private static Inet6Address parseIpv6(String text) {
        try {
            if (text.contains(":") && InetAddress.getByName(text) instanceof Inet6Address a) {
                return a;
            }
        } catch (UnknownHostException e) {
            // fall through to the message below
        }
        throw new BadInputException("--jrc-address '" + text + "': expected an IPv6 address, e.g. 2001:db8::1");
    }

    /**
     * Binds every UDP address the JRC is to serve, releasing each at once, before anything else happens. Californium
     * would only log a failed bind (with a stack trace on stderr), carry on with the other endpoints or report "None of
     * the server endpoints could be started" — and by then the store is created. Checking first gives one line that
     * names the address and leaves no data directory behind. Another process can still take a port in between;
     * {@link #startFailure} covers that rare case.
     */
    private static Optional<String> firstUnavailableAddress(JrcConfig config) {
        List<Map.Entry<String, InetSocketAddress>> wanted = new ArrayList<>();
        config.listen().forEach(a -> wanted.add(Map.entry("--listen", a)));
        config.tunnel().ifPresent(a -> wanted.add(Map.entry("--tunnel", a)));
        for (Map.Entry<String, InetSocketAddress> w : wanted) {
            InetSocketAddress address = w.getValue();
            if (address.getPort() == 0) {
                continue; // the system picks a free port
            }
            try {
                new DatagramSocket(address).close(); // bindable; released at once for the server to bind
            } catch (SocketException e) {
                String why = String.valueOf(e.getMessage()).contains("already in use")
                        ? "address already in use (is another JRC running? choose another with " + w.getKey()
                                + " HOST:PORT)"
                        : e.getMessage() + " (choose another with " + w.getKey() + " HOST:PORT)";
                return Optional.of("cannot listen on " + HostPort.format(address) + " (udp, " + w.getKey() + "): "
                        + why);
            }
        }
        return Optional.empty();
    }

    private static String startFailure(JrcConfig config, RuntimeException e) {
        Throwable cause = e;
        while (cause.getCause() != null && !(cause instanceof BindException)) {
            cause = cause.getCause();
        }
        if (cause instanceof BindException || String.valueOf(e.getMessage()).contains("Address already in use")) {
            return "cannot listen on " + config.listen().stream().map(HostPort::format)
                    .collect(Collectors.joining(", ")) + ": address already in use (is another JRC running?"
                    + " choose another with --listen HOST:PORT)";
        }
        if (cause instanceof IOException) {
            return "cannot start: " + cause.getMessage();
        }
        return "cannot start: " + e.getMessage();
    }
}
