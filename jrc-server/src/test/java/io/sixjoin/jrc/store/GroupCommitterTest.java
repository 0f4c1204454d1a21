package io.sixjoin.jrc.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class GroupCommitterTest {
    /**
     * A fake store: records what each transaction ran, and holds the first one at a gate so the test can queue
     * more work behind it. A transaction's writes are "committed" only when the work returned normally.
     */
    private static final class FakeTransactions implements GroupCommitter.Transactions {
        final CountDownLatch gate;
        final CountDownLatch firstStarted = new CountDownLatch(1);
        final List<Integer> batchSizes = Collections.synchronizedList(new ArrayList<>());
        final List<String> committed = Collections.synchronizedList(new ArrayList<>());
        final List<String> pending = new ArrayList<>();
        volatile boolean failCommit;

        FakeTransactions(boolean held) {
            this.gate = new CountDownLatch(held ? 1 : 0);
        }

        @Override
        public <T> T inTransaction(String what, Supplier<T> work) {
            firstStarted.countDown();
            awaitUninterruptibly(gate); // as a real commit, which close() must not cut short
            pending.clear();
            T result = work.get();
            batchSizes.add(pending.size());
            if (failCommit) {
                throw new StoreException(StoreException.Kind.UNAVAILABLE, "commit failed (test)");
            }
            committed.addAll(pending);
            return result;
        }

        List<Integer> batchSizesSeen() {
            return List.copyOf(batchSizes);
        }

        Supplier<String> write(String name) {
            return () -> {
                pending.add(name);
                return name;
            };
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(5, TimeUnit.SECONDS), "timed out");
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                assertTrue(latch.await(5, TimeUnit.SECONDS), "timed out");
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static <T> T get(CompletableFuture<T> f) throws Exception {
        return f.get(5, TimeUnit.SECONDS);
    }

    @Test
    void unitsQueuedWhileACommitRunsShareTheNextTransactionInOrder() throws Exception {
        FakeTransactions tx = new FakeTransactions(true);
        try (GroupCommitter c = new GroupCommitter(tx, 100, 100, "test-commit")) {
            CompletableFuture<String> first = c.submit(tx.write("first")).orElseThrow();
            await(tx.firstStarted);
            List<CompletableFuture<String>> rest = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                rest.add(c.submit(tx.write("u" + i)).orElseThrow());
            }
            assertFalse(first.isDone(), "completed before its commit");
            tx.gate.countDown();
            assertEquals("first", get(first));
            for (int i = 0; i < 10; i++) {
                assertEquals("u" + i, get(rest.get(i)));
            }
            assertEquals(List.of(1, 10), tx.batchSizesSeen(), "the ten waiting units made one transaction");
            List<String> expected = new ArrayList<>(List.of("first"));
            for (int i = 0; i < 10; i++) {
                expected.add("u" + i);
            }
            assertEquals(expected, tx.committed, "units run in submission order");
        }
    }

    @Test
    void aFailingUnitFailsEveryUnitOfItsBatchAndNothingOfItIsCommitted() throws Exception {
        FakeTransactions tx = new FakeTransactions(true);
        try (GroupCommitter c = new GroupCommitter(tx, 100, 100, "test-commit")) {
            CompletableFuture<String> first = c.submit(tx.write("first")).orElseThrow();
            await(tx.firstStarted);
            CompletableFuture<String> a = c.submit(tx.write("a")).orElseThrow();
            CompletableFuture<String> bad = c.<String>submit(() -> {
                throw new IllegalStateException("bug");
            }).orElseThrow();
            CompletableFuture<String> b = c.submit(tx.write("b")).orElseThrow();
            tx.gate.countDown();
            assertEquals("first", get(first));
            for (CompletableFuture<String> f : List.of(a, bad, b)) {
                assertThrows(ExecutionException.class, () -> get(f));
            }
            assertEquals(List.of("first"), tx.committed);
            // the committer goes on after a failed batch
            assertEquals("later", get(c.submit(tx.write("later")).orElseThrow()));
        }
    }

    @Test
    void aFailedCommitFailsEveryUnit() {
        FakeTransactions tx = new FakeTransactions(false);
        tx.failCommit = true;
        try (GroupCommitter c = new GroupCommitter(tx, 100, 100, "test-commit")) {
            CompletableFuture<String> f = c.submit(tx.write("x")).orElseThrow();
            ExecutionException e = assertThrows(ExecutionException.class, () -> get(f));
            assertTrue(e.getCause() instanceof StoreException);
            assertTrue(tx.committed.isEmpty());
        }
    }

    @Test
    void aFullQueueRefusesWorkInsteadOfGrowing() throws Exception {
        FakeTransactions tx = new FakeTransactions(true);
        try (GroupCommitter c = new GroupCommitter(tx, 3, 100, "test-commit")) {
            CompletableFuture<String> first = c.submit(tx.write("first")).orElseThrow();
            await(tx.firstStarted); // taken off the queue: three more fit
            AtomicInteger ran = new AtomicInteger();
            List<Optional<CompletableFuture<Integer>>> more = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                more.add(c.submit(ran::incrementAndGet));
            }
            assertEquals(3, more.stream().filter(Optional::isPresent).count());
            assertTrue(more.get(3).isEmpty() && more.get(4).isEmpty(), "the latecomers are refused");
            tx.gate.countDown();
            get(first);
            for (int i = 0; i < 3; i++) {
                get(more.get(i).orElseThrow());
            }
            assertEquals(3, ran.get(), "refused work never runs");
        }
    }

    @Test
    void aBatchTakesAtMostMaxBatchUnits() throws Exception {
        FakeTransactions tx = new FakeTransactions(true);
        try (GroupCommitter c = new GroupCommitter(tx, 100, 4, "test-commit")) {
            CompletableFuture<String> first = c.submit(tx.write("first")).orElseThrow();
            await(tx.firstStarted);
            List<CompletableFuture<String>> rest = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                rest.add(c.submit(tx.write("u" + i)).orElseThrow());
            }
            tx.gate.countDown();
            get(first);
            for (CompletableFuture<String> f : rest) {
                get(f);
            }
            assertEquals(List.of(1, 4, 4, 2), tx.batchSizesSeen());
        }
    }

    @Test
    void closeCommitsWhatIsQueuedAndThenRefuses() throws Exception {
        FakeTransactions tx = new FakeTransactions(true);
        GroupCommitter c = new GroupCommitter(tx, 100, 100, "test-commit");
        CompletableFuture<String> first = c.submit(tx.write("first")).orElseThrow();
        await(tx.firstStarted);
        CompletableFuture<String> queued = c.submit(tx.write("queued")).orElseThrow();
        Thread closer = new Thread(c::close);
        closer.start();
        tx.gate.countDown();
        closer.join(5000);
        assertEquals("first", get(first));
        assertEquals("queued", get(queued));
        assertTrue(c.submit(tx.write("late")).isEmpty());
    }
}
