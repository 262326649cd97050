package dev.kotak.core.retention.config;

import static dev.kotak.core.retention.config.ElementReader.normalize;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.kotak.core.retention.Policy;

/**
 * Who gets which policy: the most specific assignment wins, a {@code <user>} over the user's {@code <group>}
 * over their {@code <domain>} over the default. User and domain names are compared without case; a bare local
 * name (no {@code @}) has no domain.
 */
final class AssignmentTable {
    static final AssignmentTable DEFAULT =
        new AssignmentTable(Assignment.byDefault(Policy.RFC1939_NAME), Map.of(), Map.of(), List.of());

    private final Assignment byDefault;
    /** Normalized user to its user assignment, or the group assignment that covers it. */
    private final Map<String, Assignment> users;
    /** Normalized domain to its domain assignment. */
    private final Map<String, Assignment> domains;
    /** Every assignment as written, in file order, the default not included. */
    private final List<Assignment> written;

    AssignmentTable(Assignment byDefault, Map<String, Assignment> users, Map<String, Assignment> domains,
                    List<Assignment> written) {
        this.byDefault = byDefault;
        this.users = Collections.unmodifiableMap(new LinkedHashMap<>(users));
        this.domains = Collections.unmodifiableMap(new LinkedHashMap<>(domains));
        this.written = List.copyOf(written);
    }

    Assignment assignmentOf(String user) {
        String normalized = normalize(user);
        Assignment assignment = users.get(normalized);
        if (assignment != null) {
            return assignment;
        }
        int at = normalized.lastIndexOf('@');
        if (at >= 0) {
            assignment = domains.get(normalized.substring(at + 1));
            if (assignment != null) {
                return assignment;
            }
        }
        return byDefault;
    }

    /** The default's policy, then every assigned policy in file order, each once. */
    Set<String> assignedPolicies() {
        Set<String> names = new LinkedHashSet<>();
        names.add(byDefault.policy());
        written.forEach(assignment -> names.add(assignment.policy()));
        return names;
    }

    /** Names of the groups an assignment names. */
    Set<String> assignedGroups() {
        Set<String> names = new LinkedHashSet<>();
        for (Assignment assignment : written) {
            if (assignment.scope() == Assignment.Scope.GROUP) {
                names.add(assignment.name().orElseThrow());
            }
        }
        return names;
    }

    List<Assignment> written() {
        return written;
    }
}
