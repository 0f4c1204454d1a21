package io.sixjoin.jrc.store;

/**
 * A store operation that could not be carried out. The {@link Kind} tells a caller whether the request
 * itself was at fault (an existing or missing record, a conflict the user can fix) or the database was
 * unusable; the message names the record and what to do, and never carries key material, because SQL
 * errors are wrapped here before anyone logs them.
 */
public final class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why the operation failed; callers map these to exit codes or CoAP responses. */
    public enum Kind {
        /** The record to create is already there. */
        ALREADY_EXISTS,
        /** The record to change or delete is not there. */
        NOT_FOUND,
        /** The request contradicts stored state (e.g. a network with no free short address). */
        CONFLICT,
        /** The database could not be opened, read or written. */
        UNAVAILABLE
    }

    private final Kind kind;

    public StoreException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public StoreException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /** True when the caller's input caused the failure, so retrying the same request cannot help. */
    public boolean isUserError() {
        return kind != Kind.UNAVAILABLE;
    }
}
