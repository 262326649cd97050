package dev.kotak.pop3.conformance;

import static dev.kotak.pop3.conformance.Pop3Connection.plainCredentials;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/**
 * The POP3 conformance suite: raw-socket transcripts of every command in every state, each asserting the exact
 * reply line (RFC 1939, 2449 CAPA and RESP-CODES, 2595 STLS, 3206, 5034 SASL). Abstract over the server: a
 * subclass says which {@link Pop3Target} to talk to, and the same transcripts run against every target.
 *
 * <p>The target runs {@link ConformanceSettings#POP3_XML}: plaintext credentials only after STLS, session lock,
 * UIDL with UIDVALIDITY. Each test uses users of its own, so the session lock and per-user damping of one test
 * never reach another.
 */
public abstract class Pop3ConformanceSuite {
    private static final AtomicInteger USERS = new AtomicInteger();
    private static final String PASSWORD = "conformance-secret";
    private static final String UIDL_FORMAT = "[0-9A-F]{16}";

    protected abstract Pop3Target target();

    // ============================================================================================ infrastructure

    /** A fresh user (its own domain part is shared) with {@code messages} simple messages delivered. */
    protected String user(int messages) {
        String user = "u" + USERS.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 8)
            + "@conformance.kotak.test";
        target().mailboxes().createUser(user, PASSWORD);
        for (int i = 1; i <= messages; i++) {
            target().mailboxes().deliver(user, message("message " + i, "Body of message " + i + "."));
        }
        return user;
    }

    static String message(String subject, String... bodyLines) {
        StringBuilder text = new StringBuilder()
            .append("From: sender@elsewhere.example\r\n")
            .append("To: someone@conformance.kotak.test\r\n")
            .append("Subject: ").append(subject).append("\r\n")
            .append("Message-ID: <").append(UUID.randomUUID()).append("@conformance.kotak.test>\r\n")
            .append("\r\n");
        for (String line : bodyLines) {
            text.append(line).append("\r\n");
        }
        return text.toString();
    }

    /** Connected to the STLS listener, greeting read (and checked: no APOP timestamp). */
    protected Pop3Connection plain() {
        Pop3Connection pop3 = Pop3Connection.open(target().host(), target().stlsPort());
        pop3.expect(Replies.GREETING);
        return pop3;
    }

    /** Connected to the STLS listener and upgraded with STLS: AUTHORIZATION state, credentials allowed. */
    protected Pop3Connection secure() {
        return plain().stls(Replies.STLS_OK);
    }

    /** Logged in (USER/PASS after STLS): TRANSACTION state. */
    protected Pop3Connection transaction(String user) {
        return secure().exchange("USER " + user, Replies.USER_OK).exchange("PASS " + PASSWORD, Replies.LOGGED_IN);
    }

    private static List<String> capabilities(Pop3Connection pop3) {
        return pop3.send("CAPA").expectMultiLine(Replies.CAPA);
    }

    /** The octets of a multi-line body as the server counts them: each line plus CRLF, dot-stuffing undone. */
    private static long octets(List<String> stuffedLines) {
        long total = 0;
        for (String line : stuffedLines) {
            String unstuffed = line.startsWith(".") ? line.substring(1) : line;
            total += unstuffed.getBytes(StandardCharsets.ISO_8859_1).length + 2;
        }
        return total;
    }

    // ================================================================================================ greeting

    @Test
    void greetingCarriesNoApopTimestampAndApopIsRefused() {
        try (Pop3Connection pop3 = plain()) {
            pop3.exchange("APOP someone 0123456789abcdef0123456789abcdef", Replies.APOP);
            pop3.exchange("QUIT", Replies.QUIT).expectClosed();
        }
    }

    // ==================================================================================================== CAPA

    @Test
    void capaBeforeTlsOffersStlsAndHidesPlaintextMechanisms() {
        try (Pop3Connection pop3 = plain()) {
            List<String> capa = capabilities(pop3);
            assertThat(capa.subList(0, 5)).as("CAPA before TLS\n%s", pop3.transcript())
                .containsExactly("TOP", "UIDL", "RESP-CODES", "AUTH-RESP-CODE", "PIPELINING");
            assertThat(capa).contains("STLS").doesNotContain("USER").noneMatch(line -> line.startsWith("SASL"));
            assertThat(capa).anyMatch(line -> line.matches("IMPLEMENTATION Kotak \\S+"));
            pop3.exchange("CAPA now", Replies.takesNoArguments("CAPA"));
        }
    }

    @Test
    void capaAfterStlsListsCredentialsAndNoLongerStls() {
        try (Pop3Connection pop3 = secure()) {
            List<String> capa = capabilities(pop3);
            assertThat(capa).as("CAPA after STLS\n%s", pop3.transcript())
                .startsWith("TOP", "UIDL", "RESP-CODES", "AUTH-RESP-CODE", "PIPELINING", "USER", "SASL PLAIN")
                .doesNotContain("STLS");
            assertThat(capa).anyMatch(line -> line.matches("IMPLEMENTATION Kotak \\S+"));
            pop3.exchange("STLS", Replies.STLS_ALREADY_ACTIVE);
            pop3.exchange("NOOP", Replies.NOT_LOGGED_IN);
        }
    }

    @Test
    void capaInTransactionState() {
        String user = user(0);
        try (Pop3Connection pop3 = transaction(user)) {
            assertThat(capabilities(pop3)).as("CAPA in TRANSACTION\n%s", pop3.transcript())
                .startsWith("TOP", "UIDL", "RESP-CODES", "AUTH-RESP-CODE", "PIPELINING")
                .doesNotContain("STLS", "USER", "SASL PLAIN");
            pop3.exchange("QUIT", Replies.QUIT).expectClosed();
        }
    }

    @Test
    void implicitTlsListenerOffersCredentialsAndNoStls() {
        assumeThat(target().implicitTlsPort()).as("target has an implicit-TLS listener").isPresent();
        String user = user(1);
        try (Pop3Connection pop3 = Pop3Connection.openTls(target().host(), target().implicitTlsPort().getAsInt())) {
            pop3.expect(Replies.GREETING);
            assertThat(capabilities(pop3)).contains("USER", "SASL PLAIN").doesNotContain("STLS");
            pop3.exchange("STLS", Replies.STLS_ALREADY_ACTIVE);
            pop3.exchange("USER " + user, Replies.USER_OK).exchange("PASS " + PASSWORD, Replies.LOGGED_IN);
            pop3.send("STAT").expectMatching("\\+OK 1 \\d+");
            pop3.exchange("QUIT", Replies.QUIT).expectClosed();
        }
    }

    // ==================================================================================================== STLS

    @Test
    void stlsWhereTlsIsUnavailableAnswersErrAndTheSessionGoesOn() {
        assumeThat(target().noTlsPort()).as("target has a listener without TLS").isPresent();
        try (Pop3Connection pop3 = Pop3Connection.open(target().host(), target().noTlsPort().getAsInt())) {
            pop3.expect(Replies.GREETING);
            pop3.exchange("STLS", Replies.STLS_UNAVAILABLE);
            // Stock James poisons the connection here (every later command -ERR, then closed).
            assertThat(capabilities(pop3)).doesNotContain("STLS", "USER");
            pop3.exchange("USER someone@conformance.kotak.test", Replies.PLAINTEXT_REFUSED);
            pop3.exchange("QUIT", Replies.QUIT).expectClosed();
        }
    }

    @Test
    void stlsWithArgumentIsRefused() {
        assumeThat(target().noTlsPort()).as("target has a listener without TLS").isPresent();
        // On a listener WITH STARTTLS James's framing layer closes such a connection (CVE-2021-38542 defence).
        try (Pop3Connection pop3 = Pop3Connection.open(target().host(), target().noTlsPort().getAsInt())) {
            pop3.expect(Replies.GREETING);
            pop3.exchange("STLS now", Replies.takesNoArguments("STLS"));
            pop3.exchange("QUIT", Replies.QUIT).expectClosed();
        }
    }

    // ================================================================================= plaintext only over TLS

    @Test
    void plaintextCredentialsAreRefusedBeforeTls() {
        String user = user(0);
        try (Pop3Connection pop3 = plain()) {
            pop3.exchange("USER " + user, Replies.PLAINTEXT_REFUSED_USE_STLS);
            pop3.exchange("PASS " + PASSWORD, Replies.PLAINTEXT_REFUSED_USE_STLS);
        }
        try (Pop3Connection pop3 = plain()) {
            assertThat(pop3.multiLine("AUTH")).as("no PLAIN while plaintext is refused").isEmpty();
            pop3.exchange("AUTH PLAIN " + plainCredentials(user, PASSWORD), Replies.PLAINTEXT_REFUSED_USE_STLS);
            // The refused attempt neither locked the maildrop nor logged in: after STLS the same connection can.
            pop3.stls(Replies.STLS_OK);
            pop3.exchange("USER " + user, Replies.USER_OK).exchange("PASS " + PASSWORD, Replies.LOGGED_IN);
            pop3.exchange("QUIT", Replies.QUIT);
        }
    }

    // =============================================================================== AUTHORIZATION, before USER

    @Test
    void transactionCommandsBeforeLoginAreRefused() {
        for (String command : List.of("STAT", "LIST", "LIST 1", "UIDL", "UIDL 1", "RETR 1", "DELE 1", "TOP 1 0",
            "RSET", "NOOP", "noop")) {
            try (Pop3Connection pop3 = plain()) {
                pop3.exchange(command, Replies.NOT_LOGGED_IN);
                pop3.exchange("QUIT", Replies.QUIT).expectClosed();
            }
        }
    }

    @Test
    void authorizationArgumentErrors() {
        try (Pop3Connection pop3 = secure()) {
            pop3.exchange("PASS " + PASSWORD, Replies.PASS_WITHOUT_USER);
            pop3.exchange("USER", Replies.USER_USAGE);
            pop3.exchange("CAPA", Replies.CAPA).readBody();
            pop3.exchange("USER someone@conformance.kotak.test", Replies.USER_OK);
            pop3.exchange("PASS", Replies.PASS_USAGE);
            pop3.exchange("QUIT now", Replies.takesNoArguments("QUIT"));
            pop3.exchange("QUIT", Replies.QUIT).expectClosed();
        }
    }

    @Test
    void unknownCommandAndEmptyLine() {
        try (Pop3Connection pop3 = plain()) {
            pop3.exchange("XYZZY", Replies.unknownCommand("XYZZY"));
            pop3.exchange("", Replies.EMPTY_COMMAND);
            pop3.exchange("CAPA", Replies.CAPA).readBody();
            pop3.exchange("xyzzy 1 2", Replies.unknownCommand("XYZZY"));
        }
    }

    @Test
    void quitInAuthorizationClosesWithoutChange() {
        try (Pop3Connection pop3 = plain()) {
            pop3.exchange("QUIT", Replies.QUIT).expectClosed();
        }
    }

    // ================================================================================ AUTHORIZATION, after USER

    @Test
    void transactionCommandsAfterUserAreRefused() {
        String user = user(1);
        for (String command : List.of("STAT", "LIST", "UIDL", "RETR 1", "DELE 1", "TOP 1 0", "RSET", "NOOP")) {
            try (Pop3Connection pop3 = secure()) {
                pop3.exchange("USER " + user, Replies.USER_OK);
                pop3.exchange(command, Replies.NOT_LOGGED_IN);
                pop3.exchange("QUIT", Replies.QUIT).expectClosed();
            }
        }
        assertThat(target().mailboxes().inboxCount(user)).as("nothing deleted").isEqualTo(1);
    }

    @Test
    void wrongPasswordIsAnAuthResponseCode() {
        String user = user(0);
        try (Pop3Connection pop3 = secure()) {
            pop3.exchange("USER " + user, Replies.USER_OK);
            pop3.exchange("PASS wrong", Replies.AUTH_FAILED);
            // Back to AUTHORIZATION: a new USER/PASS pair logs in.
            pop3.exchange("USER " + user, Replies.USER_OK).exchange("PASS " + PASSWORD, Replies.LOGGED_IN);
        }
    }

    @Test
    void unknownUserLooksLikeAWrongPassword() {
        try (Pop3Connection pop3 = secure()) {
            pop3.exchange("USER nobody-" + UUID.randomUUID() + "@conformance.kotak.test", Replies.USER_OK);
            pop3.exchange("PASS " + PASSWORD, Replies.AUTH_FAILED);
        }
    }

    @Test
    void failedLoginsAreDelayedAndDisconnected() {
        String user = user(0);
        try (Pop3Connection pop3 = secure()) {
            long start = System.nanoTime();
            for (int i = 1; i < ConformanceSettings.DISCONNECT_AFTER_AUTH_FAILURES; i++) {
                pop3.exchange("USER " + user, Replies.USER_OK).exchange("PASS wrong" + i, Replies.AUTH_FAILED);
            }
            pop3.exchange("USER " + user, Replies.USER_OK).exchange("PASS wrong", Replies.AUTH_FAILED_CLOSING);
            pop3.expectClosed();
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
            assertThat(elapsedMillis).as("%s failures answered after the damping delay",
                ConformanceSettings.DISCONNECT_AFTER_AUTH_FAILURES)
                .isGreaterThanOrEqualTo(ConformanceSettings.DISCONNECT_AFTER_AUTH_FAILURES
                    * ConformanceSettings.AUTH_FAILURE_DELAY.toMillis());
        }
    }

    @Test
    void badCommandsBeforeLoginDisconnect() {
        try (Pop3Connection pop3 = plain()) {
            for (int i = 1; i < ConformanceSettings.BAD_COMMANDS_BEFORE_LOGIN; i++) {
                pop3.exchange("BAD" + i, Replies.unknownCommand("BAD" + i));
            }
            pop3.exchange("BAD", Replies.TOO_MANY_BAD_COMMANDS);
            pop3.expectClosed();
        }
    }

    @Test
    void badCommandsAfterLoginDisconnectAndCommitNothing() {
        String user = user(1);
        try (Pop3Connection pop3 = transaction(user)) {
            pop3.exchange("DELE 1", Replies.deleted(1));
            for (int i = 1; i < ConformanceSettings.BAD_COMMANDS_AFTER_LOGIN; i++) {
                pop3.exchange("RETR x" + i, Replies.invalidMessageNumber("x" + i));
            }
            pop3.exchange("RETR x", Replies.TOO_MANY_BAD_COMMANDS);
            pop3.expectClosed();
        }
        assertThat(target().mailboxes().inboxCount(user)).as("no QUIT, nothing deleted").isEqualTo(1);
    }

    @Test
    void aGoodCommandResetsTheBadCommandCount() {
        try (Pop3Connection pop3 = plain()) {
            for (int round = 0; round < 3; round++) {
                for (int i = 1; i < ConformanceSettings.BAD_COMMANDS_BEFORE_LOGIN; i++) {
                    pop3.exchange("BAD", Replies.unknownCommand("BAD"));
                }
                pop3.exchange("CAPA", Replies.CAPA).readBody();
            }
            pop3.exchange("QUIT", Replies.QUIT).expectClosed();
        }
    }

    // ======================================================================================================= AUTH

    @Test
    void authWithoutArgumentListsMechanisms() {
        try (Pop3Connection pop3 = secure()) {
            assertThat(pop3.send("AUTH").expectMultiLine(Replies.OK)).containsExactly("PLAIN");
        }
    }

    @Test
    void authPlainWithInitialResponse() {
        String user = user(1);
        try (Pop3Connection pop3 = secure()) {
            pop3.exchange("AUTH PLAIN " + plainCredentials(user, PASSWORD), Replies.LOGGED_IN);
            pop3.send("STAT").expectMatching("\\+OK 1 \\d+");
            pop3.exchange("QUIT", Replies.QUIT);
        }
    }

    @Test
    void authPlainWithoutInitialResponse() {
        String user = user(1);
        try (Pop3Connection pop3 = secure()) {
            pop3.exchange("AUTH PLAIN", Replies.AUTH_CONTINUE);
            pop3.exchange(plainCredentials(user, PASSWORD), Replies.LOGGED_IN);
            pop3.send("STAT").expectMatching("\\+OK 1 \\d+");
        }
    }

    @Test
    void authPlainWithWrongPasswordIsAnAuthResponseCode() {
        String user = user(0);
        try (Pop3Connection pop3 = secure()) {
            pop3.exchange("AUTH PLAIN " + plainCredentials(user, "wrong"), Replies.AUTH_FAILED);
            pop3.exchange("AUTH PLAIN " + plainCredentials(user, PASSWORD), Replies.LOGGED_IN);
        }
    }

    @Test
    void authCancelledByTheClient() {
        try (Pop3Connection pop3 = secure()) {
            pop3.exchange("AUTH PLAIN", Replies.AUTH_CONTINUE);
            pop3.exchange("*", Replies.AUTH_CANCELLED);
            pop3.exchange("CAPA", Replies.CAPA).readBody();
        }
    }

    @Test
    void authArgumentErrors() {
        try (Pop3Connection pop3 = secure()) {
            pop3.exchange("AUTH CRAM-MD5", Replies.AUTH_UNKNOWN_MECHANISM);
            pop3.exchange("AUTH PLAIN a b", Replies.AUTH_USAGE);
            pop3.exchange("CAPA", Replies.CAPA).readBody();
            pop3.exchange("AUTH PLAIN", Replies.AUTH_CONTINUE);
            pop3.exchange("!!not base64!!", Replies.AUTH_INVALID_BASE64);
        }
    }

    // =============================================================================================== TRANSACTION

    @Test
    void statListUidlRetrTopInTransaction() {
        String user = user(2);
        try (Pop3Connection pop3 = transaction(user)) {
            String stat = pop3.send("STAT").expectMatching("\\+OK 2 \\d+");
            long total = Long.parseLong(stat.split(" ")[2]);

            List<String> list = pop3.send("LIST").expectMultiLine(Replies.list(2, total));
            assertThat(list).hasSize(2);
            assertThat(list.get(0)).matches("1 \\d+");
            assertThat(list.get(1)).matches("2 \\d+");
            long size1 = Long.parseLong(list.get(0).split(" ")[1]);
            long size2 = Long.parseLong(list.get(1).split(" ")[1]);
            assertThat(size1 + size2).as("STAT octets = sum of LIST").isEqualTo(total);
            pop3.exchange("LIST 2", Replies.listOne(2, size2));
            pop3.exchange("LIST 002", Replies.listOne(2, size2));

            List<String> uidl = pop3.send("UIDL").expectMultiLine(Replies.UIDL_LIST);
            assertThat(uidl).hasSize(2);
            assertThat(uidl.get(0)).matches("1 " + UIDL_FORMAT);
            assertThat(uidl.get(1)).matches("2 " + UIDL_FORMAT);
            pop3.exchange("UIDL 1", Replies.uidlOne(1, uidl.get(0).substring(2)));

            List<String> message = pop3.send("RETR 1").expectMultiLine(Replies.retr(size1));
            assertThat(octets(message)).as("RETR octets = LIST size").isEqualTo(size1);
            assertThat(message).contains("Subject: message 1", "Body of message 1.");

            List<String> headers = pop3.send("TOP 1 0").expectMultiLine(Replies.TOP);
            assertThat(headers).contains("Subject: message 1").doesNotContain("Body of message 1.");
            assertThat(headers.get(headers.size() - 1)).as("TOP n 0 ends with the empty line").isEmpty();

            // fetchmail's way of reading a whole message.
            assertThat(pop3.send("TOP 1 99999999").expectMultiLine(Replies.TOP)).isEqualTo(message);
            assertThat(pop3.send("TOP 1 99999999999999999999").expectMultiLine(Replies.TOP)).isEqualTo(message);

            pop3.exchange("NOOP", Replies.OK);
            pop3.exchange("RSET", Replies.rset(2, total));
            pop3.exchange("QUIT", Replies.QUIT).expectClosed();
        }
        assertThat(target().mailboxes().inboxCount(user)).isEqualTo(2);
    }

    @Test
    void messageNumberEdgeCases() {
        String user = user(2);
        try (Pop3Connection pop3 = transaction(user)) {
            for (String command : List.of("RETR", "LIST", "UIDL", "DELE")) {
                pop3.exchange(command + " 0", Replies.noSuchMessage("0"));
                pop3.exchange(command + " 3", Replies.noSuchMessage("3"));
                pop3.exchange(command + " 99999999999999999999", Replies.noSuchMessage("99999999999999999999"));
                pop3.exchange(command + " -1", Replies.invalidMessageNumber("-1"));
                pop3.exchange(command + " +1", Replies.invalidMessageNumber("+1"));
                pop3.exchange(command + " 1a", Replies.invalidMessageNumber("1a"));
                pop3.exchange(command + " abc", Replies.invalidMessageNumber("abc"));
                pop3.exchange(command + " 1 2", Replies.noiseAfterMessageNumber("2"));
                pop3.exchange("NOOP", Replies.OK);
            }
            pop3.exchange("TOP 0 1", Replies.noSuchMessage("0"));
            pop3.exchange("TOP 1 -1", Replies.invalidLineCount("-1"));
            pop3.exchange("TOP 1 x", Replies.invalidLineCount("x"));
            pop3.exchange("TOP 1", Replies.TOP_USAGE);
            pop3.exchange("TOP", Replies.TOP_USAGE);
            pop3.exchange("TOP 1 2 3", Replies.noiseAfterLineCount("3"));
            pop3.exchange("RETR", Replies.RETR_USAGE);
            pop3.exchange("STAT 1", Replies.takesNoArguments("STAT"));
            pop3.exchange("NOOP 1", Replies.takesNoArguments("NOOP"));
            pop3.exchange("RSET 1", Replies.takesNoArguments("RSET"));
            pop3.exchange("NOOP", Replies.OK);

            pop3.exchange("DELE 1", Replies.deleted(1));
            pop3.exchange("DELE 1", Replies.alreadyDeleted(1));
            pop3.exchange("RETR 1", Replies.alreadyDeleted(1));
            pop3.exchange("LIST 1", Replies.alreadyDeleted(1));
            pop3.exchange("UIDL 1", Replies.alreadyDeleted(1));
            pop3.exchange("TOP 1 0", Replies.alreadyDeleted(1));
            pop3.send("STAT").expectMatching("\\+OK 1 \\d+");
            assertThat(pop3.multiLine("LIST")).hasSize(1).allMatch(line -> line.startsWith("2 "));
            assertThat(pop3.multiLine("UIDL")).hasSize(1).allMatch(line -> line.startsWith("2 "));
            // The session is intact: RSET undoes the DELE, nothing was committed.
            pop3.send("RSET").expectMatching("\\+OK Maildrop has 2 messages \\(\\d+ octets\\)\\.");
            pop3.send("STAT").expectMatching("\\+OK 2 \\d+");
        }
        assertThat(target().mailboxes().inboxCount(user)).isEqualTo(2);
    }

    @Test
    void userAndPassInTransactionAreRefusedAndPendingDelesKept() {
        String user = user(3);
        try (Pop3Connection pop3 = transaction(user)) {
            pop3.exchange("DELE 1", Replies.deleted(1));
            pop3.exchange("PASS " + PASSWORD, Replies.ALREADY_LOGGED_IN);
            pop3.exchange("USER " + user, Replies.ALREADY_LOGGED_IN);
            pop3.exchange("AUTH PLAIN " + plainCredentials(user, PASSWORD), Replies.ALREADY_LOGGED_IN);
            pop3.exchange("STLS", Replies.ALREADY_LOGGED_IN);
            pop3.send("STAT").expectMatching("\\+OK 2 \\d+");
            pop3.exchange("RETR 1", Replies.alreadyDeleted(1));
            pop3.exchange("QUIT", Replies.QUIT_DELETED).expectClosed();
        }
        assertThat(target().mailboxes().inboxCount(user)).as("the DELE survived PASS/USER and was committed")
            .isEqualTo(2);
    }

    @Test
    void rsetUndoesDeles() {
        String user = user(2);
        try (Pop3Connection pop3 = transaction(user)) {
            String stat = pop3.send("STAT").expectMatching("\\+OK 2 \\d+");
            long total = Long.parseLong(stat.split(" ")[2]);
            pop3.exchange("DELE 1", Replies.deleted(1));
            pop3.exchange("DELE 2", Replies.deleted(2));
            pop3.exchange("STAT", Replies.stat(0, 0));
            pop3.exchange("LIST", Replies.list(0, 0)).readBody();
            pop3.exchange("RSET", Replies.rset(2, total));
            pop3.exchange("STAT", Replies.stat(2, total));
            pop3.exchange("QUIT", Replies.QUIT).expectClosed();
        }
        assertThat(target().mailboxes().inboxCount(user)).isEqualTo(2);
    }

    @Test
    void deleThenQuitCommits() {
        String user = user(3);
        List<String> remainingUidls;
        try (Pop3Connection pop3 = transaction(user)) {
            List<String> uidls = pop3.multiLine("UIDL");
            pop3.exchange("DELE 2", Replies.deleted(2));
            pop3.exchange("QUIT", Replies.QUIT_DELETED).expectClosed();
            remainingUidls = List.of(uidls.get(0).substring(2), uidls.get(2).substring(2));
        }
        assertThat(target().mailboxes().inboxCount(user)).isEqualTo(2);
        try (Pop3Connection pop3 = transaction(user)) {
            assertThat(pop3.multiLine("UIDL")).as("UIDLs of the survivors unchanged, renumbered")
                .containsExactly("1 " + remainingUidls.get(0), "2 " + remainingUidls.get(1));
        }
    }

    @Test
    void aMessageExpungedBehindTheSessionsBackIsPermanentlyUnavailable() {
        String user = user(2);
        try (Pop3Connection pop3 = transaction(user)) {
            String stat = pop3.send("STAT").expectMatching("\\+OK 2 \\d+");
            long octets = Long.parseLong(stat.substring("+OK 2 ".length()));
            List<String> listing = pop3.send("LIST").expectMultiLine(Replies.list(2, octets));
            assertThat(listing).hasSize(2);

            // Another client (here WebAdmin) expunges both messages while this session is in TRANSACTION.
            target().mailboxes().clearInbox(user);
            assertThat(target().mailboxes().inboxCount(user)).isZero();

            pop3.exchange("RETR 1", Replies.noLongerAvailable(1));
            pop3.exchange("TOP 2 0", Replies.noLongerAvailable(2));
            // The session goes on with its login listing (RFC 1939: message numbers are fixed for the session).
            assertThat(pop3.send("LIST").expectMultiLine(Replies.list(2, octets))).isEqualTo(listing);
            pop3.exchange("NOOP", Replies.OK);
            pop3.exchange("QUIT", Replies.QUIT).expectClosed();
        }
    }

    @Test
    void droppedConnectionCommitsNothing() {
        String user = user(2);
        try (Pop3Connection pop3 = transaction(user)) {
            pop3.exchange("DELE 1", Replies.deleted(1));
            pop3.exchange("DELE 2", Replies.deleted(2));
            // close() without QUIT: the connection drops in TRANSACTION state.
        }
        // The lock is released on disconnect; the next session sees both messages.
        try (Pop3Connection pop3 = loginWhenUnlocked(user)) {
            pop3.send("STAT").expectMatching("\\+OK 2 \\d+");
        }
        assertThat(target().mailboxes().inboxCount(user)).isEqualTo(2);
    }

    @Test
    void commandsPipelinedAfterQuitGetNoAnswer() {
        String user = user(1);
        try (Pop3Connection pop3 = transaction(user)) {
            pop3.pipeline("QUIT", "STAT");
            pop3.expect(Replies.QUIT);
            pop3.expectClosed();
        }
    }

    // ===================================================================================== framing and pipelining

    @Test
    void pipelinedCommandsAreAnsweredInOrder() {
        String user = user(2);
        try (Pop3Connection pop3 = secure()) {
            pop3.pipeline("USER " + user, "PASS " + PASSWORD, "STAT", "LIST", "UIDL 1", "RETR 2", "DELE 1", "NOOP",
                "QUIT");
            pop3.expect(Replies.USER_OK);
            pop3.expect(Replies.LOGGED_IN);
            pop3.expectMatching("\\+OK 2 \\d+");
            pop3.expectMatching("\\+OK 2 messages \\(\\d+ octets\\)");
            assertThat(pop3.readBody()).hasSize(2);
            pop3.expectMatching("\\+OK 1 " + UIDL_FORMAT);
            pop3.expectMatching("\\+OK \\d+ octets");
            assertThat(pop3.readBody()).contains("Subject: message 2");
            pop3.expect(Replies.deleted(1));
            pop3.expect(Replies.OK);
            pop3.expect(Replies.QUIT_DELETED);
            pop3.expectClosed();
        }
        assertThat(target().mailboxes().inboxCount(user)).isEqualTo(1);
    }

    @Test
    void bareLineFeedTerminatesACommand() {
        String user = user(1);
        try (Pop3Connection pop3 = secure()) {
            pop3.sendRaw("USER " + user + "\n").expect(Replies.USER_OK);
            pop3.sendRaw("PASS " + PASSWORD + "\n").expect(Replies.LOGGED_IN);
            pop3.sendRaw("STAT\nNOOP\r\nNOOP\n");
            pop3.expectMatching("\\+OK 1 \\d+");
            pop3.expect(Replies.OK);
            pop3.expect(Replies.OK);
        }
    }

    @Test
    void overlongLineIsRefusedAndTheSessionSurvives() {
        String user = user(1);
        try (Pop3Connection pop3 = transaction(user)) {
            byte[] line = new byte[20_000];
            Arrays.fill(line, (byte) 'A');
            pop3.sendRaw(line).sendRaw("\r\n");
            pop3.expect(Replies.LINE_TOO_LONG);
            pop3.send("STAT").expectMatching("\\+OK 1 \\d+");
        }
    }

    @Test
    void linesStartingWithADotAreDotStuffed() {
        String user = user(0);
        target().mailboxes().deliver(user, message("dots", "first", ".hidden", "..two", ".", "last"));
        try (Pop3Connection pop3 = transaction(user)) {
            String list = pop3.send("LIST 1").expectMatching("\\+OK 1 \\d+");
            long size = Long.parseLong(list.split(" ")[2]);
            List<String> body = pop3.send("RETR 1").expectMultiLine(Replies.retr(size));
            int first = body.indexOf("first");
            assertThat(body.subList(first, first + 5)).as("dot-stuffed body\n%s", pop3.transcript())
                .containsExactly("first", "..hidden", "...two", "..", "last");
            assertThat(octets(body)).as("LIST size = RETR octets (unstuffed)").isEqualTo(size);
            List<String> top = pop3.send("TOP 1 3").expectMultiLine(Replies.TOP);
            assertThat(top.subList(top.size() - 3, top.size())).containsExactly("first", "..hidden", "...two");
        }
    }

    // ====================================================================================================== UIDL

    @Test
    void uidlsAreStableAcrossSessionsAndNeverRepeatAfterInboxRecreation() {
        String user = user(2);
        List<String> first;
        try (Pop3Connection pop3 = transaction(user)) {
            first = pop3.multiLine("UIDL");
            pop3.exchange("QUIT", Replies.QUIT);
        }
        try (Pop3Connection pop3 = loginWhenUnlocked(user)) {
            assertThat(pop3.multiLine("UIDL")).as("UIDL in a second session").isEqualTo(first);
            pop3.exchange("QUIT", Replies.QUIT);
        }
        target().mailboxes().recreateInbox(user);
        target().mailboxes().deliver(user, message("after re-creation 1", "new"));
        target().mailboxes().deliver(user, message("after re-creation 2", "new"));
        try (Pop3Connection pop3 = loginWhenUnlocked(user)) {
            List<String> after = pop3.multiLine("UIDL");
            assertThat(after).hasSize(2).allMatch(line -> line.matches("\\d " + UIDL_FORMAT));
            Set<String> old = new HashSet<>();
            first.forEach(line -> old.add(line.substring(line.indexOf(' ') + 1)));
            List<String> fresh = new ArrayList<>();
            after.forEach(line -> fresh.add(line.substring(line.indexOf(' ') + 1)));
            assertThat(fresh).as("UIDLs after INBOX re-creation vs before %s", old).doesNotContainAnyElementsOf(old);
        }
    }

    @Test
    void uidlIsTheImapUidThenUidvalidityInHex() {
        String user = user(2);
        try (Pop3Connection pop3 = transaction(user)) {
            List<String> uidls = pop3.multiLine("UIDL");
            String validity = uidls.get(0).substring(2 + 8);
            assertThat(uidls).containsExactly("1 00000001" + validity, "2 00000002" + validity);
        }
    }

    // ============================================================================================= session lock

    @Test
    void secondSessionIsRefusedInUseUntilTheFirstQuits() {
        String user = user(1);
        try (Pop3Connection first = transaction(user)) {
            try (Pop3Connection second = secure()) {
                second.exchange("USER " + user, Replies.USER_OK).exchange("PASS " + PASSWORD, Replies.IN_USE);
                second.exchange("AUTH PLAIN " + plainCredentials(user, PASSWORD), Replies.IN_USE);
            }
            first.exchange("QUIT", Replies.QUIT).expectClosed();
        }
        try (Pop3Connection pop3 = loginWhenUnlocked(user)) {
            pop3.send("STAT").expectMatching("\\+OK 1 \\d+");
        }
    }

    @Test
    void lockIsReleasedOnDisconnect() {
        String user = user(1);
        Pop3Connection first = transaction(user);
        first.close();
        try (Pop3Connection pop3 = loginWhenUnlocked(user)) {
            pop3.send("STAT").expectMatching("\\+OK 1 \\d+");
        }
    }

    /**
     * Logs in, retrying while the answer is {@code [IN-USE]}: a disconnect is seen by the server a moment after the
     * client closed, and the lock is released then. Fails if the lock is still held after 10 s.
     */
    protected Pop3Connection loginWhenUnlocked(String user) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            Pop3Connection pop3 = secure().exchange("USER " + user, Replies.USER_OK);
            String reply = pop3.ask("PASS " + PASSWORD);
            if (reply.equals(Replies.LOGGED_IN)) {
                return pop3;
            }
            pop3.close();
            assertThat(reply).as("login after the other session ended").isEqualTo(Replies.IN_USE);
            assertThat(System.nanoTime()).as("the lock is released within 10 s").isLessThan(deadline);
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
