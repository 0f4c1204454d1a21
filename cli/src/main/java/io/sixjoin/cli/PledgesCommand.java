package io.sixjoin.cli;

import io.sixjoin.jrc.store.CsvError;
import io.sixjoin.jrc.store.JrcStore;
import io.sixjoin.jrc.store.PledgeCsv;
import io.sixjoin.jrc.store.PledgeEntry;
import io.sixjoin.jrc.store.PledgeFields;
import io.sixjoin.jrc.store.ProvisionedPledge;
import io.sixjoin.stack.cojp.PledgeId;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sixjoin pledges}: provisions the pledges the JRC admits (RFC 9031 §3: an identifier and a PSK
 * each). Changes go straight to the store the JRC reads, so a running JRC admits a new pledge at its
 * next Join Request without a restart. PSKs are accepted but never printed; listings show a fingerprint.
 */
@Command(name = "pledges",
        description = "Provision the pledges the JRC admits (EUI-64 + PSK); works while the JRC runs.",
        subcommands = {PledgesCommand.AddCommand.class, PledgesCommand.ImportCommand.class,
            PledgesCommand.ListCommand.class, PledgesCommand.RemoveCommand.class},
        footer = {"", "Exit codes: 0 success, 1 failure at run time (e.g. database unusable), 2 bad usage or input."})
public final class PledgesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("sixjoin pledges: missing subcommand: add, import, list or remove");
        spec.commandLine().usage(spec.commandLine().getErr());
        return StoreCommand.USAGE;
    }

    static PledgeId eui64(String text) {
        return option("--eui64", () -> PledgeFields.parseEui64(text));
    }

    /** Runs a parser for one option, turning its complaint into a bad-input error that names the option. */
    static <T> T option(String name, Supplier<T> parser) {
        try {
            return parser.get();
        } catch (IllegalArgumentException e) {
            throw new BadInputException(name + ": " + e.getMessage());
        }
    }

    @Command(name = "add", description = "Provision one pledge.")
    static final class AddCommand extends StoreCommand {
        @Option(names = "--eui64", required = true, paramLabel = "HEX",
                description = "The pledge's EUI-64: 16 hex digits, ':' or '-' separators allowed.")
        String eui64;

        @Option(names = "--psk", required = true, paramLabel = "HEX",
                description = "Its pre-shared key: 32 to 128 hex digits (16 to 64 bytes). Visible to 'ps';"
                        + " prefer 'pledges import' on shared hosts.")
        String psk;

        @Option(names = "--role", paramLabel = "node|6lbr", defaultValue = "node",
                description = "Role it may join as (default: ${DEFAULT-VALUE}).")
        String role;

        @Override
        int execute() {
            ProvisionedPledge pledge = new ProvisionedPledge(eui64(eui64),
                    option("--psk", () -> PledgeFields.parsePsk(psk)),
                    option("--role", () -> PledgeFields.parseRole(role)));
            try (JrcStore s = openStore()) {
                s.pledges().add(pledge);
            }
            out().printf("added %s (%s, psk fp %s)%n", pledge.id(), pledge.role().cliName(),
                    pledge.psk().fingerprint());
            return OK;
        }
    }

    @Command(name = "import", description = {"Provision every pledge of a CSV file, or none if any row is bad.",
        "Format: UTF-8, header 'eui64,psk' or 'eui64,psk,role', one pledge per line; '#' comments and"
                + " blank lines are ignored."})
    static final class ImportCommand extends StoreCommand {
        @Parameters(paramLabel = "FILE.csv", description = "The CSV file to import.")
        Path file;

        @Override
        int execute() throws IOException {
            if (Files.isDirectory(file)) {
                throw new BadInputException("cannot read " + file + ": it is a directory, give a CSV file");
            }
            byte[] csv;
            try (InputStream in = Files.newInputStream(file)) {
                csv = in.readNBytes((int) PledgeCsv.MAX_BYTES + 1); // the parser reports a larger file
            } catch (NoSuchFileException e) {
                throw new BadInputException("cannot read " + file + ": no such file");
            } catch (AccessDeniedException e) {
                throw new BadInputException("cannot read " + file + ": permission denied");
            }
            // A bad file must not create a store, as no bad input does. Where there is no store yet, nothing can be
            // provisioned already, so the file on its own shows every problem; an existing store is opened so that
            // rows it already has are reported together with the rest.
            PledgeCsv.Result alone = PledgeCsv.parse(csv, id -> false);
            if (!alone.isValid() && !storeExists()) {
                return refuse(alone);
            }
            try (JrcStore s = openStore()) {
                PledgeCsv.Result result = PledgeCsv.parse(csv, id -> s.pledges().find(id).isPresent());
                if (!result.isValid()) {
                    return refuse(result);
                }
                int n = s.pledges().importAll(result.pledges());
                out().println("imported " + n + (n == 1 ? " pledge" : " pledges"));
                return OK;
            }
        }

        /** False only when the store is a file that is not there yet; other JDBC URLs are assumed to exist. */
        private boolean storeExists() {
            return store.location().sqliteFile().map(Files::exists).orElse(true);
        }

        /** One line per problem, as compilers print them ({@code file.csv:7: ...}), then what happened. */
        private int refuse(PledgeCsv.Result result) {
            for (CsvError e : result.errors()) {
                err().println(e.format(file.toString()));
            }
            long bad = result.errors().stream().filter(e -> e.line() > 0).count();
            return fail(USAGE, "nothing imported: fix the " + (bad == 1 ? "error" : bad > 1 ? bad + " errors" : "errors")
                    + " above and run again");
        }
    }

    @Command(name = "list", description = "List provisioned pledges (PSKs only as fingerprints).")
    static final class ListCommand extends StoreCommand {
        @Override
        int execute() {
            List<PledgeEntry> entries;
            try (JrcStore s = openStore()) {
                entries = s.pledges().list();
            }
            if (entries.isEmpty()) {
                out().println("no pledges provisioned");
                return OK;
            }
            int idWidth = Math.max("EUI-64".length(),
                    entries.stream().mapToInt(e -> e.pledge().id().hex().length()).max().orElse(0));
            String row = "%-" + idWidth + "s  %-4s  %-15s  %s%n";
            out().printf(row, "EUI-64", "role", "PSK fingerprint", "added");
            for (PledgeEntry e : entries) {
                out().printf(row, e.pledge().id(), e.pledge().role().cliName(), e.pledge().psk().fingerprint(),
                        e.addedAt().truncatedTo(ChronoUnit.SECONDS));
            }
            return OK;
        }
    }

    @Command(name = "remove",
            description = "Remove a pledge; it can no longer join (a node that already joined stays until evicted).")
    static final class RemoveCommand extends StoreCommand {
        @Option(names = "--eui64", required = true, paramLabel = "HEX", description = "The pledge's EUI-64.")
        String eui64;

        @Override
        int execute() {
            PledgeId id = eui64(eui64);
            try (JrcStore s = openStore()) {
                s.pledges().remove(id);
            }
            out().println("removed " + id);
            return OK;
        }
    }
}
