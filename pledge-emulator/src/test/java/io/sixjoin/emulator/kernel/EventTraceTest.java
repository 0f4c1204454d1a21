package io.sixjoin.emulator.kernel;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class EventTraceTest {

    private static final EventKind A = EventKind.named("a");
    private static final EventKind B = EventKind.named("b");

    @Test
    void emptyTraceIsTheHashOfNothing() {
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", new EventTrace().hexHash());
    }

    @Test
    void everyFieldAndTheOrderMatter() {
        String base = hash(t -> t.record(10, A, 1, 99));
        assertNotEquals(base, hash(t -> t.record(11, A, 1, 99)));
        assertNotEquals(base, hash(t -> t.record(10, B, 1, 99)));
        assertNotEquals(base, hash(t -> t.record(10, A, 2, 99)));
        assertNotEquals(base, hash(t -> t.record(10, A, 1, 98)));
        assertNotEquals(hash(t -> {
            t.record(1, A, 1, 0);
            t.record(1, A, 2, 0);
        }), hash(t -> {
            t.record(1, A, 2, 0);
            t.record(1, A, 1, 0);
        }));
    }

    @Test
    void hashingMidwayDoesNotDisturbTheRunningHash() {
        EventTrace once = new EventTrace();
        EventTrace peeked = new EventTrace();
        for (int i = 0; i < 5_000; i++) {
            once.record(i, A, i, i);
            peeked.record(i, A, i, i);
            if (i % 777 == 0) {
                peeked.hexHash();
            }
        }
        assertEquals(once.hexHash(), peeked.hexHash());
        assertEquals(5_000, peeked.count());
    }

    @Test
    void payloadDigestIsFnv1a64() {
        assertEquals(0xcbf29ce484222325L, EventTrace.digestOf(new byte[0]));
        assertEquals(0xaf63dc4c8601ec8cL, EventTrace.digestOf("a".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(0x85944171f73967e8L, EventTrace.digestOf("foobar".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void kindsCompareByName() {
        assertEquals(EventKind.named("rx"), EventKind.named("rx"));
        assertEquals(EventKind.named("rx").fingerprint(), EventKind.named("rx").fingerprint());
        assertNotEquals(EventKind.named("rx").fingerprint(), EventKind.named("tx").fingerprint());
    }

    private static String hash(Consumer<EventTrace> fill) {
        EventTrace t = new EventTrace();
        fill.accept(t);
        return t.hexHash();
    }
}
