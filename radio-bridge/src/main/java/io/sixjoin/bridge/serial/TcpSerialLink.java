package io.sixjoin.bridge.serial;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * A {@link SerialLink} whose bytes travel over TCP: the serial port of a FIT IoT-LAB node (port 20000, usually
 * through an SSH tunnel) or an emulated border-router mote. The stream carries exactly what a UART would, with no
 * framing of its own. End of stream, a reset or a failed write end the link with {@link LinkFailedException}.
 */
public final class TcpSerialLink implements SerialLink {
    /** A node that does not accept within this time is treated as absent, and the reconnect backoff applies. */
    static final int CONNECT_TIMEOUT_MILLIS = 3000;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final String name;
    private int currentTimeout = -1;

    private TcpSerialLink(Socket socket, String name) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.name = name;
    }

    /** Connects to {@code address}; {@code name} is how the user wrote it ({@code tcp://node-a8-1:20000}). */
    public static TcpSerialLink connect(InetSocketAddress address, String name) throws LinkFailedException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.setKeepAlive(true);
            socket.connect(address, CONNECT_TIMEOUT_MILLIS);
            return new TcpSerialLink(socket, name);
        } catch (IOException e) {
            closeQuietly(socket);
            throw new LinkFailedException(name + ": cannot connect (" + e.getMessage()
                    + "; is the node up and the SSH tunnel open?)", e);
        }
    }

    /**
     * Wraps an already connected socket, e.g. one a mote emulator accepted; the link owns it from now on.
     */
    public static TcpSerialLink of(Socket socket, String name) throws LinkFailedException {
        try {
            socket.setTcpNoDelay(true);
            return new TcpSerialLink(socket, name);
        } catch (IOException e) {
            closeQuietly(socket);
            throw new LinkFailedException(name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length, int timeoutMillis) throws LinkFailedException {
        try {
            int t = Math.max(1, timeoutMillis);
            if (t != currentTimeout) {
                socket.setSoTimeout(t);
                currentTimeout = t;
            }
            int n = in.read(buffer, offset, length);
            if (n < 0) {
                throw new LinkFailedException(name + ": connection closed by the peer");
            }
            return n;
        } catch (SocketTimeoutException e) {
            return 0;
        } catch (LinkFailedException e) {
            throw e;
        } catch (IOException e) {
            throw new LinkFailedException(name + ": read failed (" + e.getMessage() + ")", e);
        }
    }

    @Override
    public void write(byte[] bytes) throws LinkFailedException {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new LinkFailedException(name + ": write failed (" + e.getMessage() + ")", e);
        }
    }

    @Override
    public String describe() {
        return name;
    }

    @Override
    public void close() {
        closeQuietly(socket);
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }

    @Override
    public String toString() {
        return "TcpSerialLink[" + name + "]";
    }
}
