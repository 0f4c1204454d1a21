package io.sixjoin.emulator.kernel;

/**
 * What the kernel calls when an event fires. Handlers run on the kernel's thread, one at a time, with
 * the clock already set to the event's time; they may schedule and cancel further events.
 */
@FunctionalInterface
public interface EventHandler {

    /** Reacts to {@code event}, which has just been taken off the queue. */
    void handle(Event event);
}
