package io.sixjoin.bridge.serial;

import java.io.IOException;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link SerialLink} that survives its underlying link: when the mote is unplugged, the pty's other end dies or
 * the TCP line drops, it closes what is left and reopens through its {@link LinkOpener}, waiting 0.5 s after the
 * first failure and doubling up to 10 s, so a missing device costs almost nothing and a returning one is found
 * quickly. Reads while the link is down wait (bounded by their timeout) and return 0; writes fail at once with
 * {@link LinkFailedException} so the caller can count the drop. One line is logged per state change, never per
 * attempt, and a {@link Listener} hears every change, because a reopened mote may have rebooted and must be
 * probed and made root again. Clock and sleeping are injected.
 */
public final class ReconnectingLink implements SerialLink {
    /** Backoff after the first failure. */
    public static final long MIN_BACKOFF_MILLIS = 500;
    /** Longest wait between attempts. */
    public static final long MAX_BACKOFF_MILLIS = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(ReconnectingLink.class);

    /** Told when the link comes up (the first time and after every reopen) and when it goes down. */
    public interface Listener {
        /** @param generation 1 for the first open, 2 for the first reopen, ... */
        default void linkUp(int generation) {
        }

        default void linkDown(String reason) {
        }
    }

    private final LinkOpener opener;
    private final LongSupplier nanoClock;
    private final Sleeper sleeper;
    private final Listener listener;
    private final Object lock = new Object();

    private SerialLink current;
    private boolean closed;
    private boolean everUp;
    private boolean downLogged;
    private int generation;
    private long backoffMillis = MIN_BACKOFF_MILLIS;
    private long nextAttemptNanos;
    private long failedAttempts;

    public ReconnectingLink(LinkOpener opener, LongSupplier nanoClock, Sleeper sleeper, Listener listener) {
        this.opener = Objects.requireNonNull(opener, "opener");
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.listener = listener == null ? new Listener() { } : listener;
        this.nextAttemptNanos = nanoClock.getAsLong();
    }

    /** A reconnecting link on the wall clock. */
    public static ReconnectingLink onWallClock(LinkOpener opener, Listener listener) {
        return new ReconnectingLink(opener, System::nanoTime, Sleeper.SYSTEM, listener);
    }

    @Override
    public int read(byte[] buffer, int offset, int length, int timeoutMillis) throws IOException {
        SerialLink link = ensureOpen(timeoutMillis);
        if (link == null) {
            return 0;
        }
        try {
            return link.read(buffer, offset, length, timeoutMillis);
        } catch (LinkFailedException e) {
            lost(link, e.getMessage());
            return 0;
        }
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        SerialLink link;
        synchronized (lock) {
            link = current;
        }
        if (link == null) {
            throw new LinkFailedException(opener.describe() + ": link is down, reconnecting");
        }
        try {
            link.write(bytes);
        } catch (LinkFailedException e) {
            lost(link, e.getMessage());
            throw e;
        }
    }

    /** Whether a link is open right now. */
    public boolean isUp() {
        synchronized (lock) {
            return current != null;
        }
    }

    /** How many times a link was opened (1 after the first open). */
    public int generation() {
        synchronized (lock) {
            return generation;
        }
    }

    /**
     * The open link, opening it first if it is down and an attempt is due; waits up to {@code timeoutMillis}
     * when none is due. Returns null while the link is still down.
     */
    private SerialLink ensureOpen(int timeoutMillis) throws IOException {
        long waitMillis;
        synchronized (lock) {
            if (closed) {
                throw new LinkFailedException(opener.describe() + ": closed");
            }
            if (current != null) {
                return current;
            }
            waitMillis = Math.max(0, (nextAttemptNanos - nanoClock.getAsLong()) / 1_000_000L);
        }
        if (waitMillis > 0) {
            pause(Math.min(waitMillis, Math.max(1, timeoutMillis)));
            return null;
        }
        SerialLink opened;
        try {
            opened = opener.open();
        } catch (LinkFailedException e) {
            attemptFailed(e.getMessage());
            return null;
        }
        int gen;
        synchronized (lock) {
            if (closed) {
                opened.close();
                throw new LinkFailedException(opener.describe() + ": closed");
            }
            current = opened;
            gen = ++generation;
            backoffMillis = MIN_BACKOFF_MILLIS;
            downLogged = false;
            if (gen == 1) {
                LOG.info("serial link {} open", opened.describe());
            } else {
                LOG.info("serial link {} reopened (after {} failed attempt(s))", opened.describe(), failedAttempts);
            }
            failedAttempts = 0;
            everUp = true;
        }
        listener.linkUp(gen);
        return opened;
    }

    private void attemptFailed(String why) {
        synchronized (lock) {
            failedAttempts++;
            nextAttemptNanos = nanoClock.getAsLong() + backoffMillis * 1_000_000L;
            if (!downLogged) {
                LOG.warn("{}; {} retrying every {}-{} s", why, everUp ? "link lost," : "not open yet,",
                        MIN_BACKOFF_MILLIS / 1000.0, MAX_BACKOFF_MILLIS / 1000);
                downLogged = true;
            } else {
                LOG.debug("{} (attempt {}, next in {} ms)", why, failedAttempts, backoffMillis);
            }
            backoffMillis = Math.min(MAX_BACKOFF_MILLIS, backoffMillis * 2);
        }
    }

    private void lost(SerialLink link, String why) {
        synchronized (lock) {
            if (current != link) {
                return;
            }
            current = null;
            link.close();
            backoffMillis = MIN_BACKOFF_MILLIS;
            nextAttemptNanos = nanoClock.getAsLong() + backoffMillis * 1_000_000L;
            backoffMillis = Math.min(MAX_BACKOFF_MILLIS, backoffMillis * 2);
            if (!closed) {
                LOG.warn("serial link lost: {}; reopening with backoff ({}-{} s)", why,
                        MIN_BACKOFF_MILLIS / 1000.0, MAX_BACKOFF_MILLIS / 1000);
                downLogged = true;
            }
        }
        if (!isClosed()) {
            listener.linkDown(why);
        }
    }

    private boolean isClosed() {
        synchronized (lock) {
            return closed;
        }
    }

    private void pause(long millis) throws IOException {
        try {
            sleeper.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while waiting to reopen " + opener.describe());
        }
    }

    @Override
    public String describe() {
        return opener.describe();
    }

    @Override
    public void close() {
        SerialLink link;
        synchronized (lock) {
            closed = true;
            link = current;
            current = null;
        }
        if (link != null) {
            link.close();
        }
    }

    @Override
    public String toString() {
        return "ReconnectingLink[" + opener.describe() + (isUp() ? ", up" : ", down") + "]";
    }
}
