package io.sixjoin.bridge.serial;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** An in-memory {@link SerialLink} for tests: bytes offered by the test are read, bytes written are queued. */
public final class MemoryLink implements SerialLink {
    public final BlockingQueue<Byte> toBridge = new LinkedBlockingQueue<>();
    public final BlockingQueue<byte[]> written = new LinkedBlockingQueue<>();
    private volatile boolean failed;
    private volatile boolean closed;
    private final String name;

    public MemoryLink(String name) {
        this.name = name;
    }

    public void offer(byte[] bytes) {
        for (byte b : bytes) {
            toBridge.add(b);
        }
    }

    /** From now on every call fails, as an unplugged device would. */
    public void fail() {
        failed = true;
    }

    public boolean isClosed() {
        return closed;
    }

    @Override
    public int read(byte[] buffer, int offset, int length, int timeoutMillis) throws LinkFailedException {
        check();
        try {
            Byte first = toBridge.poll(timeoutMillis, TimeUnit.MILLISECONDS);
            if (first == null) {
                check();
                return 0;
            }
            buffer[offset] = first;
            int n = 1;
            Byte b;
            while (n < length && (b = toBridge.poll()) != null) {
                buffer[offset + n++] = b;
            }
            return n;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    @Override
    public void write(byte[] bytes) throws LinkFailedException {
        check();
        written.add(bytes.clone());
    }

    private void check() throws LinkFailedException {
        if (failed || closed) {
            throw new LinkFailedException(name + ": gone");
        }
    }

    @Override
    public String describe() {
        return name;
    }

    @Override
    public void close() {
        closed = true;
    }
}
