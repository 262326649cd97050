package dev.kotak.server.recovery;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * A file that exists while the server runs ({@code var/kotak.running}). Finding it at start means the previous
 * run ended without a graceful stop: a crash, a {@code kill -9}, a power cut.
 */
public final class RunMarker {
    static final String FILE_NAME = "kotak.running";

    private final Path file;

    public RunMarker(Path varDirectory) {
        this.file = varDirectory.resolve(FILE_NAME);
    }

    /**
     * Records that a run begins.
     *
     * @return true when the previous run did not stop gracefully
     */
    public boolean begin() throws IOException {
        boolean previousRunCrashed = Files.exists(file);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "pid " + ProcessHandle.current().pid() + " started " + Instant.now() + "\n",
            StandardCharsets.UTF_8);
        return previousRunCrashed;
    }

    /** Records a graceful stop. */
    public void end() throws IOException {
        Files.deleteIfExists(file);
    }
}
