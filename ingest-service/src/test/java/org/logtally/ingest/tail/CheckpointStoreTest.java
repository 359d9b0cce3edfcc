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
        assertEquals(List.of(), new CheckpointStore(directory.resolve("none")).load());
    }

    @Test
    void savedCheckpointsLoadBack() throws Exception {
        CheckpointStore store = new CheckpointStore(directory.resolve("data"));
        List<Checkpoint> checkpoints = List.of(
                new Checkpoint("a", "/var/log/a.log", 64769, 1234, 2, "ab12", 120, 4096),
                new Checkpoint("b", "/var/log/b.log", 64769, 99, 0, null, 0, 0));

        store.save(checkpoints);
        store.save(checkpoints);

        assertEquals(checkpoints, store.load());
        assertFalse(Files.exists(directory.resolve("data").resolve(CheckpointStore.FILE_NAME + ".tmp")));
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
