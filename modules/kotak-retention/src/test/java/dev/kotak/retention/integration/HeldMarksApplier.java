package dev.kotak.retention.integration;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.james.core.Username;

import dev.kotak.retention.pop3.MarksApplier;

/** Never settles: the marks a QUIT journaled stay journaled, as after a crash right after its {@code +OK}. */
final class HeldMarksApplier implements MarksApplier {
    static final List<Username> HELD = new CopyOnWriteArrayList<>();

    @Override
    public void settleSoon(Username user) {
        HELD.add(user);
    }
}
