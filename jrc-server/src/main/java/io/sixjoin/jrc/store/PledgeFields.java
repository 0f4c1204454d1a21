package io.sixjoin.jrc.store;

import io.sixjoin.stack.cojp.PledgeId;
import io.sixjoin.stack.cojp.PreSharedKey;
import java.util.HexFormat;

/**
 * Parsers for the three things an operator types about a pledge — EUI-64, PSK and role — shared by the
 * CSV reader and the command line so both accept the same forms and give the same messages. Every
 * message names the problem and the expected form; none repeats a PSK, and a value that could be (part
 * of) one is described by its length instead of quoted.
 */
public final class PledgeFields {
    private static final String PSK_FORM = "expected 32 to 128 hex digits (16 to 64 bytes;"
            + " RFC 9031 asks for at least 128 bits)";

    private PledgeFields() {
    }

    /**
     * Parses an EUI-64 as users write it (16 hex digits, optionally separated by ':' or '-'). The message
     * of the exception quotes the input (sanitised, and withheld if it could be a key) and the expected form.
     */
    public static PledgeId parseEui64(String text) {
        String field = text == null ? "" : text.strip();
        String problem = eui64Problem(field);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return PledgeId.of(HexFormat.of().parseHex(field.replace(":", "").replace("-", "")));
    }

    /** Parses a PSK from hex (':' separators allowed); the exception message never repeats the input. */
    public static PreSharedKey parsePsk(String text) {
        String field = text == null ? "" : text.strip();
        String problem = pskProblem(field);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return PreSharedKey.of(HexFormat.of().parseHex(field.replace(":", "")));
    }

    /** Parses {@code node} or {@code 6lbr} (any case); empty means {@code node}, the RFC 9031 default. */
    public static PledgeRole parseRole(String text) {
        String field = text == null ? "" : text.strip();
        if (field.isEmpty()) {
            return PledgeRole.NODE;
        }
        return PledgeRole.fromCliName(field).orElseThrow(() -> new IllegalArgumentException(roleProblem(field)));
    }

    static String eui64Problem(String field) {
        if (field.isEmpty()) {
            return "missing EUI-64: expected 16 hex digits, e.g. 00124b0014b5d2a1";
        }
        String hex = field.replace(":", "").replace("-", "");
        if (hex.length() != 16 || !isHex(hex)) {
            return "bad EUI-64 " + quote(field, 20) + ": expected 16 hex digits, e.g. 00124b0014b5d2a1"
                    + (hexDigits(field) >= 32 ? " (is this the PSK? the columns are eui64,psk,role)" : "");
        }
        return null;
    }

    static String pskProblem(String field) {
        String hex = field.replace(":", "");
        if (hex.isEmpty()) {
            return "missing PSK: " + PSK_FORM;
        } else if (!isHex(hex)) {
            return "bad PSK: it contains a character that is not a hex digit; " + PSK_FORM;
        } else if (hex.length() % 2 != 0) {
            return "bad PSK: " + hex.length() + " hex digits is not a whole number of bytes; " + PSK_FORM;
        } else if (hex.length() < 2 * PreSharedKey.MIN_LENGTH || hex.length() > 2 * PreSharedKey.MAX_LENGTH) {
            return "bad PSK length: " + hex.length() / 2 + " bytes; " + PSK_FORM;
        }
        return null;
    }

    static String roleProblem(String field) {
        return "unknown role " + quote(field, 4) + ": expected node or 6lbr (or leave it empty for node)";
    }

    /**
     * Quotes a user's value for a message, sanitised so control characters cannot reach a terminal, and
     * withheld when it holds more hex digits than {@code maxHexDigits}: it may then be (part of) a PSK.
     */
    static String quote(String value, int maxHexDigits) {
        if (hexDigits(value) > maxHexDigits || value.length() > 40) {
            return "(" + value.length() + " characters, not shown)";
        }
        StringBuilder sb = new StringBuilder("'");
        value.chars().forEach(c -> sb.append(c >= 0x20 && c < 0x7f ? (char) c : '?'));
        return sb.append('\'').toString();
    }

    static int hexDigits(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (isHexChar(s.charAt(i))) {
                n++;
            }
        }
        return n;
    }

    private static boolean isHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!isHexChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isHexChar(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
