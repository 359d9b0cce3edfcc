package org.logtally.ingest.tail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Reads and writes {@code checkpoints.json}. A write goes to a temporary file that is synced
 * and then atomically moved over the old file, so a crash leaves either the old or the new
 * checkpoints, never a mix. All methods block and must run on a worker thread.
 */
public final class CheckpointStore {

    static final String FILE_NAME = "checkpoints.json";

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final Path directory;
    private final Path file;
    private final Path temporary;

    public CheckpointStore(Path directory) {
        this.directory = directory;
        this.file = directory.resolve(FILE_NAME);
        this.temporary = directory.resolve(FILE_NAME + ".tmp");
    }

    public Path file() {
        return file;
    }

    /**
     * Returns the stored checkpoints, or empty lists when there is no checkpoint file yet.
     *
     * @throws IllegalStateException when the file exists but cannot be read
     */
    public CheckpointFile load() {
        byte[] json;
        try {
            json = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return new CheckpointFile(CheckpointFile.VERSION, List.of(), List.of(), List.of());
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read checkpoint file " + file + ": " + e, e);
        }
        try {
            CheckpointFile stored = MAPPER.readValue(json, CheckpointFile.class);
            if (stored.version() != CheckpointFile.VERSION) {
                throw new IllegalStateException("Checkpoint file " + file + " has version " + stored.version()
                        + ", but this build reads version " + CheckpointFile.VERSION);
            }
            return new CheckpointFile(stored.version(), orEmpty(stored.files()), orEmpty(stored.ended()),
                    orEmpty(stored.backfilled()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Invalid checkpoint file " + file + ": " + e.getOriginalMessage()
                    + ". Fix or remove it. Without it, every file is read again from offset 0.", e);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read checkpoint file " + file + ": " + e, e);
        }
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    /** Replaces the stored checkpoints with {@code checkpoints}. */
    public void save(CheckpointFile checkpoints) throws IOException {
        Files.createDirectories(directory);
        byte[] json = MAPPER.writeValueAsBytes(checkpoints);
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(json);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        // Syncing the directory makes the rename itself durable on Linux file systems.
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        }
    }
}
