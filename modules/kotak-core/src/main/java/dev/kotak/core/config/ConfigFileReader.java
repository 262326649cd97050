package dev.kotak.core.config;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads a configuration file into memory, turning the ways it can be unusable before any XML is parsed
 * (missing, a directory, unreadable, empty) into problems about the whole file.
 *
 * <p>Configuration files are small, and the bytes are needed twice (to parse, then to locate problems in the
 * text), so reading them once into memory is both simpler and cheaper.
 */
final class ConfigFileReader {

    private ConfigFileReader() {
    }

    static byte[] read(Path path, String fileName, String rootHint) throws ConfigException {
        ConfigLocation whole = ConfigLocation.ofFile(fileName);
        if (Files.isDirectory(path)) {
            throw new ConfigException(whole.problem("is a directory; expected an XML file"));
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException missing) {
            throw new ConfigException(whole.problem("file not found; expected a file at " + path.toAbsolutePath()));
        } catch (AccessDeniedException denied) {
            throw new ConfigException(whole.problem(
                    "file cannot be read (permission denied); expected read permission for the user running the server"));
        } catch (FileSystemException unreadable) {
            // The reason alone ("Not a directory"): the full message repeats the absolute path.
            String reason = unreadable.getReason() != null ? unreadable.getReason() : unreadable.getMessage();
            throw new ConfigException(whole.problem("file cannot be read (" + reason + "); expected a readable XML file"));
        } catch (IOException unreadable) {
            throw new ConfigException(whole.problem("file cannot be read (" + unreadable.getMessage()
                    + "); expected a readable XML file"));
        }
        if (isBlank(bytes)) {
            throw new ConfigException(whole.problem("file is empty; expected an XML document with " + rootHint));
        }
        return bytes;
    }

    /** Empty, or only blanks and a UTF-8 byte order mark: nothing an operator would call content. */
    private static boolean isBlank(byte[] bytes) {
        int start = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB
                && (bytes[2] & 0xFF) == 0xBF ? 3 : 0;
        for (int i = start; i < bytes.length; i++) {
            byte b = bytes[i];
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return false;
            }
        }
        return true;
    }
}
