package dev.kotak.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code var/kotak.ready}: holds the server's pid while it is fully started, which is what {@code bin/kotak start}
 * waits for. A stop that begins while the server is still starting wins: the file is then never written, so a
 * half-started, stopping server is never reported as ready.
 */
final class ReadyFile {
    static final String LOCATION = "var/kotak.ready";

    private final Path file;
    private boolean stopping;

    ReadyFile(Path rootDirectory) {
        this.file = rootDirectory.resolve(LOCATION);
    }

    synchronized void clearStale() throws IOException {
        Files.deleteIfExists(file);
    }

    synchronized void markReady() throws IOException {
        if (!stopping) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, ProcessHandle.current().pid() + "\n", StandardCharsets.UTF_8);
        }
    }

    synchronized void markStopping() throws IOException {
        stopping = true;
        Files.deleteIfExists(file);
    }
}
