package io.sixjoin.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Removal of a whole state directory, for the commands and benchmarks that start each run from a fresh JRC store
 * ({@code emulate}, {@code demo}, {@code bench}). Children go before their parents; a directory that does not exist
 * is already gone.
 */
public final class DirectoryTree {
    private DirectoryTree() {
    }

    /** Deletes {@code dir} and everything below it. */
    public static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(dir)) {
            paths = walk.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path p : paths) {
            Files.deleteIfExists(p);
        }
    }
}
