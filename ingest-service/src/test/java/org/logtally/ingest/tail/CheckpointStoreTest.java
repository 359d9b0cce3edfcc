package org.logtally.ingest.tail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CheckpointStoreTest {

    @TempDir
    Path directory;

    @Test
    void missingFileLoadsEmpty() {
        CheckpointFile loaded = new CheckpointStore(directory.resolve("none")).load();

        assertEquals(List.of(), loaded.files());
        assertEquals(List.of(), loaded.ended());
        assertEquals(List.of(), loaded.backfilled());
    }

    @Test
    void savedCheckpointsLoadBack() throws Exception {
        CheckpointStore store = new CheckpointStore(directory.resolve("data"));
        CheckpointFile checkpoints = new CheckpointFile(CheckpointFile.VERSION, List.of(
                new Checkpoint("a", "/var/log/a.log", 64769, 1234, 2, null, "ab12", 120, 4096, false),
                new Checkpoint("b", "/var/log/b.log", 64769, 99, 0, "64769:98:0", "cd34", 80, 160, true),
                new Checkpoint("c", "/var/log/c.log", 64769, 7, 0, null, "ef", 80, 800, false, 5000L, null),
                new Checkpoint("d", "/var/log/d.log", 64769, 8, 0, null, "ef", 80, 900, false, null, 900L)),
                List.of(new EndedGeneration("a", "64769:1234:1", "/var/log/a.log", "ef56", 120, 8000)),
                List.of(new BackfilledFile("a", "/var/log/a.log.2.gz", "first-line:ab", "ab", 90, 900, true)));

        store.save(checkpoints);
        store.save(checkpoints);

        assertEquals(checkpoints, store.load());
        assertFalse(Files.exists(directory.resolve("data").resolve(CheckpointStore.FILE_NAME + ".tmp")));
    }

    @Test
    void firstFormatLoadsWithDefaults() throws Exception {
        CheckpointStore store = new CheckpointStore(directory);
        Files.writeString(store.file(), "{\"version\":1,\"files\":[{\"site\":\"a\",\"path\":\"/var/log/a.log\","
                + "\"device\":1,\"inode\":2,\"generation\":0,\"fingerprint\":\"ab\",\"fingerprintLength\":9,"
                + "\"offset\":90}]}");

        CheckpointFile loaded = store.load();

        assertEquals(List.of(new Checkpoint("a", "/var/log/a.log", 1, 2, 0, null, "ab", 9, 90, false)), loaded.files());
        assertEquals(List.of(), loaded.ended());
    }

    @Test
    void invalidFileFailsWithPath() throws Exception {
        CheckpointStore store = new CheckpointStore(directory);
        Files.writeString(store.file(), "{not json");

        IllegalStateException e = assertThrows(IllegalStateException.class, store::load);

        assertTrue(e.getMessage().contains(store.file().toString()), e.getMessage());
    }

    @Test
    void newerVersionIsRejected() throws Exception {
        CheckpointStore store = new CheckpointStore(directory);
        Files.writeString(store.file(), "{\"version\":2,\"files\":[]}");

        IllegalStateException e = assertThrows(IllegalStateException.class, store::load);

        assertTrue(e.getMessage().contains("version 2"), e.getMessage());
    }
}
