package io.sixjoin.emulator.topology;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.sixjoin.emulator.topology.TopologyFileException.Reason;

import java.time.Duration;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;

/**
 * One JSON object of a topology file under validation, with typed accessors that know the object's
 * path and turn every mismatch into a {@link TopologyFileException}. Construction already refuses a
 * non-object and any field outside the allowed set, so that a misspelt optional field ("roote") is
 * an error instead of a silently ignored value. Field names quoted in messages come from the file,
 * so they are truncated and stripped of control characters before they reach a terminal.
 */
final class Fields {

    private final JsonNode node;
    private final String path;

    private Fields(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    static Fields of(JsonNode node, String path, Set<String> allowed) throws TopologyFileException {
        if (node == null || !node.isObject()) {
            throw wrongType(path, "an object", node);
        }
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new TopologyFileException(Reason.UNKNOWN_FIELD, path, "unknown field " + quote(name),
                        "allowed here: " + String.join(", ", allowed.stream().sorted().toList()));
            }
        }
        return new Fields(node, path);
    }

    String path() {
        return path;
    }

    /** The array field {@code name} of at most {@code max} entries; an empty array if optional and absent. */
    JsonNode array(String name, int max, boolean required) throws TopologyFileException {
        JsonNode v = node.get(name);
        if (v == null && !required) {
            return JsonNodeFactory.instance.arrayNode();
        }
        JsonNode a = present(name, v);
        if (!a.isArray()) {
            throw wrongType(path + "." + name, "an array", a);
        }
        if (a.size() > max) {
            throw new TopologyFileException(Reason.TOO_LARGE, path + "." + name, a.size() + " entries, more than "
                    + max, "the emulator accepts at most " + max);
        }
        if (required && a.size() == 0) {
            throw new TopologyFileException(Reason.OUT_OF_RANGE, path + "." + name, "empty", "list at least one");
        }
        return a;
    }

    /** A required integer in 0..2^31−1. */
    int integer(String name) throws TopologyFileException {
        JsonNode v = present(name, node.get(name));
        if (!v.isIntegralNumber()) {
            throw wrongType(path + "." + name, "an integer", v);
        }
        if (!v.canConvertToInt() || v.intValue() < 0) {
            throw new TopologyFileException(Reason.OUT_OF_RANGE, path + "." + name, v.asText()
                    + " is not in 0.." + Integer.MAX_VALUE, "");
        }
        return v.intValue();
    }

    /** A required number with absolute value at most {@code max}. */
    double coordinate(String name, double max) throws TopologyFileException {
        double d = number(name);
        if (!(Math.abs(d) <= max)) {
            throw new TopologyFileException(Reason.OUT_OF_RANGE, path + "." + name, d + " is beyond ±" + max,
                    "coordinates are metres");
        }
        return d;
    }

    /** A required number in [0, 1]. */
    double probability(String name) throws TopologyFileException {
        double d = number(name);
        if (!(d >= 0 && d <= 1)) {
            throw new TopologyFileException(Reason.OUT_OF_RANGE, path + "." + name, d + " is not in [0, 1]",
                    "a PRR is a probability: 0.9, not 90");
        }
        return d;
    }

    /** An optional boolean, false when absent. */
    boolean optionalBoolean(String name) throws TopologyFileException {
        JsonNode v = node.get(name);
        if (v == null) {
            return false;
        }
        if (!v.isBoolean()) {
            throw wrongType(path + "." + name, "true or false", v);
        }
        return v.booleanValue();
    }

    /** A required string. */
    String string(String name) throws TopologyFileException {
        JsonNode v = present(name, node.get(name));
        if (!v.isTextual()) {
            throw wrongType(path + "." + name, "a string", v);
        }
        return v.textValue();
    }

    /** An optional string, checked for type only. */
    void optionalString(String name) throws TopologyFileException {
        if (node.get(name) != null) {
            string(name);
        }
    }

    /** A required duration string, at most {@code max}, and above zero if {@code positive}. */
    Duration duration(String name, Duration max, boolean positive) throws TopologyFileException {
        String text = string(name);
        Duration d;
        try {
            d = DurationText.parse(text, max);
        } catch (IllegalArgumentException e) {
            throw new TopologyFileException(Reason.OUT_OF_RANGE, path + "." + name, quote(text) + ": "
                    + e.getMessage(), "write a number and a unit: \"250ms\", \"30s\", \"1.5m\", \"2h\"");
        }
        if (positive && d.isZero()) {
            throw new TopologyFileException(Reason.OUT_OF_RANGE, path + "." + name, "must be longer than 0",
                    "omit the fault instead of giving it no duration");
        }
        return d;
    }

    private double number(String name) throws TopologyFileException {
        JsonNode v = present(name, node.get(name));
        if (!v.isNumber()) {
            throw wrongType(path + "." + name, "a number", v);
        }
        double d = v.doubleValue();
        if (!Double.isFinite(d)) {
            throw new TopologyFileException(Reason.OUT_OF_RANGE, path + "." + name, "number out of range", "");
        }
        return d;
    }

    private JsonNode present(String name, JsonNode v) throws TopologyFileException {
        if (v == null || v.isNull()) {
            throw new TopologyFileException(Reason.MISSING, path + "." + name, "required field is missing",
                    "see \"Topology files\" in docs/emulator.md");
        }
        return v;
    }

    private static TopologyFileException wrongType(String path, String expected, JsonNode got) {
        String actual = got == null ? "nothing" : got.getNodeType().name().toLowerCase(Locale.ROOT);
        return new TopologyFileException(Reason.WRONG_TYPE, path, "expected " + expected + ", got " + actual, "");
    }

    /** {@code s} in quotes, at most 40 characters, control characters replaced by '?'. */
    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        s.codePoints().limit(40).forEach(c -> b.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return b.append(s.codePointCount(0, s.length()) > 40 ? "…\"" : "\"").toString();
    }
}
