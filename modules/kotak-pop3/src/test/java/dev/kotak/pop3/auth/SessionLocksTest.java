package dev.kotak.pop3.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SessionLocksTest {
    private final SessionLocks locks = new SessionLocks();

    @Test
    void aSecondSessionIsRefused() {
        assertThat(locks.tryAcquire("alice@example.org", "s1")).isTrue();
        assertThat(locks.tryAcquire("alice@example.org", "s2")).isFalse();
    }

    @Test
    void userNamesAreCaseInsensitive() {
        locks.tryAcquire("alice@example.org", "s1");

        assertThat(locks.tryAcquire("Alice@Example.org", "s2")).isFalse();
    }

    @Test
    void theHolderMayAcquireAgain() {
        locks.tryAcquire("alice", "s1");

        assertThat(locks.tryAcquire("alice", "s1")).isTrue();
    }

    @Test
    void releasingFreesTheLock() {
        locks.tryAcquire("alice", "s1");
        locks.release("alice", "s1");

        assertThat(locks.isLocked("alice")).isFalse();
        assertThat(locks.tryAcquire("alice", "s2")).isTrue();
    }

    @Test
    void onlyTheHolderReleases() {
        locks.tryAcquire("alice", "s1");
        locks.release("alice", "s2");

        assertThat(locks.tryAcquire("alice", "s2")).isFalse();
    }

    @Test
    void usersAreIndependent() {
        locks.tryAcquire("alice", "s1");

        assertThat(locks.tryAcquire("bob", "s2")).isTrue();
    }
}
