package io.sixjoin.cli;

/**
 * A command's input is wrong in a way the user must fix (a malformed EUI-64, a bad CSV row, a missing
 * file); commands turn it into one line on stderr and exit code 2. The message names the bad input and
 * the fix, and must never contain a secret.
 */
public final class BadInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BadInputException(String message) {
        super(message);
    }
}
