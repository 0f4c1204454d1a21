package io.sixjoin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code docs/cli.md} is what {@link CliReference} renders from the command line's picocli model, byte for byte, so a
 * new option or command cannot ship without its documentation. With {@code -Dsixjoin.writeDocs=true} the test
 * rewrites the file instead of failing (the command is {@link CliReference#REGENERATE}); review the diff like code.
 */
class CliReferenceTest {
    /** Surefire runs in the module directory, cli/; the docs are at the repository root. */
    private static final Path DOC = Path.of("..", "docs", "cli.md");

    @Test
    void docsCliMdIsGeneratedFromTheCommandModel() throws IOException {
        String generated = CliReference.markdown();
        if (Boolean.getBoolean("sixjoin.writeDocs")) {
            Files.writeString(DOC, generated, StandardCharsets.UTF_8);
            return;
        }
        String onDisk = Files.exists(DOC) ? Files.readString(DOC, StandardCharsets.UTF_8) : "";
        if (!onDisk.equals(generated)) {
            fail("docs/cli.md is out of date with the sixjoin command line (first difference at line "
                    + firstDifferentLine(onDisk, generated) + "); regenerate it from the repository root with: "
                    + CliReference.REGENERATE);
        }
    }

    @Test
    void everyVisibleCommandIsDocumentedAndHiddenOnesAreNot() {
        CommandLine root = SixjoinCommand.newCommandLine();
        root.addSubcommand("secret", new CommandLine(new Hidden()));
        String md = CliReference.markdown(root);
        assertTrue(md.contains("\n## sixjoin pledges import\n"), md);
        assertTrue(md.contains("\n## sixjoin help\n"), md);
        assertTrue(md.contains("| `--eui64=HEX` (required) |"), md);
        assertTrue(md.contains("| `--role=node\\|6lbr` | `node` |"), "declared defaults are shown: " + md);
        assertTrue(md.contains("| `FILE.csv` |"), md);
        assertFalse(md.contains("secret"), "hidden commands stay out, as in --help");
        assertFalse(md.contains("${DEFAULT-VALUE}"), "descriptions are rendered");
    }

    @Test
    void theOutputDoesNotDependOnTheTerminal() {
        CommandLine narrow = SixjoinCommand.newCommandLine();
        narrow.setUsageHelpWidth(55);
        assertEquals(CliReference.markdown(), CliReference.markdown(narrow));
    }

    private static int firstDifferentLine(String a, String b) {
        String[] x = a.split("\n", -1);
        String[] y = b.split("\n", -1);
        int i = 0;
        while (i < x.length && i < y.length && x[i].equals(y[i])) {
            i++;
        }
        return i + 1;
    }

    @CommandLine.Command(name = "secret", hidden = true, description = "Not for users.")
    static final class Hidden implements Runnable {
        @Override
        public void run() {
        }
    }
}
