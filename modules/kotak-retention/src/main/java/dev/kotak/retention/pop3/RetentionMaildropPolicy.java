package dev.kotak.retention.pop3;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.inject.Inject;
import javax.inject.Singleton;

import org.apache.james.mailbox.exception.MailboxException;

import dev.kotak.core.retention.CommitPlan;
import dev.kotak.core.retention.CommitStep;
import dev.kotak.core.retention.DeviceRule;
import dev.kotak.core.retention.ExpireCapability;
import dev.kotak.core.retention.Policy;
import dev.kotak.core.retention.SessionRules;
import dev.kotak.core.retention.config.RetentionConfig;
import dev.kotak.pop3.maildrop.LoginRefusal;
import dev.kotak.pop3.maildrop.MaildropContext;
import dev.kotak.pop3.maildrop.MaildropMessage;
import dev.kotak.pop3.maildrop.MaildropPolicy;
import dev.kotak.pop3.maildrop.MaildropUpdate;
import dev.kotak.retention.RetentionClock;
import dev.kotak.retention.holds.HoldStore;
import dev.kotak.retention.holds.LegalHolds;
import dev.kotak.retention.state.MarksJournal;
import dev.kotak.retention.state.RetentionKeywords;

/**
 * Retention policies in a POP3 session: the user's policy (and device) choose what the session lists, what
 * QUIT does with retrieved and DELE'd messages, which logins are admitted (unknown devices, LOGIN-DELAY), and
 * what CAPA advertises (EXPIRE computed from the policies, LOGIN-DELAY).
 *
 * <p>Stateless between calls: each call resolves the user's policy again from the immutable configuration
 * (map lookups), so one instance serves every session.
 */
@Singleton
public class RetentionMaildropPolicy implements MaildropPolicy {
    private final RetentionConfig config;
    private final LegalHolds holds;
    private final LoginDelays loginDelays;
    private final CommitExecutor executor;
    private final RetentionClock clock;
    private final MarksJournal journal;

    @Inject
    public RetentionMaildropPolicy(RetentionConfig config, LegalHolds holds, LoginDelays loginDelays,
                                   CommitExecutor executor, RetentionClock clock, MarksJournal journal) {
        this.config = config;
        this.holds = holds;
        this.loginDelays = loginDelays;
        this.executor = executor;
        this.clock = clock;
        this.journal = journal;
    }

    @Override
    public Optional<LoginRefusal> admit(MaildropContext context) {
        Policy policy = policy(context);
        if (policy.session(context.device()).isEmpty()) {
            return Optional.of(LoginRefusal.of(LoginRefusal.Code.AUTH, "Unknown device " + context.device().orElse("")
                + "; ask your administrator to register it."));
        }
        String key = context.user().asString() + "#" + context.device().map(DeviceRule::normalize).orElse("");
        Optional<Duration> wait = loginDelays.tryLogin(key, clock.now(), policy.loginDelay());
        return wait.map(remaining -> LoginRefusal.of(LoginRefusal.Code.LOGIN_DELAY, "Logins must be at least "
            + policy.loginDelay().toSeconds() + " seconds apart; try again in "
            + Math.max(1, remaining.toSeconds()) + " seconds."));
    }

    /** The marks of earlier QUITs still journaled are added first: the listing must see every hide and retrieval. */
    @Override
    public void beforeListing(MaildropContext context) throws MailboxException {
        journal.settle(context.inbox(), context.mailboxSession());
    }

    @Override
    public List<MaildropMessage> view(MaildropContext context, List<MaildropMessage> inbox) {
        SessionRules rules = rules(context);
        Instant now = clock.now();
        List<MaildropMessage> visible = new ArrayList<>();
        int cap = rules.view().maxMessages().orElse(Integer.MAX_VALUE);
        for (MaildropMessage message : inbox) {
            if (visible.size() >= cap) {
                break;
            }
            if (RetentionKeywords.visibleTo(message.keywords(), rules.device())
                && rules.view().admits(message.internalDate(), now)) {
                visible.add(message);
            }
        }
        return visible;
    }

    @Override
    public void onRetrieve(MaildropContext context, MaildropMessage message) {
        // Recorded by the session; acted upon at QUIT only (a dropped connection changes nothing).
    }

    @Override
    public void commit(MaildropContext context, MaildropUpdate update) throws MailboxException {
        Policy policy = policy(context);
        SessionRules rules = rules(context);
        Instant now = clock.now();
        List<CommitStep<MaildropMessage>> plan = CommitPlan.plan(rules, false, update.deleted(), update.retrieved());
        if (plan.stream().anyMatch(step -> step.operation() == CommitStep.Operation.EXPUNGE) && held(context, now)) {
            plan = CommitPlan.plan(rules, true, update.deleted(), update.retrieved());
        }
        executor.execute(context, plan, now, rules.device(), policy, update.messageIds());
    }

    @Override
    public List<String> capabilities(MaildropContext context) {
        Policy policy = policy(context);
        List<String> capabilities = new ArrayList<>();
        capabilities.add(ExpireCapability.afterLogin(policy));
        if (!policy.loginDelay().isZero()) {
            capabilities.add("LOGIN-DELAY " + policy.loginDelay().toSeconds());
        }
        return capabilities;
    }

    @Override
    public List<String> capabilitiesBeforeLogin() {
        List<String> capabilities = new ArrayList<>();
        capabilities.add(ExpireCapability.beforeLogin(config.assignablePolicies()));
        Set<Long> delays = new LinkedHashSet<>();
        config.assignablePolicies().forEach(policy -> delays.add(policy.loginDelay().toSeconds()));
        long minimum = delays.stream().mapToLong(Long::longValue).min().orElse(0);
        if (delays.stream().anyMatch(delay -> delay > 0)) {
            capabilities.add("LOGIN-DELAY " + minimum + (delays.size() > 1 ? " USER" : ""));
        }
        return capabilities;
    }

    private boolean held(MaildropContext context, Instant now) throws MailboxException {
        try {
            return holds.activeOn(context.user().asString(), now).isPresent();
        } catch (HoldStore.HoldStoreException e) {
            // Unknown: act as if held. A hide can be undone; an expunge cannot.
            throw new MailboxException("Unable to read the legal holds; nothing was expunged", e);
        }
    }

    private Policy policy(MaildropContext context) {
        return config.resolve(context.user().asString()).policy();
    }

    private SessionRules rules(MaildropContext context) {
        Policy policy = policy(context);
        // admit() refused devices the policy rejects, so a session here always has rules.
        return policy.session(context.device()).orElseGet(() -> policy.session(Optional.empty()).orElseThrow());
    }
}
