package dev.kotak.pop3.maildrop;

import java.util.List;
import java.util.Optional;

import org.apache.james.mailbox.exception.MailboxException;

import com.google.inject.ImplementedBy;

/**
 * The seam through which a policy (Kotak retention, later) sees and shapes a POP3 session. Kotak's handlers call
 * it at login ({@link #admit}, then {@link #view}), per retrieved message and at QUIT; UPDATE-state semantics are
 * theirs to keep: nothing may change on the server before {@link #commit}, and a session that ends without QUIT
 * never reaches {@link #commit}. Every call gets the session's {@link MaildropContext}, which names the user and,
 * if the client logged in as {@code user#device}, the device.
 *
 * <p>Bind another implementation in a {@code guice.extension.module} of James ({@code extensions.properties});
 * without a binding the RFC 1939 behaviour applies ({@link Rfc1939MaildropPolicy}). One instance serves every
 * session concurrently: keep per-session state in the arguments.
 */
@ImplementedBy(Rfc1939MaildropPolicy.class)
public interface MaildropPolicy {

    /**
     * Whether the user may log in now, from this device: called once the password is verified, before the session
     * takes the maildrop lock and its listing. A refusal is answered {@code -ERR [CODE] text}; the client stays in
     * the AUTHORIZATION state and may try again, and the refusal does not count as an authentication failure (the
     * password was right). An exception is answered {@code -ERR [SYS/TEMP]} and logged.
     *
     * <p>An admitted session may still not open (another session holds the lock, the backend fails): record a
     * login in {@link #view}, which runs only for sessions that do open. Everyone is admitted by default.
     */
    default Optional<LoginRefusal> admit(MaildropContext context) throws MailboxException {
        return Optional.empty();
    }

    /**
     * Finish what an earlier session's {@link #commit} left to do after its {@code +OK}, before this session lists
     * INBOX: called once, after {@link #admit} and once the session holds the maildrop lock. An exception fails the
     * login with {@code -ERR [SYS/TEMP]}. Nothing by default.
     */
    default void beforeListing(MaildropContext context) throws MailboxException {
    }

    /**
     * The messages the session shows, in the order of their message numbers, chosen among {@code inbox} (every
     * message of INBOX in UID order). Called once, at login; the result is the session's fixed listing.
     */
    List<MaildropMessage> view(MaildropContext context, List<MaildropMessage> inbox) throws MailboxException;

    /**
     * A whole message is on its way to the client: RETR was answered, or a TOP reached the end of the message.
     * Called at most once per message and session. Observation only: record what you need and act in
     * {@link #commit}, which can only come after the client has read it (QUIT follows the data).
     */
    void onRetrieve(MaildropContext context, MaildropMessage message);

    /** The client sent QUIT in the TRANSACTION state: apply the session's changes. */
    void commit(MaildropContext context, MaildropUpdate update) throws MailboxException;

    /**
     * Capabilities to add to CAPA after login (e.g. {@code EXPIRE 30}, {@code LOGIN-DELAY 900}), for this session;
     * none by default. A capability whose name CAPA already lists is left out.
     */
    default List<String> capabilities(MaildropContext context) {
        return List.of();
    }

    /**
     * Capabilities to add to CAPA before login, when the user is not known yet: RFC 2449 lets EXPIRE and
     * LOGIN-DELAY say there that the value depends on the user ({@code EXPIRE 0 USER}, {@code LOGIN-DELAY 900
     * USER}); the value for the session then comes from {@link #capabilities} after login. None by default.
     */
    default List<String> capabilitiesBeforeLogin() {
        return List.of();
    }
}
