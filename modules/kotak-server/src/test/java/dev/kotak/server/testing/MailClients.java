package dev.kotak.server.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import org.apache.commons.net.pop3.POP3MessageInfo;
import org.apache.commons.net.pop3.POP3SClient;
import org.apache.commons.net.smtp.SMTPClient;
import org.apache.commons.net.smtp.SMTPReply;

import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.search.SubjectTerm;

/**
 * SMTP in, POP3 and IMAP out, over the wire and over TLS where the shipped configuration asks for it. The
 * server's certificate is self-signed, so the clients trust any certificate: what is tested is that TLS is
 * offered and works, not the PKI.
 */
public final class MailClients {
    private final ServerHome home;

    MailClients(ServerHome home) {
        this.home = home;
    }

    /** Delivers a message through the MX listener (shipped on port 25). */
    public void send(String from, String to, String subject, String body) {
        SMTPClient smtp = new SMTPClient();
        try {
            smtp.connect("127.0.0.1", home.port(25));
            check(smtp, smtp.login("tests.kotak.dev"));
            check(smtp, smtp.setSender(from));
            check(smtp, smtp.addRecipient(to));
            String message = "From: " + from + "\r\nTo: " + to + "\r\nSubject: " + subject
                + "\r\nMessage-ID: <" + System.nanoTime() + "@tests.kotak.dev>\r\n\r\n" + body + "\r\n";
            check(smtp, smtp.sendShortMessageData(message));
            smtp.logout();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            disconnect(smtp);
        }
    }

    /** The messages in a maildrop, read over POP3: STLS on the shipped port 110, implicit TLS on 995. */
    public List<String> pop3Retrieve(String user, String password, boolean implicitTls) {
        POP3SClient pop3 = new POP3SClient(implicitTls, trustAll());
        pop3.setDefaultTimeout(30_000);
        try {
            pop3.connect("127.0.0.1", home.port(implicitTls ? 995 : 110));
            if (!implicitTls && !pop3.execTLS()) {
                throw new IllegalStateException("STLS refused: " + pop3.getReplyString());
            }
            if (!pop3.login(user, password)) {
                throw new IllegalStateException("POP3 login refused: " + pop3.getReplyString());
            }
            List<String> messages = new ArrayList<>();
            POP3MessageInfo[] list = pop3.listMessages();
            for (POP3MessageInfo info : list) {
                try (Reader reader = pop3.retrieveMessage(info.number)) {
                    messages.add(readAll(reader));
                }
            }
            pop3.logout();
            return messages;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            disconnect(pop3);
        }
    }

    /** An IMAP session over implicit TLS (port 993), logged in. */
    public ImapSession imap(String user, String password) {
        return ImapSession.open(home.port(993), user, password);
    }

    /** Number of INBOX messages whose subject contains {@code text}, by IMAP SEARCH after STARTTLS on port 143. */
    public int imapSearchSubject(String user, String password, String text) {
        Properties properties = new Properties();
        properties.put("mail.imap.starttls.enable", "true");
        properties.put("mail.imap.starttls.required", "true");
        properties.put("mail.imap.ssl.trust", "*");
        properties.put("mail.imap.ssl.checkserveridentity", "false");
        properties.put("mail.imap.connectiontimeout", "10000");
        properties.put("mail.imap.timeout", "30000");
        try {
            Store store = Session.getInstance(properties).getStore("imap");
            store.connect("127.0.0.1", home.port(143), user, password);
            try {
                Folder inbox = store.getFolder("INBOX");
                inbox.open(Folder.READ_ONLY);
                int found = inbox.search(new SubjectTerm(text)).length;
                inbox.close(false);
                return found;
            } finally {
                store.close();
            }
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Marks the given POP3 message numbers deleted ({@code DELE}) and ends the session with {@code QUIT}. */
    public void pop3Delete(String user, String password, List<Integer> messageNumbers) {
        POP3SClient pop3 = new POP3SClient(true, trustAll());
        pop3.setDefaultTimeout(30_000);
        try {
            pop3.connect("127.0.0.1", home.port(995));
            if (!pop3.login(user, password)) {
                throw new IllegalStateException("POP3 login refused: " + pop3.getReplyString());
            }
            for (int number : messageNumbers) {
                if (!pop3.deleteMessage(number)) {
                    throw new IllegalStateException("DELE " + number + " refused: " + pop3.getReplyString());
                }
            }
            if (!pop3.logout()) {
                throw new IllegalStateException("QUIT refused: " + pop3.getReplyString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            disconnect(pop3);
        }
    }

    private static void disconnect(POP3SClient pop3) {
        try {
            pop3.disconnect();
        } catch (IOException ignored) {
            // already closed
        }
    }

    private static String readAll(Reader reader) throws IOException {
        StringBuilder text = new StringBuilder();
        BufferedReader lines = new BufferedReader(reader);
        String line;
        while ((line = lines.readLine()) != null) {
            text.append(line).append('\n');
        }
        return text.toString();
    }

    private static void check(SMTPClient smtp, boolean ok) {
        if (!ok || !SMTPReply.isPositiveCompletion(smtp.getReplyCode())) {
            throw new IllegalStateException("SMTP refused: " + smtp.getReplyString());
        }
    }

    private static void disconnect(SMTPClient smtp) {
        try {
            if (smtp.isConnected()) {
                smtp.disconnect();
            }
        } catch (IOException ignored) {
            // already closed
        }
    }

    static SSLContext trustAll() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, new SecureRandom());
            return context;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
