package io.sixjoin.bridge.serial;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A {@link SerialLink} over a local serial device through jSerialComm: a USB-UART of an OpenMote, a CDC-ACM
 * board, or a pty (socat, an emulator), opened by name since jSerialComm does not enumerate ptys. The port runs
 * 8N1 with flow control off: OpenWSN's XON/XOFF bytes are escaped in-band and filtered by the framing layer, so
 * letting the tty interpret them would eat data bytes. A read error, a write that cannot complete, or a device
 * node that disappeared all end the link with {@link LinkFailedException}.
 */
public final class JSerialCommLink implements SerialLink {
    /** How long a write may block before the mote is considered gone (a 200-byte frame needs ~17 ms). */
    static final int WRITE_TIMEOUT_MILLIS = 2000;

    private final SerialPort port;
    private final String path;
    private final int baud;
    private int currentReadTimeout = -1;
    private volatile boolean closed;

    private JSerialCommLink(SerialPort port, String path, int baud) {
        this.port = port;
        this.path = path;
        this.baud = baud;
    }

    /**
     * Opens {@code path} (a device, a pty or a symlink to either) at {@code baud}.
     *
     * @throws LinkFailedException naming the path and what to check if it cannot be opened
     */
    public static JSerialCommLink open(String path, int baud) throws LinkFailedException {
        if (!path.regionMatches(true, 0, "COM", 0, 3) && !Files.exists(Path.of(path))) {
            throw new LinkFailedException(path + ": no such device (is the mote plugged in? 'sixjoin bridge"
                    + " --list-ports' shows the serial ports found)");
        }
        SerialPort port;
        try {
            port = SerialPort.getCommPort(path);
        } catch (SerialPortInvalidPortException e) {
            throw new LinkFailedException(path + ": not a serial port (" + e.getMessage() + ")", e);
        }
        port.setComPortParameters(baud, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        port.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
        if (!port.openPort()) {
            throw new LinkFailedException(path + ": cannot open (error " + port.getLastErrorCode()
                    + "; is another program such as OpenVisualizer using it, or do you lack permission? on Linux"
                    + " add yourself to the 'dialout' group)");
        }
        JSerialCommLink link = new JSerialCommLink(port, path, baud);
        link.setReadTimeout(100);
        return link;
    }

    @Override
    public int read(byte[] buffer, int offset, int length, int timeoutMillis) throws LinkFailedException {
        checkOpen();
        setReadTimeout(Math.max(1, timeoutMillis));
        long started = System.nanoTime();
        int n = port.readBytes(buffer, length, offset);
        if (n < 0) {
            throw gone("read failed");
        }
        if (n == 0 && (System.nanoTime() - started) < (timeoutMillis / 2) * 1_000_000L) {
            // A hung-up tty reports "readable" at once with nothing to read; a live one makes us wait.
            if (port.bytesAvailable() < 0 || !Files.exists(Path.of(path))) {
                throw gone("device vanished");
            }
        }
        return n;
    }

    @Override
    public void write(byte[] bytes) throws LinkFailedException {
        checkOpen();
        int done = 0;
        while (done < bytes.length) {
            int n = port.writeBytes(bytes, bytes.length - done, done);
            if (n <= 0) {
                throw gone("write failed");
            }
            done += n;
        }
    }

    private synchronized void setReadTimeout(int millis) {
        if (millis != currentReadTimeout) {
            port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING,
                    millis, WRITE_TIMEOUT_MILLIS);
            currentReadTimeout = millis;
        }
    }

    private void checkOpen() throws LinkFailedException {
        if (closed) {
            throw new LinkFailedException(describe() + ": closed");
        }
    }

    private LinkFailedException gone(String what) {
        return new LinkFailedException(describe() + ": " + what + " (unplugged, or the mote reset its USB?)");
    }

    @Override
    public String describe() {
        return path + " @ " + baud;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            port.closePort();
        }
    }

    @Override
    public String toString() {
        return "JSerialCommLink[" + describe() + "]";
    }
}
