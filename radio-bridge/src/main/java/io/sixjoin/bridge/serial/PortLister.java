package io.sixjoin.bridge.serial;

import com.fazecast.jSerialComm.SerialPort;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

/**
 * What {@code sixjoin bridge --list-ports} prints: every serial port the OS reports, with the descriptions
 * jSerialComm finds (USB product string, driver), so a user can tell the OpenMote from other adapters. ptys
 * are never listed (jSerialComm does not enumerate them) and the output says so, since emulator users look for
 * them here. The port source is injected so the formatting is testable without hardware.
 */
public final class PortLister {
    /** One port as the OS reports it. */
    public record PortInfo(String path, String name, String description) {
    }

    private final Supplier<List<PortInfo>> source;

    public PortLister(Supplier<List<PortInfo>> source) {
        this.source = source;
    }

    /** A lister over the ports jSerialComm finds on this machine. */
    public static PortLister system() {
        return new PortLister(() -> Arrays.stream(SerialPort.getCommPorts())
                .map(p -> new PortInfo(p.getSystemPortPath(), p.getDescriptivePortName(), p.getPortDescription()))
                .toList());
    }

    /** The lines to print, one per port, plus a hint when none (or no pty) can be listed. */
    public List<String> lines() {
        List<PortInfo> ports = new ArrayList<>(source.get());
        ports.sort(Comparator.comparing(PortInfo::path));
        List<String> out = new ArrayList<>();
        if (ports.isEmpty()) {
            out.add("no serial ports found (is the mote plugged in? on Linux check 'dmesg' and membership of the"
                    + " 'dialout' group)");
        }
        for (PortInfo p : ports) {
            StringBuilder line = new StringBuilder(p.path());
            if (p.name() != null && !p.name().isBlank()) {
                line.append("  ").append(p.name().trim());
            }
            if (p.description() != null && !p.description().isBlank() && !p.description().equals(p.name())) {
                line.append(" (").append(p.description().trim()).append(')');
            }
            out.add(line.toString());
        }
        out.add("ptys and TCP lines are not listed: pass them directly, e.g. --serial /tmp/mote-pty or"
                + " --serial tcp://localhost:20000");
        return out;
    }
}
