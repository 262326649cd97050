package dev.kotak.retention.integration;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;

/** What an IMAP client sees of a user's folders (IMAPS on the in-process server), to check POP3 retention from the side. */
final class ImapProbe {
    private final int port;

    ImapProbe(int imapsPort) {
        this.port = imapsPort;
    }

    /** Subject and flags of every message of {@code folder}, in order; empty if the folder does not exist. */
    List<Seen> messages(String user, String password, String folder) {
        Properties properties = new Properties();
        properties.put("mail.imaps.ssl.trust", "*");
        properties.put("mail.imaps.ssl.checkserveridentity", "false");
        properties.put("mail.imaps.connectiontimeout", "10000");
        properties.put("mail.imaps.timeout", "30000");
        try {
            Store store = Session.getInstance(properties).getStore("imaps");
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
            throw new IllegalStateException(e);
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

        @Override
        public String toString() {
            return subject + " " + flags;
        }
    }
}
