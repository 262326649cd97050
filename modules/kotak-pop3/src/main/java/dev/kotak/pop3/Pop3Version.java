package dev.kotak.pop3;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Kotak's version, for CAPA's IMPLEMENTATION line; written into the jar by the build (version.properties). */
public final class Pop3Version {
    private static final String VERSION = read();

    private Pop3Version() {
    }

    public static String get() {
        return VERSION;
    }

    private static String read() {
        try (InputStream in = Pop3Version.class.getResourceAsStream("/dev/kotak/pop3/version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version", "unknown").trim();
            // Unfiltered (an IDE build): do not advertise a placeholder.
            return version.isEmpty() || version.startsWith("${") ? "unknown" : version;
        } catch (IOException e) {
            return "unknown";
        }
    }
}
