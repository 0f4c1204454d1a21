package io.sixjoin.jrc.store;

import java.util.Objects;

/**
 * One problem found in a pledge CSV file: the 1-based line it is on (0 when it concerns the whole file)
 * and a message that names the problem and the fix. Messages never contain a PSK or anything long enough
 * to be one, so they can be printed and logged as they are.
 */
public record CsvError(int line, String message) {
    public CsvError {
        if (line < 0) {
            throw new IllegalArgumentException("line " + line + " is negative");
        }
        Objects.requireNonNull(message, "message");
    }

    /** The error as compilers print theirs: {@code file.csv:7: message}, or {@code file.csv: message}. */
    public String format(String fileName) {
        return line > 0 ? fileName + ":" + line + ": " + message : fileName + ": " + message;
    }

    @Override
    public String toString() {
        return line > 0 ? "line " + line + ": " + message : message;
    }
}
