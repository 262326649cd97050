package dev.kotak.core.retention.config;

import static dev.kotak.core.retention.config.ElementReader.children;
import static dev.kotak.core.retention.config.ElementReader.name;
import static dev.kotak.core.retention.config.ElementReader.normalize;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.w3c.dom.Element;

import dev.kotak.core.config.ConfigLocation;
import dev.kotak.core.retention.Policy;

/**
 * Reads {@code <groups>} and {@code <assignments>} into an {@link AssignmentTable}, reporting names that
 * refer to nothing, anything declared or assigned twice, and users whose groups disagree.
 */
final class AssignmentReader {

    /** A {@code <group>} of {@code <groups>}: its members by normalized name, each with its element. */
    static final class Group {
        final String name;
        final Element element;
        final Map<String, Element> members = new LinkedHashMap<>();

        Group(String name, Element element) {
            this.name = name;
            this.element = element;
        }
    }

    private final ElementReader reader;
    private final Set<String> policies;
    private final Map<String, Group> groups = new LinkedHashMap<>();

    /** @param policies every declared policy name, {@code rfc1939} included */
    AssignmentReader(ElementReader reader, Set<String> policies) {
        this.reader = reader;
        this.policies = policies;
    }

    /** The declared groups, by name; valid after {@link #read}. */
    Map<String, Group> groups() {
        return groups;
    }

    AssignmentTable read(Optional<Element> groupsElement, Optional<Element> assignments) {
        groupsElement.ifPresent(this::readGroups);
        String defaultPolicy = Policy.RFC1939_NAME;
        if (assignments.isPresent() && assignments.get().hasAttribute("default")) {
            Element element = assignments.get();
            if (knownPolicy(element, "default")) {
                defaultPolicy = element.getAttribute("default");
            }
        }
        Map<String, Assignment> users = new LinkedHashMap<>();
        Map<String, Assignment> domains = new LinkedHashMap<>();
        Map<String, Element> groupAssignments = new LinkedHashMap<>();
        Map<String, Element> seen = new LinkedHashMap<>();
        List<Assignment> written = new ArrayList<>();
        for (Element element : assignments.map(parent -> children(parent, null)).orElse(List.of())) {
            String kind = element.getTagName();
            String label = name(element.getAttribute("name"));
            boolean isGroup = kind.equals("group");
            String key = kind + " " + (isGroup ? label : normalize(label));
            Element earlier = seen.putIfAbsent(key, element);
            if (earlier != null) {
                reader.problem(element, "name", kind + " '" + label + "' is already assigned on line "
                    + ConfigLocation.of(earlier).line() + "; expected one assignment per " + kind
                    + (isGroup ? "" : ", ignoring case"));
                continue;
            }
            boolean known = knownPolicy(element, "policy");
            if (isGroup && !groups.containsKey(label)) {
                reader.problem(element, "name", "'" + label + "' refers to no group; expected "
                    + (groups.isEmpty() ? "a <group> of that name in <groups> (none are declared)"
                        : "one of the declared groups: " + String.join(", ", groups.keySet())));
                known = false;
            }
            if (!known) {
                continue;
            }
            Assignment assignment = new Assignment(scope(kind), Optional.of(label), element.getAttribute("policy"));
            written.add(assignment);
            if (kind.equals("user")) {
                users.put(normalize(label), assignment);
            } else if (kind.equals("domain")) {
                domains.put(normalize(label), assignment);
            } else {
                groupAssignments.put(label, element);
            }
        }
        users.putAll(groupMemberships(groupAssignments, users.keySet()));
        return new AssignmentTable(Assignment.byDefault(defaultPolicy), users, domains, written);
    }

    private void readGroups(Element groupsElement) {
        for (Element element : children(groupsElement, "group")) {
            String groupName = element.getAttribute("name");
            Group earlier = groups.get(groupName);
            if (earlier != null) {
                reader.problem(element, "name", "group '" + groupName + "' is already declared on line "
                    + ConfigLocation.of(earlier.element).line() + "; expected each group name once");
                continue;
            }
            Group group = new Group(groupName, element);
            groups.put(groupName, group);
            for (Element member : children(element, "member")) {
                String user = name(member.getTextContent());
                Element twice = group.members.putIfAbsent(normalize(user), member);
                if (twice != null) {
                    reader.problem(member, "'" + user + "' is already a member of group '" + groupName + "' on line "
                        + ConfigLocation.of(twice).line() + "; expected each member once, ignoring case");
                }
            }
        }
    }

    /**
     * The group assignment of every member of an assigned group who has no user assignment. A user in assigned
     * groups that name different policies is a problem: Kotak does not guess which group matters more.
     */
    private Map<String, Assignment> groupMemberships(Map<String, Element> groupAssignments, Set<String> assignedUsers) {
        Map<String, List<Element>> byUser = new LinkedHashMap<>();
        for (String groupName : groupAssignments.keySet()) {
            groups.get(groupName).members.forEach((user, member) -> {
                if (!assignedUsers.contains(user)) {
                    byUser.computeIfAbsent(user, ignored -> new ArrayList<>()).add(groupAssignments.get(groupName));
                }
            });
        }
        Map<String, Assignment> memberships = new LinkedHashMap<>();
        byUser.forEach((user, assignments) -> {
            Element first = assignments.get(0);
            Set<String> distinct = new LinkedHashSet<>();
            assignments.forEach(assignment -> distinct.add(assignment.getAttribute("policy")));
            if (distinct.size() == 1) {
                memberships.put(user, new Assignment(Assignment.Scope.GROUP,
                    Optional.of(first.getAttribute("name")), first.getAttribute("policy")));
                return;
            }
            reportAmbiguity(user, assignments);
        });
        return memberships;
    }

    private void reportAmbiguity(String user, List<Element> assignments) {
        List<String> listed = new ArrayList<>();
        Element deciding = null;
        String firstPolicy = assignments.get(0).getAttribute("policy");
        for (Element assignment : assignments) {
            String groupName = assignment.getAttribute("name");
            listed.add(groupName + " (policy " + assignment.getAttribute("policy") + ")");
            if (deciding == null && !assignment.getAttribute("policy").equals(firstPolicy)) {
                deciding = groups.get(groupName).members.get(user);
            }
        }
        String last = listed.remove(listed.size() - 1);
        Element member = groups.get(assignments.get(0).getAttribute("name")).members.get(user);
        reader.problem(deciding, name(member.getTextContent()) + " is in groups " + String.join(", ", listed)
            + " and " + last + "; expected a <user> assignment to decide");
    }

    private boolean knownPolicy(Element element, String attribute) {
        String policy = element.getAttribute(attribute);
        if (policies.contains(policy)) {
            return true;
        }
        reader.problem(element, attribute, "'" + policy + "' refers to no policy; expected one of the declared names: "
            + PolicyResolver.declaredNames(policies));
        return false;
    }

    private static Assignment.Scope scope(String kind) {
        switch (kind) {
            case "user":
                return Assignment.Scope.USER;
            case "group":
                return Assignment.Scope.GROUP;
            default:
                return Assignment.Scope.DOMAIN;
        }
    }
}
