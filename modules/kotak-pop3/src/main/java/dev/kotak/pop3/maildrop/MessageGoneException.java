package dev.kotak.pop3.maildrop;

import java.io.IOException;

/** The message was in the login listing but has been expunged since (by IMAP, WebAdmin, another session). */
public class MessageGoneException extends IOException {
    public MessageGoneException(String uidl) {
        super("message " + uidl + " is no longer in the mailbox");
    }
}
