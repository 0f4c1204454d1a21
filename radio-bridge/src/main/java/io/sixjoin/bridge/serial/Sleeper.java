package io.sixjoin.bridge.serial;

/**
 * Waits for a while: the wall clock in production, a fake that only advances a counter in tests, so backoff
 * schedules are checked without real sleeping.
 */
@FunctionalInterface
public interface Sleeper {
    /** The real thing. */
    Sleeper SYSTEM = Thread::sleep;

    void sleep(long millis) throws InterruptedException;
}
