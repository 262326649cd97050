package dev.kotak.pop3.protocol;

/**
 * Counts consecutive bad commands (Dovecot closes after 3 before login and 20 after). Pure arithmetic; the
 * dispatcher keeps one per connection.
 */
public final class BadCommandCounter {
    private int consecutive;

    /**
     * Accounts for one reply.
     *
     * @param limit the limit for the session's state when the command arrived
     * @return true when this bad command reaches the limit and the connection must close
     */
    public boolean record(boolean bad, int limit) {
        if (!bad) {
            consecutive = 0;
            return false;
        }
        consecutive++;
        return consecutive >= limit;
    }

    public int consecutive() {
        return consecutive;
    }
}
