package io.sixjoin.emulator.topology;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the durations of topology files: a decimal number and a unit, {@code "250ms"}, {@code "30s"},
 * {@code "1.5m"}, {@code "2h"}, no spaces, no sign, no exponent, at most microsecond precision. The
 * grammar is tiny on purpose: the emulator counts in microseconds, and anything cleverer (ISO-8601,
 * "1m30s") invites ambiguity in a file written by hand. Digit counts are bounded before any arithmetic,
 * so hostile input cannot make parsing slow.
 */
final class DurationText {

    private static final Pattern FORM = Pattern.compile("([0-9]{1,12})(?:\\.([0-9]{1,9}))?(ms|s|m|h)");

    private DurationText() {
    }

    /**
     * The duration {@code text} denotes.
     *
     * @throws IllegalArgumentException with a user-facing reason if the text is not of the form, finer
     *                                  than a microsecond, or longer than {@code max}
     */
    static Duration parse(String text, Duration max) {
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a duration");
        }
        long unitMicros = switch (m.group(3)) {
            case "ms" -> 1_000L;
            case "s" -> 1_000_000L;
            case "m" -> 60_000_000L;
            default -> 3_600_000_000L;
        };
        String number = m.group(2) == null ? m.group(1) : m.group(1) + "." + m.group(2);
        BigDecimal micros = new BigDecimal(number).multiply(BigDecimal.valueOf(unitMicros));
        if (micros.compareTo(BigDecimal.valueOf(max.toNanos() / 1_000)) > 0) {
            throw new IllegalArgumentException("longer than the limit of " + format(max));
        }
        if (micros.stripTrailingZeros().scale() > 0) {
            throw new IllegalArgumentException("finer than a microsecond");
        }
        return Duration.ofNanos(micros.longValueExact() * 1_000);
    }

    /** A duration in the file syntax, for messages: whole seconds where possible. */
    static String format(Duration d) {
        long micros = d.toNanos() / 1_000;
        if (micros % 1_000_000 == 0) {
            return (micros / 1_000_000) + "s";
        }
        return micros % 1_000 == 0 ? (micros / 1_000) + "ms" : new BigDecimal(micros).movePointLeft(3) + "ms";
    }
}
