package io.sixjoin.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * A {@code sixjoin bridge --config} file: Java properties whose keys are the command's long option names without
 * the dashes ({@code serial = /dev/ttyUSB0}, {@code psk = ...}). Keeping the PSK here rather than on the command
 * line keeps it out of {@code ps} and shell history. Unknown keys are an error naming the key; error messages
 * never repeat a value, since the value may be the PSK.
 */
final class BridgeSettingsFile {
    static final Set<String> KEYS = Set.of("state-dir", "serial", "baud", "jrc-tunnel", "eui64", "psk", "network-id", "prefix",
            "jrc-address", "pcap", "pcap-lowpan", "log-mote-output", "status-interval");
    static final long MAX_BYTES = 64 * 1024;
    static final BridgeSettingsFile EMPTY = new BridgeSettingsFile(new Properties(), "");

    private final Properties properties;
    private final String name;

    private BridgeSettingsFile(Properties properties, String name) {
        this.properties = properties;
        this.name = name;
    }

    static BridgeSettingsFile read(Path file) {
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
        unknown.removeAll(KEYS);
        if (!unknown.isEmpty()) {
            throw new BadInputException("--config " + file + ": unknown setting(s) " + unknown + "; known: "
                    + new TreeSet<>(KEYS));
        }
        return new BridgeSettingsFile(p, file.toString());
    }

    Optional<String> string(String key) {
        return Optional.ofNullable(properties.getProperty(key)).map(String::trim).filter(s -> !s.isEmpty());
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
