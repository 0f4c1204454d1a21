package io.sixjoin.emulator.topology;

import java.util.Objects;

/**
 * Why a topology file was refused: a {@link Reason}, the JSON path of the offending value
 * ({@code $.motes[3].x}; {@code $} for the whole document), what is wrong, and a hint of what to do.
 * It is the only exception {@link TopologyFile} lets out for bad input, so the CLI can print it and
 * exit without a stack trace.
 */
public final class TopologyFileException extends Exception {

    /** Classes of refusal, stable for tests and scripts. */
    public enum Reason {
        /** The file could not be read. */
        IO,
        /** Not well-formed JSON (or a duplicate key, or trailing content). */
        SYNTAX,
        /** The document, a string, a number or a list exceeds a bound. */
        TOO_LARGE,
        /** A required field is absent. */
        MISSING,
        /** A field the format does not define. */
        UNKNOWN_FIELD,
        /** A value of the wrong JSON type. */
        WRONG_TYPE,
        /** A value of the right type outside its allowed range or form. */
        OUT_OF_RANGE,
        /** A mote id or link given twice. */
        DUPLICATE,
        /** A link or fault names a mote that does not exist. */
        UNKNOWN_MOTE,
        /** The motes as a whole are inconsistent (no root, several roots). */
        INCONSISTENT
    }

    private final Reason reason;
    private final String path;
    private final String detail;
    private final String hint;

    /** A refusal of the value at {@code path}. */
    public TopologyFileException(Reason reason, String path, String detail, String hint) {
        super(path + ": " + detail + (hint.isEmpty() ? "" : " (hint: " + hint + ")"));
        this.reason = Objects.requireNonNull(reason, "reason");
        this.path = Objects.requireNonNull(path, "path");
        this.detail = Objects.requireNonNull(detail, "detail");
        this.hint = Objects.requireNonNull(hint, "hint");
    }

    /** Why the file was refused. */
    public Reason reason() {
        return reason;
    }

    /** JSON path of the offending value, starting at {@code $}. */
    public String path() {
        return path;
    }

    /** What is wrong, without the path or hint. */
    public String detail() {
        return detail;
    }

    /** What the user can do about it; may be empty. */
    public String hint() {
        return hint;
    }
}
