package io.sixjoin.cli;

import io.sixjoin.jrc.store.JrcStore;
import io.sixjoin.jrc.store.StoreException;
import java.io.PrintWriter;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Base of the commands that work on the JRC store. It owns the exit-code contract scripts rely on — 0
 * done, 1 failed at run time (e.g. the database is unusable), 2 bad usage or bad input — and turns every
 * failure into one line on stderr without a stack trace. Subclasses validate their input first and open
 * the store only then, so a typo never creates a data directory.
 */
abstract class StoreCommand implements Callable<Integer> {
    static final int OK = 0;
    static final int FAILURE = 1;
    static final int USAGE = 2;

    @Spec
    CommandSpec spec;

    @Mixin
    StoreOptions store;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    /** The command's work; returns its exit code. */
    abstract int execute() throws Exception;

    @Override
    public final Integer call() {
        try {
            return execute();
        } catch (BadInputException e) {
            return fail(USAGE, e.getMessage());
        } catch (StoreException e) {
            return fail(e.isUserError() ? USAGE : FAILURE, e.getMessage());
        } catch (Exception e) {
            // Unexpected: still one line, with the type so a bug report can name it.
            return fail(FAILURE, "failed: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** Opens the store the user chose; the system clock and a SecureRandom are chosen here, at the edge. */
    JrcStore openStore() {
        return store.open(Clock.systemUTC(), new SecureRandom());
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    int fail(int code, String message) {
        err().println(spec.qualifiedName() + ": " + message);
        err().flush();
        return code;
    }
}
