package io.sixjoin.cli.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Replaces one benchmark's generated section of a Markdown file, the text from a start marker to an end marker
 * (both kept), so each benchmark rewrites its own results and nothing else: other benchmarks' sections and the
 * hand-written analysis around them survive a rerun. A file without the markers gets the section appended; a
 * file with only one of them, or with them out of order, is refused rather than guessed at.
 */
public final class DocSection {
    private final String name;
    private final String start;
    private final String end;

    /** A section delimited by {@code <!-- NAME start -->} and {@code <!-- NAME end -->}. */
    public DocSection(String name) {
        this.name = name;
        this.start = "<!-- " + name + " start -->";
        this.end = "<!-- " + name + " end -->";
    }

    /** Refuses, before a benchmark spends minutes running, an {@code --out} file this section could not go into. */
    public void checkTarget(Path target) {
        Path parent = target.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new IllegalArgumentException("--out " + target + ": directory " + parent
                    + " does not exist (run from the source tree, or give --out)");
        }
        if (Files.isDirectory(target)) {
            throw new IllegalArgumentException("--out " + target + " is a directory, not a Markdown file");
        }
        if (Files.exists(target)) {
            try {
                check(Files.readString(target, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new IllegalArgumentException("--out " + target + ": cannot read it: " + e.getMessage());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--out " + target + ": " + e.getMessage());
            }
        }
    }

    /**
     * Re-reads {@code target} (someone, or another benchmark, may have changed it during the run) and replaces only
     * this section, through a temporary file named after the section so two benchmarks cannot clobber each other.
     */
    public void writeInto(Path target, String body) throws IOException {
        String doc = Files.exists(target) ? Files.readString(target, StandardCharsets.UTF_8)
                : "# sixjoin benchmarks\n";
        Path tmp = target.resolveSibling(target.getFileName() + "." + name.replace(' ', '-') + ".tmp");
        Files.writeString(tmp, replace(doc, body), StandardCharsets.UTF_8);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    public String startMarker() {
        return start;
    }

    public String endMarker() {
        return end;
    }

    /**
     * Checks that {@code document} can take this section, before anything is spent computing it.
     *
     * @throws IllegalArgumentException naming the problem if the markers are unbalanced or out of order
     */
    public void check(String document) {
        int s = document.indexOf(start);
        int e = document.indexOf(end);
        if ((s < 0) != (e < 0)) {
            throw new IllegalArgumentException("found " + (s < 0 ? end : start) + " without "
                    + (s < 0 ? start : end) + ": fix the markers by hand so the section can be replaced");
        }
        if (s >= 0 && (e < s || document.indexOf(start, s + 1) >= 0 || document.indexOf(end, e + 1) >= 0)) {
            throw new IllegalArgumentException("the markers " + start + " and " + end
                    + " must appear once each, in that order");
        }
    }

    /**
     * {@code document} with the section's body replaced by {@code body} (which should not contain the markers),
     * or with a new section appended when it has none.
     */
    public String replace(String document, String body) {
        check(document);
        String section = start + "\n" + (body.endsWith("\n") ? body : body + "\n") + end;
        int s = document.indexOf(start);
        if (s < 0) {
            String sep = document.isEmpty() ? "" : document.endsWith("\n\n") ? "" : document.endsWith("\n") ? "\n"
                    : "\n\n";
            return document + sep + section + "\n";
        }
        int e = document.indexOf(end) + end.length();
        return document.substring(0, s) + section + document.substring(e);
    }
}
