package dev.kotak.pop3.testing;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import org.apache.james.mailbox.exception.MailboxException;

import dev.kotak.pop3.maildrop.LoginRefusal;
import dev.kotak.pop3.maildrop.MaildropContext;
import dev.kotak.pop3.maildrop.MaildropMessage;
import dev.kotak.pop3.maildrop.MaildropUpdate;
import dev.kotak.pop3.maildrop.Rfc1939MaildropPolicy;

/**
 * RFC 1939's policy that records which user and device every call saw, admits or refuses logins as the test says,
 * and announces EXPIRE and LOGIN-DELAY as a retention policy would. Thread-safe: a server calls it from its own
 * threads while the test reads it.
 */
public class ScriptedPolicy extends Rfc1939MaildropPolicy {
    public static final List<String> BEFORE_LOGIN = List.of("EXPIRE 0 USER", "LOGIN-DELAY 900 USER");
    public static final List<String> AFTER_LOGIN = List.of("EXPIRE 30", "LOGIN-DELAY 900");

    private final List<String> calls = new CopyOnWriteArrayList<>();
    private volatile Optional<LoginRefusal> refusal = Optional.empty();
    private volatile RuntimeException failure;

    /** Refuses every login from now on. */
    public void refuse(LoginRefusal refusal) {
        this.refusal = Optional.of(refusal);
        this.failure = null;
    }

    /** Throws {@code failure} from every admit from now on. */
    public void fail(RuntimeException failure) {
        this.failure = failure;
    }

    public void admitAll() {
        this.refusal = Optional.empty();
        this.failure = null;
    }

    /** {@code method user device} per call, e.g. {@code admit alice@example.org phone} ({@code -} for no device). */
    public List<String> calls() {
        return List.copyOf(calls);
    }

    public List<String> calls(String method) {
        return calls.stream().filter(call -> call.startsWith(method + " ")).collect(Collectors.toList());
    }

    public void forget() {
        calls.clear();
    }

    @Override
    public Optional<LoginRefusal> admit(MaildropContext context) {
        record("admit", context);
        RuntimeException thrown = failure;
        if (thrown != null) {
            throw thrown;
        }
        return refusal;
    }

    @Override
    public List<MaildropMessage> view(MaildropContext context, List<MaildropMessage> inbox) {
        record("view", context);
        return super.view(context, inbox);
    }

    @Override
    public void onRetrieve(MaildropContext context, MaildropMessage message) {
        record("onRetrieve", context);
    }

    @Override
    public void commit(MaildropContext context, MaildropUpdate update) throws MailboxException {
        record("commit", context);
        super.commit(context, update);
    }

    @Override
    public List<String> capabilities(MaildropContext context) {
        record("capabilities", context);
        return AFTER_LOGIN;
    }

    @Override
    public List<String> capabilitiesBeforeLogin() {
        return BEFORE_LOGIN;
    }

    private void record(String method, MaildropContext context) {
        calls.add(method + " " + context.user().asString() + " " + context.device().orElse("-"));
    }
}
