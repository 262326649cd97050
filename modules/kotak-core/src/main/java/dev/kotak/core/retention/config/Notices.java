package dev.kotak.core.retention.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.w3c.dom.Element;

import dev.kotak.core.config.ConfigLocation;
import dev.kotak.core.config.ConfigProblem;
import dev.kotak.core.retention.DeleteAction;
import dev.kotak.core.retention.DeviceRule;
import dev.kotak.core.retention.LegalHold;
import dev.kotak.core.retention.Lifetimes;
import dev.kotak.core.retention.Policy;
import dev.kotak.core.retention.RetrieveAction;
import dev.kotak.core.units.Durations;

/**
 * What a valid file says that an operator should still read: conflicts Kotak resolves by a fixed rule (a legal
 * hold beats every rule) instead of guessing, lifetimes that can never apply, and declarations that change
 * nobody's policy. Reported, not refused: each is a legitimate configuration.
 */
final class Notices {
    private static final Comparator<ConfigProblem> FILE_ORDER =
        Comparator.comparingInt(ConfigProblem::line).thenComparingInt(ConfigProblem::column);

    private final List<ConfigProblem> notices = new ArrayList<>();

    static List<String> of(Map<String, PolicyResolver.Resolved> policies, AssignmentTable assignments,
                           Map<String, AssignmentReader.Group> groups, Map<LegalHold, Element> holds) {
        Notices found = new Notices();
        found.unusedPolicies(policies, assignments);
        found.unassignedGroups(groups, assignments);
        policies.values().forEach(found::hiddenOutlived);
        holds.forEach((hold, element) -> found.heldUser(hold, element, assignments, policies));
        found.notices.sort(FILE_ORDER);
        return found.notices.stream().map(ConfigProblem::render).collect(Collectors.toList());
    }

    private void add(ConfigLocation location, String message) {
        notices.add(location.problem(message));
    }

    private void unusedPolicies(Map<String, PolicyResolver.Resolved> policies, AssignmentTable assignments) {
        Set<String> used = new HashSet<>(assignments.assignedPolicies());
        policies.values().forEach(policy -> policy.declaration.flatMap(declaration -> declaration.parent)
            .ifPresent(used::add));
        for (PolicyResolver.Resolved policy : policies.values()) {
            policy.declaration.filter(declaration -> !used.contains(declaration.name)).ifPresent(declaration ->
                add(ConfigLocation.of(declaration.element), "policy '" + declaration.name
                    + "' is neither assigned nor extended, so it applies to no user"));
        }
    }

    private void unassignedGroups(Map<String, AssignmentReader.Group> groups, AssignmentTable assignments) {
        Set<String> assigned = assignments.assignedGroups();
        for (AssignmentReader.Group group : groups.values()) {
            if (!assigned.contains(group.name)) {
                add(ConfigLocation.of(group.element), "group '" + group.name
                    + "' has no <group> assignment, so it changes no user's policy");
            }
        }
    }

    /** expire.hidden counts from the hide, which comes after arrival and after the first retrieval. */
    private void hiddenOutlived(PolicyResolver.Resolved policy) {
        if (policy.declaration.isEmpty()) {
            return;
        }
        PolicyDeclaration declaration = policy.declaration.get();
        Optional<Settings.Setting<Duration>> hidden = policy.settings.setting(Settings.HIDDEN);
        if (hidden.isEmpty()) {
            return;
        }
        for (Settings.Key<Duration> other : List.of(Settings.RETRIEVED, Settings.MAX_AGE)) {
            Optional<Settings.Setting<Duration>> shorter = policy.settings.setting(other);
            if (shorter.isEmpty() || hidden.get().value.compareTo(shorter.get().value) <= 0
                || !(hidden.get().policy.equals(declaration.name) || shorter.get().policy.equals(declaration.name))) {
                continue;
            }
            String which = other == Settings.RETRIEVED ? "retrieved mail a DELE hid" : "mail a DELE hid";
            add(ConfigLocation.of(declaration.element), "policy '" + declaration.name + "': " + Settings.HIDDEN + " ("
                + Durations.format(hidden.get().value) + ") is longer than " + other + " ("
                + Durations.format(shorter.get().value) + "), so " + which + " is removed by " + other + " first");
        }
    }

    private void heldUser(LegalHold hold, Element element, AssignmentTable assignments,
                          Map<String, PolicyResolver.Resolved> policies) {
        Assignment assignment = assignments.assignmentOf(hold.user());
        Policy policy = policies.get(assignment.policy()).policy;
        List<String> rules = expungingRules(policy);
        if (rules.isEmpty()) {
            return;
        }
        add(ConfigLocation.of(element), "legal hold on " + hold.user() + " (" + hold.reason() + ", owner "
            + hold.owner() + ", until " + hold.until().map(Object::toString).orElse("lifted") + ") overrides "
            + String.join(", ", rules) + " of policy " + policy.name() + " (" + assignment.describe()
            + "): nothing of this user is expunged while the hold lasts");
    }

    /** The rules of a policy that would expunge mail; moves keep it, so they are not listed. */
    static List<String> expungingRules(Policy policy) {
        List<String> rules = new ArrayList<>();
        if (policy.onRetrieve().action() == RetrieveAction.DELETE) {
            rules.add("onRetrieve=delete");
        }
        if (policy.onDelete().action() == DeleteAction.EXPUNGE) {
            rules.add("onDelete=expunge");
        }
        Lifetimes lifetimes = policy.lifetimes();
        lifetimes.unretrieved().ifPresent(value -> rules.add(Settings.UNRETRIEVED + "=" + Durations.format(value)));
        lifetimes.retrieved().ifPresent(value -> rules.add(Settings.RETRIEVED + "=" + Durations.format(value)));
        lifetimes.hidden().ifPresent(value -> rules.add(Settings.HIDDEN + "=" + Durations.format(value)));
        lifetimes.maxAge().ifPresent(value -> rules.add(Settings.MAX_AGE + "=" + Durations.format(value)));
        if (policy.keepUntilAllDevicesRetrieved()) {
            rules.add(Settings.KEEP_UNTIL_ALL_RETRIEVED + "=true");
        }
        for (DeviceRule device : policy.devices().values()) {
            if (device.onRetrieve().map(value -> value.action() == RetrieveAction.DELETE).orElse(false)) {
                rules.add("device " + device.name() + " onRetrieve=delete");
            }
            if (device.onDelete().map(value -> value.action() == DeleteAction.EXPUNGE).orElse(false)) {
                rules.add("device " + device.name() + " onDelete=expunge");
            }
        }
        return rules;
    }
}
