package io.sixjoin.jrc.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit for the JRC's store: units of durable work (a join's replay-window save, join record and address)
 * are queued by request threads and run by one committer thread, which drains everything queued, runs it all in a
 * single transaction and commits once, then completes each unit's future with the unit's result. A future is
 * therefore completed only after its unit's writes are durable, so a caller that sends an answer from the future's
 * completion keeps the "durable before answered" rule while many joins share one fsync-free WAL commit. Units run
 * in the order they were submitted, one after the other, so anything a unit allocates (a short address) stays
 * unique across a batch. A batch is all-or-nothing: if any unit throws, or the commit fails, the transaction is
 * rolled back and every future of the batch fails. The queue is bounded: {@link #submit} refuses work when it is
 * full rather than letting a flood grow the heap.
 */
public final class GroupCommitter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitter.class);

    /** What runs a batch as one transaction; {@link JrcStore#inTransaction} in production. */
    @FunctionalInterface
    public interface Transactions {
        <T> T inTransaction(String what, Supplier<T> work);
    }

    private record Unit<T>(Supplier<T> work, CompletableFuture<T> done) {
        void complete(Object result) {
            @SuppressWarnings("unchecked")
            T t = (T) result;
            done.complete(t);
        }
    }

    private final Transactions transactions;
    private final BlockingQueue<Unit<?>> queue;
    private final int maxBatch;
    private final Thread thread;
    private volatile boolean closed;

    /**
     * @param capacity how many units may wait; beyond that {@link #submit} refuses
     * @param maxBatch the most units one transaction takes (bounds one commit's latency and rollback cost)
     */
    public GroupCommitter(Transactions transactions, int capacity, int maxBatch, String threadName) {
        if (capacity < 1 || maxBatch < 1) {
            throw new IllegalArgumentException("capacity and maxBatch must be positive");
        }
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.maxBatch = maxBatch;
        this.thread = new Thread(this::run, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    /** A committer for {@code store}'s transactions. */
    public static GroupCommitter forStore(JrcStore store, int capacity, int maxBatch) {
        return new GroupCommitter(store::inTransaction, capacity, maxBatch, "sixjoin-group-commit");
    }

    /**
     * Queues {@code work} to run in a later group transaction. The future completes, on the committer thread,
     * with the work's result once it is committed, or exceptionally if its batch failed. Empty when the queue is
     * full or the committer is closed: nothing was queued, so the caller may undo what it prepared.
     */
    public <T> Optional<CompletableFuture<T>> submit(Supplier<T> work) {
        Objects.requireNonNull(work, "work");
        if (closed) {
            return Optional.empty();
        }
        CompletableFuture<T> done = new CompletableFuture<>();
        return queue.offer(new Unit<>(work, done)) ? Optional.of(done) : Optional.empty();
    }

    /** Units waiting for the committer (for diagnostics). */
    public int queued() {
        return queue.size();
    }

    private void run() {
        List<Unit<?>> batch = new ArrayList<>(maxBatch);
        while (!closed || !queue.isEmpty()) {
            try {
                Unit<?> first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
            } catch (InterruptedException e) {
                // close() interrupts only to cut the wait short; the loop condition decides
                continue;
            }
            queue.drainTo(batch, maxBatch - 1);
            commit(batch);
            batch.clear();
        }
    }

    private void commit(List<Unit<?>> batch) {
        Object[] results;
        try {
            results = transactions.inTransaction("commit " + batch.size() + " joins", () -> {
                Object[] out = new Object[batch.size()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = batch.get(i).work().get();
                }
                return out;
            });
        } catch (RuntimeException | Error e) {
            LOG.error("group commit of {} units failed, all of them are dropped: {}", batch.size(), e.toString());
            for (Unit<?> u : batch) {
                u.done().completeExceptionally(e);
            }
            return; // the committer goes on: a failed batch must not stop every later join
        }
        for (int i = 0; i < results.length; i++) {
            try {
                batch.get(i).complete(results[i]);
            } catch (RuntimeException e) {
                // a caller's synchronous continuation failed; it must not cost the other units their answer
                LOG.error("completion of a committed unit failed: {}", e.toString());
            }
        }
    }

    /**
     * Stops taking work, commits what is already queued, and waits for the committer thread to end (at most
     * {@code timeoutMillis}; with a store that hangs, what is left is abandoned unanswered, never answered).
     */
    public void close(long timeoutMillis) {
        closed = true;
        thread.interrupt();
        try {
            thread.join(timeoutMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        close(10_000);
    }
}
