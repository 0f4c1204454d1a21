package io.sixjoin.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * A command's {@code --config} file: Java properties whose keys are the command's long option names without the
 * dashes ({@code listen = [::]:5683, 127.0.0.1:5684} for {@code jrc}, {@code serial = /dev/ttyUSB0} for
 * {@code bridge}). Unknown keys are an error naming the key, so a typo is not silently ignored; the file is bounded
 * in size since it is outside input. Keeping a PSK here rather than on the command line keeps it out of {@code ps}
 * and shell history, so messages never repeat a value that could be a PSK.
 */
final class SettingsFile {
    static final long MAX_BYTES = 64 * 1024;
    static final SettingsFile EMPTY = new SettingsFile(new Properties(), "");

    /** Keys of {@code sixjoin jrc --config}. */
    static final Set<String> JRC_KEYS = Set.of("listen", "tunnel", "data", "db", "network-id", "profile",
            "lease-hours", "jrc-address", "join-rate", "rate-per-source", "rate-global",
            "insecure-openwsn-default-psk");
    /** Keys of {@code sixjoin bridge --config}. */
    static final Set<String> BRIDGE_KEYS = Set.of("state-dir", "serial", "baud", "jrc-tunnel", "eui64", "psk",
            "network-id", "prefix", "jrc-address", "pcap", "pcap-lowpan", "log-mote-output", "status-interval");

    private final Properties properties;
    private final String name;

    private SettingsFile(Properties properties, String name) {
        this.properties = properties;
        this.name = name;
    }

    /** Reads {@code file}; {@code keys} are the settings the command knows. */
    static SettingsFile read(Path file, Set<String> keys) {
        Properties p = new Properties();
        try {
            if (!Files.isRegularFile(file)) {
                throw new BadInputException("--config " + file + ": no such file");
            }
            if (Files.size(file) > MAX_BYTES) {
                throw new BadInputException("--config " + file + ": larger than " + MAX_BYTES + " bytes; not a config");
            }
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new BadInputException("--config " + file + ": cannot read it (" + e.getClass().getSimpleName() + ")");
        }
        Set<String> unknown = new TreeSet<>(p.stringPropertyNames());
        unknown.removeAll(keys);
        if (!unknown.isEmpty()) {
            throw new BadInputException("--config " + file + ": unknown setting(s) " + unknown + "; known: "
                    + new TreeSet<>(keys));
        }
        return new SettingsFile(p, file.toString());
    }

    Optional<String> string(String key) {
        return Optional.ofNullable(properties.getProperty(key)).map(String::trim).filter(s -> !s.isEmpty());
    }

    Optional<List<String>> list(String key) {
        return string(key).map(s -> Arrays.stream(s.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList());
    }

    /** A number ≥ 0. */
    Optional<Double> number(String key) {
        return string(key).map(v -> {
            try {
                double d = Double.parseDouble(v);
                if (d < 0 || Double.isNaN(d) || Double.isInfinite(d)) {
                    throw new NumberFormatException();
                }
                return d;
            } catch (NumberFormatException e) {
                throw new BadInputException("--config " + name + ": " + key + " = '" + v + "' is not a number >= 0");
            }
        });
    }

    Optional<Integer> integer(String key) {
        return string(key).map(v -> {
            try {
                return Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new BadInputException("--config " + name + ": " + key + " = '" + v + "' is not a whole number");
            }
        });
    }

    Optional<Boolean> bool(String key) {
        return string(key).map(v -> switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new BadInputException("--config " + name + ": " + key + " = '" + v
                    + "' is not true or false");
        });
    }
}
