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
 * A {@code sixjoin jrc --config} file: Java properties whose keys are the command's long option names without the
 * dashes ({@code listen = [::]:5683, 127.0.0.1:5684}, {@code network-id = cafe}, ...). Unknown keys are an error
 * naming the key, so a typo is not silently ignored; the file is bounded in size since it is outside input.
 */
final class JrcSettingsFile {
    static final Set<String> KEYS = Set.of("listen", "tunnel", "data", "db", "network-id", "profile", "lease-hours",
            "jrc-address", "join-rate", "rate-per-source", "rate-global", "insecure-openwsn-default-psk");
    static final long MAX_BYTES = 64 * 1024;
    static final JrcSettingsFile EMPTY = new JrcSettingsFile(new Properties(), "");

    private final Properties properties;
    private final String name;

    private JrcSettingsFile(Properties properties, String name) {
        this.properties = properties;
        this.name = name;
    }

    static JrcSettingsFile read(Path file) {
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
            throw new BadInputException("--config " + file + ": cannot read it (" + e.getMessage() + ")");
        }
        Set<String> unknown = new TreeSet<>(p.stringPropertyNames());
        unknown.removeAll(KEYS);
        if (!unknown.isEmpty()) {
            throw new BadInputException("--config " + file + ": unknown setting(s) " + unknown + "; known: "
                    + new TreeSet<>(KEYS));
        }
        return new JrcSettingsFile(p, file.toString());
    }

    Optional<String> string(String key) {
        return Optional.ofNullable(properties.getProperty(key)).map(String::trim).filter(s -> !s.isEmpty());
    }

    Optional<List<String>> list(String key) {
        return string(key).map(s -> Arrays.stream(s.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList());
    }

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

    boolean bool(String key) {
        return string(key).map(v -> switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new BadInputException("--config " + name + ": " + key + " = '" + v
                    + "' is not true or false");
        }).orElse(false);
    }
}
