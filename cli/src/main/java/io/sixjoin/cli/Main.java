package io.sixjoin.cli;

import picocli.CommandLine;

/** Entry point of the runnable jar; exits with the code the chosen command returns. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(SixjoinCommand.newCommandLine().execute(args));
    }
}
