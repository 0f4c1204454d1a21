package io.sixjoin.emulator.serial;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.LongSupplier;

/**
 * Serves a {@link BorderRouterMote}'s serial line on a TCP port ({@code --serial-server tcp://HOST:PORT}), so that
 * {@code sixjoin bridge --serial tcp://HOST:PORT} attaches to it as to an IoT-LAB node. Threading: one server
 * thread owns the mote and makes every call on it (host bytes, the status timer on the injected wall clock,
 * output); other threads hand it work with {@link #execute}, so the mote needs no lock. One client at a time,
 * like a UART: while one is connected the listening socket is not accepted from and a second connection waits in
 * the backlog; when the client goes, the next is accepted. Output for a client that does not read is queued up
 * to {@link #OUTPUT_LIMIT} bytes and then dropped frame by frame, as the firmware's ring buffer drops; with no
 * client the mote's bytes go nowhere, as on an unplugged UART (the server takes over the mote's {@link
 * BorderRouterMote#setOutput output}). Nothing a client sends can stop the server. The thread is a daemon: the
 * emulator's main thread keeps the process alive and calls {@link #close}.
 */
public final class SerialServer implements Closeable {
    /** Queued output beyond which whole frames are dropped. */
    public static final int OUTPUT_LIMIT = 64 * 1024;

    private static final System.Logger LOG = System.getLogger(SerialServer.class.getName());

    private final BorderRouterMote mote;
    private final LongSupplier nowMicros;
    private final Selector selector;
    private final ServerSocketChannel listener;
    private final SelectionKey acceptKey;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final Queue<ByteBuffer> pending = new ArrayDeque<>();
    private final ByteBuffer readBuffer = ByteBuffer.allocate(4096);
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean connected;
    private volatile long clientsAccepted;
    private volatile long framesDropped;
    private SocketChannel client;
    private SelectionKey clientKey;
    private int pendingBytes;

    private SerialServer(InetSocketAddress bind, BorderRouterMote mote, LongSupplier nowMicros) throws IOException {
        this.mote = Objects.requireNonNull(mote, "mote");
        this.nowMicros = Objects.requireNonNull(nowMicros, "nowMicros");
        this.selector = Selector.open();
        try {
            listener = ServerSocketChannel.open();
            listener.bind(bind, 4);
            listener.configureBlocking(false);
            acceptKey = listener.register(selector, SelectionKey.OP_ACCEPT);
        } catch (IOException | RuntimeException e) {
            selector.close();
            throw e;
        }
        mote.setOutput(BorderRouterMote.ByteSink.DISCARD);
        thread = new Thread(this::run, "serial-server-" + address().getPort());
        thread.setDaemon(true);
    }

    /**
     * Listens on {@code bind} (port 0 picks a free one) and starts the server thread.
     *
     * @param nowMicros the clock the mote's status timer runs on; it must be the one its builder started from
     */
    public static SerialServer start(InetSocketAddress bind, BorderRouterMote mote, LongSupplier nowMicros)
            throws IOException {
        SerialServer s = new SerialServer(bind, mote, nowMicros);
        s.thread.start();
        return s;
    }

    /** A wall clock in microseconds that reads 0 now: {@code --time real} for a stand-alone mote. */
    public static LongSupplier wallClockMicros() {
        long origin = System.nanoTime();
        return () -> (System.nanoTime() - origin) / 1_000;
    }

    /** Where the server listens (the actual port when bound to port 0). */
    public InetSocketAddress address() {
        return (InetSocketAddress) listener.socket().getLocalSocketAddress();
    }

    /** Runs {@code task} on the server thread, e.g. {@code mote.dataUp(...)} from the emulator's kernel. */
    public void execute(Runnable task) {
        tasks.add(Objects.requireNonNull(task, "task"));
        selector.wakeup();
    }

    public boolean isClientConnected() {
        return connected;
    }

    public long clientsAccepted() {
        return clientsAccepted;
    }

    /** Output frames dropped because a client did not read them. */
    public long framesDropped() {
        return framesDropped;
    }

    private void run() {
        while (running) {
            try {
                runTasks();
                mote.poll(nowMicros.getAsLong());
                long waitMillis = Math.max(1, (mote.nextDeadline() - nowMicros.getAsLong() + 999) / 1_000);
                selector.select(waitMillis);
                for (SelectionKey key : selector.selectedKeys()) {
                    if (!key.isValid()) {
                        continue;
                    }
                    if (key == acceptKey && key.isAcceptable()) {
                        accept();
                    } else if (key == clientKey) {
                        serviceClient(key);
                    }
                }
                selector.selectedKeys().clear();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, "serial client dropped: {0}", e.toString());
                disconnect();
            } catch (RuntimeException e) {
                // A bug behind the mote (a listener, say) must not take the line down for good.
                LOG.log(System.Logger.Level.WARNING, "serial server: " + e, e);
                disconnect();
            }
        }
        disconnect();
    }

    private void runTasks() {
        Runnable task;
        while ((task = tasks.poll()) != null) {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "serial server task failed: " + e, e);
            }
        }
    }

    private void accept() throws IOException {
        SocketChannel c = listener.accept();
        if (c == null) {
            return;
        }
        c.configureBlocking(false);
        c.socket().setTcpNoDelay(true);
        client = c;
        clientKey = c.register(selector, SelectionKey.OP_READ);
        acceptKey.interestOps(0);
        connected = true;
        clientsAccepted++;
        mote.setOutput(this::enqueue);
        LOG.log(System.Logger.Level.INFO, "serial client {0} connected", c.getRemoteAddress());
    }

    private void serviceClient(SelectionKey key) throws IOException {
        if (key.isReadable()) {
            readBuffer.clear();
            int n = client.read(readBuffer);
            if (n < 0) {
                disconnect();
                return;
            }
            mote.onBytesFromHost(readBuffer.array(), 0, n);
        }
        if (client != null && key.isValid() && key.isWritable()) {
            flush();
        }
    }

    private void enqueue(byte[] bytes) {
        if (client == null) {
            return;
        }
        if (pendingBytes + bytes.length > OUTPUT_LIMIT) {
            framesDropped++;
            return;
        }
        pending.add(ByteBuffer.wrap(bytes));
        pendingBytes += bytes.length;
        try {
            flush();
        } catch (IOException e) {
            // Reported by the next read on the same socket; the loop disconnects then.
            clientKey.interestOps(SelectionKey.OP_READ);
        }
    }

    private void flush() throws IOException {
        ByteBuffer head;
        while ((head = pending.peek()) != null) {
            int n = client.write(head);
            pendingBytes -= n;
            if (head.hasRemaining()) {
                break;
            }
            pending.remove();
        }
        clientKey.interestOps(pending.isEmpty() ? SelectionKey.OP_READ : SelectionKey.OP_READ | SelectionKey.OP_WRITE);
    }

    private void disconnect() {
        mote.setOutput(BorderRouterMote.ByteSink.DISCARD);
        pending.clear();
        pendingBytes = 0;
        if (client != null) {
            try {
                client.close();
            } catch (IOException ignored) {
                // already gone
            }
            client = null;
            clientKey = null;
            connected = false;
            LOG.log(System.Logger.Level.INFO, "serial client disconnected");
        }
        if (acceptKey.isValid()) {
            acceptKey.interestOps(SelectionKey.OP_ACCEPT);
        }
    }

    /** Stops the server thread and closes the client and the listening socket. */
    @Override
    public void close() throws IOException {
        running = false;
        selector.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        listener.close();
        selector.close();
    }
}
