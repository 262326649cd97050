package dev.kotak.pop3.maildrop;

import java.util.List;

import org.apache.james.mailbox.exception.MailboxException;

import com.google.inject.ImplementedBy;

/**
 * The seam through which a policy (Kotak retention, later) sees and shapes a POP3 session. Kotak's handlers call
 * it at three moments; UPDATE-state semantics are theirs to keep: nothing may change on the server before
 * {@link #commit}, and a session that ends without QUIT never reaches {@link #commit}.
 *
 * <p>Bind another implementation in a {@code guice.extension.module} of James ({@code extensions.properties});
 * without a binding the RFC 1939 behaviour applies ({@link Rfc1939MaildropPolicy}). One instance serves every
 * session concurrently: keep per-session state in the arguments.
 */
@ImplementedBy(Rfc1939MaildropPolicy.class)
public interface MaildropPolicy {

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
