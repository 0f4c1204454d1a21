package io.sixjoin.emulator.kernel;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * The name of a kind of event ("tx", "slot", "reboot", ...), with a 64-bit fingerprint of that name
 * computed once. The {@link EventTrace} folds the fingerprint rather than the name into its hash, so
 * tracing costs the same for every event however long its kind's name is, and the hash still changes
 * if a mechanism starts emitting a different kind. Create kinds once, as constants.
 */
public final class EventKind {

    private final String name;
    private final long fingerprint;

    private EventKind(String name) {
        this.name = name;
        this.fingerprint = fingerprintOf(name);
    }

    /**
     * A kind with the given name.
     *
     * @throws IllegalArgumentException if the name is blank
     */
    public static EventKind named(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("event kind name must not be blank");
        }
        return new EventKind(name);
    }

    /** The name given at creation. */
    public String name() {
        return name;
    }

    /** The first 8 bytes of SHA-256(name), big-endian; stable across JVMs and runs. */
    public long fingerprint() {
        return fingerprint;
    }

    private static long fingerprintOf(String name) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = (v << 8) | (h[i] & 0xFF);
            }
            return v;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is mandatory in every Java platform", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EventKind k && k.name.equals(name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return name;
    }
}
