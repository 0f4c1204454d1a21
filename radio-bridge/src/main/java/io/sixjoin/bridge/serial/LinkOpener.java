package io.sixjoin.bridge.serial;

/**
 * Knows how to open one particular link, again and again: what {@link ReconnectingLink} calls after the link
 * has vanished. Built by {@link SerialLinks#opener} from a {@code --serial} spec; tests supply their own.
 */
public interface LinkOpener {
    /**
     * Opens a fresh link.
     *
     * @throws LinkFailedException if the device or peer is not there (yet)
     */
    SerialLink open() throws LinkFailedException;

    /** The target as the user named it, for log lines. */
    String describe();
}
