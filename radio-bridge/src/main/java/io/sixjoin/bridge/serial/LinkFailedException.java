package io.sixjoin.bridge.serial;

import java.io.IOException;

/**
 * A serial link stopped working and will not recover by itself: the device was unplugged, the pty's other end
 * went away, the TCP peer closed or reset the connection, or it could not be opened at all. The message names
 * the link and, where we can tell, what the user should check. Timeouts are never reported this way.
 */
public final class LinkFailedException extends IOException {
    private static final long serialVersionUID = 1L;

    public LinkFailedException(String message) {
        super(message);
    }

    public LinkFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
