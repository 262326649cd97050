package dev.kotak.retention.sweeper;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a sweep did or, in a dry run, would do: how many users and messages it examined, and how many messages each
 * rule removed, or would remove but for a legal hold. Updated while the sweep runs, so {@code /tasks/{id}} shows
 * progress; per-message lines only for single-user dry runs, where an operator reads them.
 */
public final class SweepReport {
    private final AtomicLong usersProcessed = new AtomicLong();
    private final AtomicLong usersFailed = new AtomicLong();
    private final AtomicLong messagesExamined = new AtomicLong();
    private final Map<String, AtomicLong> removedByRule = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> heldByRule = new ConcurrentHashMap<>();
    private final List<String> failedUsers = Collections.synchronizedList(new ArrayList<>());
    private final List<SweptMessage> messages = Collections.synchronizedList(new ArrayList<>());

    void userProcessed() {
        usersProcessed.incrementAndGet();
    }

    void userFailed(String user) {
        usersFailed.incrementAndGet();
        failedUsers.add(user);
    }

    void examined(long count) {
        messagesExamined.addAndGet(count);
    }

    void removed(String rule) {
        removedByRule.computeIfAbsent(rule, ignored -> new AtomicLong()).incrementAndGet();
    }

    void held(String rule) {
        heldByRule.computeIfAbsent(rule, ignored -> new AtomicLong()).incrementAndGet();
    }

    void message(SweptMessage message) {
        messages.add(message);
    }

    public long usersProcessed() {
        return usersProcessed.get();
    }

    public long usersFailed() {
        return usersFailed.get();
    }

    public List<String> failedUsers() {
        synchronized (failedUsers) {
            return List.copyOf(failedUsers);
        }
    }

    public long messagesExamined() {
        return messagesExamined.get();
    }

    /** Messages removed (or, in a dry run, to be removed) per rule, sorted by rule name. */
    public Map<String, Long> removedByRule() {
        return snapshot(removedByRule);
    }

    public long removed() {
        return removedByRule.values().stream().mapToLong(AtomicLong::get).sum();
    }

    /** Messages a rule would remove that a legal hold keeps, per rule. */
    public Map<String, Long> heldByRule() {
        return snapshot(heldByRule);
    }

    /** Per-message detail (single-user dry runs only). */
    public List<SweptMessage> messages() {
        synchronized (messages) {
            return List.copyOf(messages);
        }
    }

    private static Map<String, Long> snapshot(Map<String, AtomicLong> counters) {
        Map<String, Long> snapshot = new TreeMap<>();
        counters.forEach((rule, count) -> snapshot.put(rule, count.get()));
        return snapshot;
    }
}
