package io.sixjoin.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sixjoin.stack.cojp.JumpAheadSequence;
import io.sixjoin.stack.cojp.PledgeId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bridge's own sequence numbers survive restarts, and a damaged file stops it instead of guessing. */
class SequenceFilesTest {
    static final PledgeId ID = PledgeId.parse("00124b0014b5d2a1");

    @Test
    void restartsNeverReuseANumber(@TempDir Path dir) {
        Set<Long> used = new HashSet<>();
        for (int boot = 0; boot < 5; boot++) {
            JumpAheadSequence s = new JumpAheadSequence(SequenceFiles.in(dir.resolve("state")).apply(ID));
            for (int i = 0; i < boot * 7; i++) {
                assertTrue(used.add(s.next()), "reused a sequence number after " + boot + " restarts");
            }
        }
        assertTrue(Files.exists(dir.resolve("state").resolve(ID.hex() + ".seq")));
    }

    @Test
    void theStateDirectoryIsOwnerOnly(@TempDir Path dir) throws Exception {
        new JumpAheadSequence(SequenceFiles.in(dir.resolve("state")).apply(ID)).next();
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("state"))));
    }

    @Test
    void aCorruptFileIsAnErrorNamingTheFix(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(ID.hex() + ".seq"), "not a number");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new JumpAheadSequence(SequenceFiles.in(dir).apply(ID)));
        assertTrue(e.getMessage().contains("new PSK"), e.getMessage());
        Files.write(dir.resolve(ID.hex() + ".seq"), new byte[100]);
        assertThrows(IllegalStateException.class, () -> new JumpAheadSequence(SequenceFiles.in(dir).apply(ID)));
    }
}
