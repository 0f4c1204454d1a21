package io.sixjoin.bridge;

import io.sixjoin.stack.cojp.JumpAheadSequence;
import io.sixjoin.stack.cojp.PledgeId;
import io.sixjoin.stack.oscore.ReplayWindow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * The bridge's non-volatile memory for its own OSCORE Sender Sequence Numbers (RFC 9031 §7.3.1: a 6LBR pledge
 * must persist them, or a restarted bridge would send Join Requests under nonces it already used). One small file
 * per pledge identity, {@code DIR/<pledge-id>.seq}, holding the RFC 8613 App. B.1.1 value as decimal text. A
 * write goes to a temporary file that is forced to disk and then atomically renamed, so a crash leaves either the
 * old or the new value, never a torn one. The directory is created owner-only.
 */
public final class SequenceFiles {
    private SequenceFiles() {
    }

    /** Stores in {@code directory}, one per pledge identity. */
    public static Function<PledgeId, JumpAheadSequence.Store> in(Path directory) {
        return pledge -> new FileStore(directory, directory.resolve(pledge.hex() + ".seq"));
    }

    /** Stores that live as long as the process: for tests and in-process runs that do not restart. */
    public static Function<PledgeId, JumpAheadSequence.Store> inMemory() {
        return pledge -> new JumpAheadSequence.InMemoryStore();
    }

    /**
     * The bridge's replay window for Parameter Updates from the JRC (RFC 9031 §7.3.1: every update persisted),
     * {@code DIR/<pledge-id>.window} as "highest bitmap"; same atomic write as the sequence file.
     */
    public static Function<PledgeId, WindowStore> windowsIn(Path directory) {
        return pledge -> new FileWindowStore(new FileStore(directory, directory.resolve(pledge.hex() + ".window")));
    }

    /** Windows that live as long as the process (tests). */
    public static Function<PledgeId, WindowStore> windowsInMemory() {
        return pledge -> new WindowStore() {
            private ReplayWindow window = ReplayWindow.EMPTY;

            @Override
            public ReplayWindow load() {
                return window;
            }

            @Override
            public void save(ReplayWindow w) {
                window = w;
            }
        };
    }

    /** Non-volatile memory of one replay window. */
    public interface WindowStore {
        ReplayWindow load();

        void save(ReplayWindow window);
    }

    private record FileWindowStore(FileStore file) implements WindowStore {
        @Override
        public ReplayWindow load() {
            return file.loadText().map(t -> {
                String[] parts = t.split(" ");
                try {
                    return new ReplayWindow(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
                } catch (RuntimeException e) {
                    throw new IllegalStateException(file.file() + " is corrupt: delete it only together with giving"
                            + " the bridge a new PSK", e);
                }
            }).orElse(ReplayWindow.EMPTY);
        }

        @Override
        public void save(ReplayWindow w) {
            file.saveText(w.highest() + " " + w.bitmap());
        }
    }

    private record FileStore(Path directory, Path file) implements JumpAheadSequence.Store {
        java.util.Optional<String> loadText() {
            try {
                if (!Files.exists(file)) {
                    return java.util.Optional.empty();
                }
                if (Files.size(file) > 64) {
                    throw new IllegalStateException(file + " is not a bridge state file (too large); move it away");
                }
                return java.util.Optional.of(Files.readString(file, StandardCharsets.US_ASCII).trim());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }

        @Override
        public OptionalLong load() {
            try {
                java.util.Optional<String> read = loadText();
                if (read.isEmpty()) {
                    return OptionalLong.empty();
                }
                long value = Long.parseLong(read.get());
                if (value < 0) {
                    throw new NumberFormatException("negative");
                }
                return OptionalLong.of(value);
            } catch (NumberFormatException e) {
                // Guessing a value could reuse a nonce; the operator must decide (new PSK, or restore the file).
                throw new IllegalStateException(file + " is corrupt (" + e.getMessage() + "): give the bridge a new"
                        + " PSK and delete the file, or restore it from a backup", e);
            }
        }

        @Override
        public void save(long value) {
            saveText(Long.toString(value));
        }

        void saveText(String value) {
            try {
                if (!Files.isDirectory(directory)) {
                    Files.createDirectories(directory,
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                }
                Path tmp = directory.resolve(file.getFileName() + ".tmp");
                try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING)) {
                    ch.write(ByteBuffer.wrap((value + "\n").getBytes(StandardCharsets.US_ASCII)));
                    ch.force(true);
                }
                try {
                    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } catch (IOException e) {
                // Not stored means not usable: the caller must not send with a number this write was to cover.
                throw new UncheckedIOException("cannot store the bridge's sequence number in " + file, e);
            }
        }
    }
}
