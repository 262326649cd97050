package dev.kotak.retention.state;

import java.util.Iterator;
import java.util.Optional;

import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.model.Header;
import org.apache.james.mailbox.model.MessageResult;

/** The Message-ID header of a fetched message (FetchGroup.HEADERS), for audit events. */
public final class MessageIds {
    private MessageIds() {
    }

    public static Optional<String> of(MessageResult result) throws MailboxException {
        Iterator<Header> headers = result.getHeaders().headers();
        while (headers.hasNext()) {
            Header header = headers.next();
            if ("Message-ID".equalsIgnoreCase(header.getName())) {
                return Optional.of(header.getValue().trim());
            }
        }
        return Optional.empty();
    }
}
