package dev.kotak.retention.stock;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;

/**
 * What an IMAP client sees of a user's folder on the stock memory app (its plain IMAP listener on loopback), to
 * check from the side what POP3 retention did: flags, Kotak's keywords and which messages are left.
 */
final class StockImap {
    private final int port;

    StockImap(int port) {
        this.port = port;
    }

    /** Subject and flags of every message of {@code folder}, in order; empty if the folder does not exist. */
    List<Seen> messages(String user, String password, String folder) {
        Properties properties = new Properties();
        properties.put("mail.imap.connectiontimeout", "10000");
        properties.put("mail.imap.timeout", "30000");
        try {
            Store store = Session.getInstance(properties).getStore("imap");
            store.connect("127.0.0.1", port, user, password);
            try {
                Folder mailbox = store.getFolder(folder);
                if (!mailbox.exists()) {
                    return List.of();
                }
                mailbox.open(Folder.READ_ONLY);
                List<Seen> seen = new ArrayList<>();
                for (Message message : mailbox.getMessages()) {
                    seen.add(new Seen(message.getSubject(), message.getFlags()));
                }
                mailbox.close(false);
                return seen;
            } finally {
                store.close();
            }
        } catch (MessagingException e) {
            throw new IllegalStateException("IMAP on 127.0.0.1:" + port + " as " + user, e);
        }
    }

    static final class Seen {
        final String subject;
        final Flags flags;

        Seen(String subject, Flags flags) {
            this.subject = subject;
            this.flags = flags;
        }

        boolean isRead() {
            return flags.contains(Flags.Flag.SEEN);
        }

        /** Whether a keyword (IMAP user flag) starts with {@code prefix}, e.g. {@code $KotakRetrieved.}. */
        boolean hasKeywordStartingWith(String prefix) {
            return Arrays.stream(flags.getUserFlags()).anyMatch(keyword -> keyword.startsWith(prefix));
        }

        @Override
        public String toString() {
            return subject + (isRead() ? " \\Seen " : " ") + Arrays.toString(flags.getUserFlags());
        }
    }
}
