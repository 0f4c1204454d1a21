package io.sixjoin.stack.openwsn;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names for the component and error codes of {@link Log} frames. The numbers are an enum in the firmware's
 * {@code inc/opendefs.h} that is renumbered from one firmware version to the next, so, like OpenVisualizer, the
 * right table is the one read from the firmware the mote runs ({@link #fromOpendefs}); {@link #defaults()}
 * holds only the codes whose values the project's reference records for {@code develop}. A code with no name
 * prints as a number, so nothing is ever lost. Immutable.
 *
 * <pre>{@code
 * LogCodes codes = LogCodes.fromOpendefs(Files.readString(fwBase.resolve("inc/opendefs.h")));
 * String line = log.describe(codes); // "ERROR mote 0x0001 OPENSERIAL ERR_WRONG_CRC_INPUT (0x39) 12 0"
 * }</pre>
 */
public final class LogCodes {
    private static final Pattern ENUM_ENTRY =
            Pattern.compile("^\\s*(COMPONENT|ERR)_(\\w+)\\s*=\\s*(0[xX][0-9a-fA-F]+|\\d+)\\s*,?", Pattern.MULTILINE);

    private final Map<Integer, String> components;
    private final Map<Integer, String> errors;

    /**
     * @param components COMPONENT_* codes to names (without the prefix)
     * @param errors     ERR_* codes to names (with the prefix, as the firmware spells them)
     */
    public LogCodes(Map<Integer, String> components, Map<Integer, String> errors) {
        this.components = Map.copyOf(Objects.requireNonNull(components, "components"));
        this.errors = Map.copyOf(Objects.requireNonNull(errors, "errors"));
    }

    /** The component codes the reference gives for openwsn-fw {@code develop}; no error codes (it gives none). */
    public static LogCodes defaults() {
        return new LogCodes(Map.of(0x11, "OPENBRIDGE", 0x1d, "CJOIN", 0x1e, "OSCORE"), Map.of());
    }

    /**
     * Reads the {@code COMPONENT_*} and {@code ERR_*} enum entries of a firmware's {@code inc/opendefs.h}. Lines
     * it does not understand are skipped; a later duplicate value wins, as in the C enum's last alias.
     */
    public static LogCodes fromOpendefs(CharSequence header) {
        Map<Integer, String> components = new TreeMap<>();
        Map<Integer, String> errors = new TreeMap<>();
        Matcher m = ENUM_ENTRY.matcher(header);
        while (m.find()) {
            String digits = m.group(3);
            int value;
            try {
                value = digits.startsWith("0x") || digits.startsWith("0X")
                        ? Integer.parseInt(digits.substring(2), 16) : Integer.parseInt(digits);
            } catch (NumberFormatException tooLarge) {
                continue;
            }
            if (m.group(1).equals("COMPONENT")) {
                components.put(value, m.group(2));
            } else {
                errors.put(value, "ERR_" + m.group(2));
            }
        }
        return new LogCodes(components, errors);
    }

    /** The component's name, or its number such as {@code 0x2b} when this table has none. */
    public String componentName(int code) {
        String name = components.get(code);
        return name != null ? name : String.format("0x%02x", code);
    }

    /** The error's name with its number, such as {@code ERR_BOOTED (0x35)}, or just the number. */
    public String errorName(int code) {
        String name = errors.get(code);
        return name != null ? String.format("%s (0x%02x)", name, code) : String.format("0x%02x", code);
    }
}
