package io.sixjoin.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The root {@code sixjoin} command. It does nothing on its own but print usage; each job (JRC, bridge,
 * emulator, demo, provisioning) is a subcommand added by the issue that delivers it.
 */
@Command(
        name = "sixjoin",
        mixinStandardHelpOptions = true,
        versionProvider = SixjoinCommand.Version.class,
        description = {
            "A 6TiSCH join stack: an RFC 9031 Join Registrar/Coordinator (CoJP over OSCORE),",
            "a radio bridge for OpenWSN border-router motes, and a 6TiSCH mote emulator.",
            ""
        },
        subcommands = {CommandLine.HelpCommand.class, JrcCommand.class, PledgesCommand.class, NetworkCommand.class, BenchCommand.class, BridgeCommand.class, EmulateCommand.class, DemoCommand.class},
        footer = {"", "Exit codes: 0 success, 1 failure at run time, 2 bad usage.",
            "Documentation: README.md and docs/ in the source tree."})
public final class SixjoinCommand implements Runnable {

    @Spec
    CommandSpec spec;

    /** Builds the command line with the exit codes and error handling every subcommand shares. */
    public static CommandLine newCommandLine() {
        return new CommandLine(new SixjoinCommand())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setParameterExceptionHandler(SixjoinCommand::oneLineUsageError);
    }

    /**
     * A mistyped command line gets one line naming the problem and where help is, instead of picocli's full
     * usage text, so the message is the first thing a user (or a script's log) sees. Exit code 2.
     */
    private static int oneLineUsageError(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        String name = cmd.getCommandSpec().qualifiedName();
        cmd.getErr().println(name + ": " + e.getMessage() + " (see '" + name + " --help')");
        return cmd.getCommandSpec().exitCodeOnInvalidInput();
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Reads the version Maven wrote into the jar, so {@code --version} never drifts from the build. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream in = SixjoinCommand.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            return new String[] {"sixjoin " + p.getProperty("version", "unknown"),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
        }
    }
}
