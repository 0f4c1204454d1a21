package io.sixjoin.jrc.store;

import io.sixjoin.stack.cojp.PledgeId;
import io.sixjoin.stack.cojp.PreSharedKey;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Reads the pledge provisioning file: UTF-8 CSV with the header {@code eui64,psk} or
 * {@code eui64,psk,role}, one pledge per line, {@code #} comments and blank lines ignored, whitespace
 * around fields and CRLF line ends accepted. The file may come from anywhere, so the parser never throws
 * on content: it returns either every pledge or every problem with its line number, and it bounds its
 * memory by refusing files over {@value #MAX_BYTES} bytes, lines over {@value #MAX_LINE_BYTES} bytes and
 * more than {@value #MAX_ROWS} rows. No message ever repeats a PSK.
 */
public final class PledgeCsv {
    /** 64 MiB: far above a million pledges' worth of lines. */
    public static final long MAX_BYTES = 64L * 1024 * 1024;
    public static final int MAX_ROWS = 1_000_000;
    /** A valid line is under 200 bytes even with separators and spaces. */
    public static final int MAX_LINE_BYTES = 1024;
    /** Errors kept in full; past this only a count is kept, so a wrong file cannot exhaust memory. */
    public static final int MAX_REPORTED_ERRORS = 1000;

    private static final String HEADER_HINT = "the first line must be 'eui64,psk' or 'eui64,psk,role'";

    /** The outcome: pledges when {@link #errors()} is empty, otherwise no pledges and every error. */
    public record Result(List<ProvisionedPledge> pledges, List<CsvError> errors) {
        public Result {
            pledges = List.copyOf(pledges);
            errors = List.copyOf(errors);
        }

        public boolean isValid() {
            return errors.isEmpty();
        }
    }

    private final Predicate<PledgeId> alreadyProvisioned;
    private final List<ProvisionedPledge> pledges = new ArrayList<>();
    private final List<CsvError> errors = new ArrayList<>();
    private final Map<PledgeId, Integer> firstLine = new HashMap<>();
    private int errorCount;

    private PledgeCsv(Predicate<PledgeId> alreadyProvisioned) {
        this.alreadyProvisioned = alreadyProvisioned;
    }

    /**
     * Reads and parses a stream, reading at most {@link #MAX_BYTES} + 1 bytes of it.
     *
     * @param alreadyProvisioned tells which pledges the store already has, so they are reported here
     * @throws IOException only if the stream cannot be read
     */
    public static Result parse(InputStream in, Predicate<PledgeId> alreadyProvisioned) throws IOException {
        byte[] data = in.readNBytes((int) MAX_BYTES + 1);
        if (data.length > MAX_BYTES) {
            return new Result(List.of(), List.of(new CsvError(0, "the file is larger than 64 MiB:"
                    + " split it into several files of at most " + MAX_ROWS + " pledges")));
        }
        return parse(data, alreadyProvisioned);
    }

    /** Parses a whole file's bytes. Never throws on content. */
    public static Result parse(byte[] data, Predicate<PledgeId> alreadyProvisioned) {
        PledgeCsv p = new PledgeCsv(alreadyProvisioned);
        p.run(data);
        if (p.errorCount > p.errors.size()) {
            p.errors.add(new CsvError(0, "... and " + (p.errorCount - p.errors.size())
                    + " more errors not shown: fix the ones above and run again"));
        }
        return p.errorCount == 0 ? new Result(p.pledges, List.of()) : new Result(List.of(), p.errors);
    }

    private void run(byte[] data) {
        if (data.length > MAX_BYTES) {
            error(0, "the file is larger than 64 MiB: split it into several files");
            return;
        }
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        int start = startsWithBom(data) ? 3 : 0;
        int lineNo = 0;
        int columns = 0; // 0 until the header is read
        int rows = 0;
        while (start < data.length || (start == data.length && lineNo == 0)) {
            int end = indexOf(data, (byte) '\n', start);
            int next = end + 1;
            lineNo++;
            if (end > start && data[end - 1] == '\r') {
                end--;
            }
            if (end - start > MAX_LINE_BYTES) {
                error(lineNo, "line is longer than " + MAX_LINE_BYTES + " bytes: expected eui64,psk[,role]");
                start = next;
                continue;
            }
            String line;
            try {
                line = utf8.decode(ByteBuffer.wrap(data, start, end - start)).toString().strip();
            } catch (CharacterCodingException e) {
                error(lineNo, "not valid UTF-8: save the file as UTF-8 (plain hex needs only ASCII)");
                start = next;
                continue;
            }
            start = next;
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (columns == 0) {
                columns = header(line, lineNo);
                if (columns == 0) {
                    return; // without a header the columns are unknown, so row errors would mislead
                }
                continue;
            }
            if (++rows > MAX_ROWS) {
                fatal(lineNo, "more than " + MAX_ROWS + " pledges: split the file and import each part");
                return;
            }
            row(line, lineNo, columns);
        }
        if (columns == 0 && errorCount == 0) {
            error(1, "the file has no header: " + HEADER_HINT);
        }
    }

    private int header(String line, int lineNo) {
        String h = line.replace(" ", "").replace("\t", "").replace("\"", "").toLowerCase(Locale.ROOT);
        if (h.equals("eui64,psk")) {
            return 2;
        }
        if (h.equals("eui64,psk,role")) {
            return 3;
        }
        boolean looksLikeData = PledgeFields.hexDigits(line) >= 16;
        error(lineNo, (looksLikeData ? "missing header: " : "wrong header: ") + HEADER_HINT
                + (looksLikeData ? " (add it above the first pledge)" : ""));
        return 0;
    }

    private void row(String line, int lineNo, int columns) {
        List<String> fields = split(line, columns + 1);
        if (fields.size() < 2 || fields.size() > columns) {
            error(lineNo, "expected " + (columns == 3 ? "2 or 3 fields (eui64,psk[,role])" : "2 fields (eui64,psk)")
                    + ", found " + (fields.size() > columns ? "more than " + columns : String.valueOf(fields.size()))
                    + (columns == 2 && fields.size() == 3 ? ": add ',role' to the header to give roles"
                            : ": check for missing or stray commas"));
            return;
        }
        Optional<PledgeId> id = eui64(fields.get(0), lineNo);
        Optional<PreSharedKey> psk = psk(fields.get(1), lineNo);
        Optional<PledgeRole> role = fields.size() == 3 ? role(fields.get(2), lineNo) : Optional.of(PledgeRole.NODE);
        if (id.isPresent()) {
            Integer earlier = firstLine.putIfAbsent(id.get(), lineNo);
            if (earlier != null) {
                error(lineNo, "duplicate EUI-64 " + id.get() + ": already on line " + earlier
                        + "; keep one row per pledge");
                return;
            }
            if (alreadyProvisioned.test(id.get())) {
                error(lineNo, id.get() + " is already provisioned: delete this row, or first run"
                        + " 'sixjoin pledges remove --eui64 " + id.get() + "'");
                return;
            }
        }
        if (errorCount == 0 && id.isPresent() && psk.isPresent() && role.isPresent()) {
            pledges.add(new ProvisionedPledge(id.get(), psk.get(), role.get()));
        } else {
            pledges.clear(); // the import will be refused; only errors matter from here on
        }
    }

    // Row checks report problems as strings, not exceptions: a million bad rows must stay cheap.
    private Optional<PledgeId> eui64(String field, int lineNo) {
        String problem = PledgeFields.eui64Problem(field);
        if (problem != null) {
            error(lineNo, problem);
            return Optional.empty();
        }
        return Optional.of(PledgeId.of(HexFormat.of().parseHex(field.replace(":", "").replace("-", ""))));
    }

    private Optional<PreSharedKey> psk(String field, int lineNo) {
        String problem = PledgeFields.pskProblem(field);
        if (problem != null) {
            error(lineNo, problem);
            return Optional.empty();
        }
        return Optional.of(PreSharedKey.of(HexFormat.of().parseHex(field.replace(":", ""))));
    }

    private Optional<PledgeRole> role(String field, int lineNo) {
        Optional<PledgeRole> role = field.isEmpty() ? Optional.of(PledgeRole.NODE) : PledgeRole.fromCliName(field);
        if (role.isEmpty()) {
            error(lineNo, PledgeFields.roleProblem(field));
        }
        return role;
    }

    /** An error that ends parsing; always kept, even past the reporting cap, since it explains the stop. */
    private void fatal(int line, String message) {
        errorCount++;
        errors.add(new CsvError(line, message));
    }

    private void error(int line, String message) {
        errorCount++;
        if (errors.size() < MAX_REPORTED_ERRORS) {
            errors.add(new CsvError(line, message));
        }
    }

    /** Splits on commas into at most {@code limit} fields, so a line of commas cannot blow up memory. */
    private static List<String> split(String line, int limit) {
        List<String> out = new ArrayList<>(limit);
        int from = 0;
        while (out.size() < limit) {
            int comma = line.indexOf(',', from);
            String f = (comma < 0 ? line.substring(from) : line.substring(from, comma)).strip();
            if (f.length() >= 2 && f.startsWith("\"") && f.endsWith("\"")) {
                f = f.substring(1, f.length() - 1).strip();
            }
            out.add(f);
            if (comma < 0) {
                break;
            }
            from = comma + 1;
        }
        return out;
    }

    private static boolean startsWithBom(byte[] d) {
        return d.length >= 3 && d[0] == (byte) 0xef && d[1] == (byte) 0xbb && d[2] == (byte) 0xbf;
    }

    private static int indexOf(byte[] d, byte b, int from) {
        for (int i = from; i < d.length; i++) {
            if (d[i] == b) {
                return i;
            }
        }
        return d.length;
    }
}
