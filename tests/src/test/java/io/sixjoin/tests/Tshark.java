package io.sixjoin.tests;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Decodes a capture with {@code tshark -r}, as a user opening it in Wireshark would, and collects every packet
 * Wireshark calls malformed: a dissector gave up on it ({@code [Malformed Packet]}, an exception) or raised an
 * expert item of the "Malformed" group. Two Wireshark shortcomings are worked around, narrowly. CoAP messages with
 * an RFC 8974 extended token (TKL nibble 13 or 14, as the stateless join proxies send them) are misread by
 * Wireshark 4.0, which takes the token's length nibble as the length itself and then parses options, even OSCORE,
 * out of the token's bytes, producing any error up to an exception; such frames are decoded a second time with
 * CoAP disabled, and everything below CoAP must then be clean (the CoAP messages themselves are parsed by
 * {@link NonceAudit} with an RFC 8974 parser). And CoAP option 40, OpenWSN's Stateless-Proxy option that the
 * {@code openwsn} profile carries, has no IANA number, so Wireshark calls it invalid; that one item is let pass.
 * Both are counted as "excused".
 */
final class Tshark {
    static final int MALFORMED_GROUP = 0x07000000;
    private static final String OPENWSN_OPTION_40 = "Invalid Option Number 40";

    private Tshark() {
    }

    /** What decoding one capture found. */
    record Decoded(Path file, int frames, List<String> malformed, int excused) {
        @Override
        public String toString() {
            return file.getFileName() + ": " + frames + " frames, " + malformed.size() + " malformed, " + excused
                    + " excused";
        }
    }

    static boolean available() {
        try {
            Process p = new ProcessBuilder("tshark", "--version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Decodes {@code pcap} fully; fails if tshark cannot read it (a truncated or corrupt file). */
    static Decoded decode(Path pcap) throws IOException, InterruptedException {
        List<Frame> frames = fields(pcap);
        List<Frame> withoutCoap = null;
        int excused = 0;
        List<String> malformed = new ArrayList<>();
        for (Frame f : frames) {
            List<String> bad = new ArrayList<>();
            boolean anyExcused = false;
            if (f.extendedToken()) {
                if (withoutCoap == null) {
                    withoutCoap = fields(pcap, "--disable-protocol", "coap");
                }
                bad.addAll(withoutCoap.get(f.number() - 1).malformed());
                anyExcused = true;
            } else {
                for (String m : f.malformed()) {
                    if (f.protocols().contains("coap") && m.equals(OPENWSN_OPTION_40)) {
                        anyExcused = true;
                    } else {
                        bad.add(m);
                    }
                }
            }
            if (!bad.isEmpty()) {
                malformed.add("frame " + f.number() + " (" + f.protocols() + "): " + String.join("; ", bad));
            } else if (anyExcused) {
                excused++;
            }
        }
        return new Decoded(pcap, frames.size(), malformed, excused);
    }

    /** A frame as tshark decoded it: its protocols, whether it holds an RFC 8974 CoAP token, its Malformed items. */
    private record Frame(int number, String protocols, boolean extendedToken, List<String> malformed) {
    }

    private static List<Frame> fields(Path pcap, String... options) throws IOException, InterruptedException {
        // One column per field; within a column, repeated fields joined by '|'. Expert groups and messages come in
        // the same order, so they pair up.
        List<String> command = new ArrayList<>(List.of("tshark", "-r", pcap.toString()));
        command.addAll(List.of(options));
        command.addAll(List.of("-T", "fields", "-E", "separator=/t", "-E", "occurrence=a", "-E", "aggregator=|",
                "-e", "frame.number", "-e", "frame.protocols", "-e", "coap.token_len",
                "-e", "_ws.expert.group", "-e", "_ws.expert.message"));
        Cli.Run r = Cli.run(pcap.getParent(), Duration.ofSeconds(120), command);
        if (r.exit() != 0) {
            throw new AssertionError(String.join(" ", command) + " exited " + r.exit() + ": " + r.err());
        }
        List<Frame> frames = new ArrayList<>();
        for (String line : r.out().split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            int number = Integer.parseInt(f[0]);
            if (number != frames.size() + 1) {
                throw new AssertionError(pcap + ": tshark skipped from frame " + frames.size() + " to " + number);
            }
            String protocols = f.length > 1 ? f[1] : "";
            boolean extendedToken = f.length > 2 && !f[2].isEmpty() && Stream.of(f[2].split("\\|"))
                    .mapToInt(Integer::parseInt).anyMatch(tkl -> tkl >= 13);
            String[] groups = f.length > 3 && !f[3].isEmpty() ? f[3].split("\\|") : new String[0];
            String[] messages = f.length > 4 && !f[4].isEmpty() ? f[4].split("\\|") : new String[0];
            List<String> malformed = new ArrayList<>();
            if (groups.length != messages.length) {
                malformed.add("expert items do not pair up: " + line);
            } else {
                for (int i = 0; i < groups.length; i++) {
                    if (Integer.decode(groups[i]) == MALFORMED_GROUP) {
                        malformed.add(messages[i]);
                    }
                }
            }
            frames.add(new Frame(number, protocols, extendedToken, malformed));
        }
        return frames;
    }
}
