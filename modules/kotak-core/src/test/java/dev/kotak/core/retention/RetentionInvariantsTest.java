package dev.kotak.core.retention;

import static dev.kotak.core.retention.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Invariants of the retention rules over generated message histories. Each case is one seeded
 * {@link Random}: a random policy, a random legal hold, a few messages, and a timeline of POP3 sessions (random
 * devices that RETR and DELE, committed through {@link CommitPlan}) and sweeper runs ({@link RetentionRules}).
 * The test keeps its own log of what happened to each message and derives from it, without the code under test,
 * the instants at which each rule allows removal. To replay one case: {@code -Dkotak.retention.seed=<seed>}.
 */
class RetentionInvariantsTest {
    private static final long FIRST_SEED = 20_260_301L;
    private static final int CASES = 2_000;
    private static final Duration HORIZON = Duration.ofDays(45);
    private static final Instant FAR_FUTURE = T0.plus(Duration.ofDays(36_500));
    private static final String[] DEVICE_POOL = {"phone", "laptop", "tablet", "desk"};
    private static final String UNKNOWN_DEVICE = "kiosk";
    private static final int MAX_REPORTED = 5;

    enum Invariant {
        /** The generator and the code under test ran without exceptions. */
        RUNS,
        /** Nothing is expunged, by the sweeper or a commit, while a legal hold is active. */
        HOLD,
        /** The sweeper never expunges before the earliest instant a rule allows. */
        EARLY,
        /** When the sweeper expunges, the rule it names allows removal at that instant. */
        RULE,
        /** Once a rule allows removal and no hold is active, the sweeper expunges (and reports when, if not yet). */
        DUE,
        /** A retrieved message left on the server stays at least the advertised EXPIRE days (NEVER: forever). */
        EXPIRE,
        /** Equal inputs give equal decisions; an expunge at t is an expunge at every later t. */
        MONOTONIC,
        /** A commit does what the session rules say, marks first, then moves, then expunges, once per message. */
        PLAN,
        /** A policy advertising more than it guarantees does not build. */
        OVERRIDE,
        /**
         * A policy that does not record retrievals (or the retrieving devices) decides the same whether a message
         * was retrieved (by those devices) or not.
         */
        RETRIEVALS
    }

    private static List<Case> cases;

    private static synchronized List<Case> cases() {
        if (cases == null) {
            List<Long> seeds = new ArrayList<>();
            String replay = System.getProperty("kotak.retention.seed");
            if (replay != null && !replay.isBlank()) {
                seeds.add(Long.parseLong(replay.trim()));
            } else {
                for (int i = 0; i < CASES; i++) {
                    seeds.add(FIRST_SEED + i);
                }
            }
            List<Case> all = new ArrayList<>();
            for (long seed : seeds) {
                Case simulated = new Case(seed);
                simulated.run();
                all.add(simulated);
            }
            cases = all;
        }
        return cases;
    }

    private static void assertHolds(Invariant invariant) {
        List<String> violations = new ArrayList<>();
        int failing = 0;
        for (Case simulated : cases()) {
            List<String> found = simulated.violations.getOrDefault(invariant, List.of());
            if (!found.isEmpty()) {
                failing++;
                if (violations.size() < MAX_REPORTED) {
                    violations.add(found.get(0) + (found.size() > 1 ? " (+" + (found.size() - 1) + " more)" : "")
                        + "\n" + simulated.describe());
                }
            }
        }
        assertThat(violations)
            .as("%s violated in %d of %d generated cases; first ones:", invariant, failing, cases().size())
            .isEmpty();
    }

    private static long total(String counter) {
        return cases().stream().mapToLong(simulated -> simulated.counters.getOrDefault(counter, 0L)).sum();
    }

    @Test
    void historiesRunWithoutErrors() {
        assertHolds(Invariant.RUNS);
    }

    @Test
    void nothingUnderAnActiveHoldIsEverExpunged() {
        assertHolds(Invariant.HOLD);
    }

    @Test
    void theSweeperNeverRemovesBeforeTheEarliestRuleAllows() {
        assertHolds(Invariant.EARLY);
    }

    @Test
    void theRuleNamedByAnExpungeAllowsIt() {
        assertHolds(Invariant.RULE);
    }

    @Test
    void theSweeperRemovesWhatARuleAllowsUnlessHeld() {
        assertHolds(Invariant.DUE);
    }

    @Test
    void theAdvertisedExpireIsKept() {
        assertHolds(Invariant.EXPIRE);
    }

    @Test
    void decisionsAreDeterministicAndMonotonic() {
        assertHolds(Invariant.MONOTONIC);
    }

    @Test
    void commitsFollowTheSessionRules() {
        assertHolds(Invariant.PLAN);
    }

    @Test
    void policiesThatDoNotRecordRetrievalsDoNotNeedThem() {
        assertHolds(Invariant.RETRIEVALS);
    }

    @Test
    void anAdvertisedExpireAboveTheGuaranteeIsRefused() {
        assertHolds(Invariant.OVERRIDE);
    }

    /** Guards against a generator that stopped producing the situations the invariants are about. */
    @Test
    void theGeneratedHistoriesCoverEveryPath() {
        if (System.getProperty("kotak.retention.seed") != null) {
            return;
        }
        Map<String, Long> minimums = new TreeMap<>();
        for (String rule : List.of(Decision.UNRETRIEVED, Decision.RETRIEVED, Decision.HIDDEN, Decision.MAX_AGE,
            Decision.ALL_DEVICES)) {
            minimums.put("sweeper expunged by " + rule, 10L);
        }
        minimums.put("sweeper kept by a hold", 50L);
        minimums.put("commit hid an expunge under a hold", 50L);
        minimums.put("commit moved under a hold", 10L);
        minimums.put("EXPIRE checked on a removal (advertised > 0)", 50L);
        minimums.put("EXPIRE checked on a removal (advertised 0)", 50L);
        minimums.put("EXPIRE checked on a removal (advertised override)", 10L);
        minimums.put("EXPIRE checked on a probe (advertised > 0)", 200L);
        minimums.put("EXPIRE NEVER and retrieved mail outlived the horizon", 50L);
        minimums.put("removal the client asked for (DELE)", 50L);
        minimums.put("repeated RETR in one session", 50L);
        minimums.put("session rejected (unknown device)", 10L);
        minimums.put("lifetime beyond the end of time", 10L);
        minimums.put("override above the guarantee refused", 10L);
        minimums.put("boundary probe", 1000L);
        minimums.put("decision compared without retrieval marks", 100L);
        minimums.put("decision compared without retrieving devices", 100L);
        Map<String, Long> actual = new TreeMap<>();
        minimums.keySet().forEach(counter -> actual.put(counter, total(counter)));
        assertThat(actual).allSatisfy((counter, count) ->
            assertThat(count).as("%s (all counts: %s)", counter, actual).isGreaterThanOrEqualTo(minimums.get(counter)));
    }

    @Test
    void beforeLoginIsTheMinimumAndTagsDifferences() {
        for (int i = 0; i < CASES; i++) {
            long seed = FIRST_SEED + i;
            Random random = new Random(seed);
            Case owner = new Case(seed);
            int count = 1 + random.nextInt(4);
            List<Policy> policies = new ArrayList<>();
            Set<Long> values = new HashSet<>();
            long minimum = Long.MAX_VALUE;
            for (int p = 0; p < count; p++) {
                Policy policy = Case.generatePolicy(random, "p" + p, owner);
                policies.add(policy);
                OptionalLong days = ExpireCapability.advertisedDays(policy);
                long value = days.isPresent() ? days.getAsLong() : Long.MAX_VALUE;
                values.add(value);
                minimum = Math.min(minimum, value);
            }
            assertThat(owner.violations).as("seed=%d", seed).isEmpty();
            String expected = "EXPIRE " + (minimum == Long.MAX_VALUE ? "NEVER" : Long.toString(minimum))
                + (values.size() > 1 ? " USER" : "");
            assertThat(ExpireCapability.beforeLogin(policies)).as("seed=%d policies=%s", seed, policies)
                .isEqualTo(expected);
            for (Policy policy : policies) {
                assertThat(ExpireCapability.afterLogin(policy)).as("seed=%d %s", seed, policy)
                    .isEqualTo("EXPIRE " + (ExpireCapability.advertisedDays(policy).isPresent()
                        ? Long.toString(ExpireCapability.advertisedDays(policy).getAsLong()) : "NEVER"));
            }
        }
    }

    /** One generated history and what the invariants found in it. */
    private static final class Case {
        final long seed;
        final Random random;
        /** For the instants the monotonicity check picks, so that checks do not shift the generated history. */
        final Random probes;
        final Map<Invariant, List<String>> violations = new LinkedHashMap<>();
        final Map<String, Long> counters = new LinkedHashMap<>();
        final StringBuilder trace = new StringBuilder();
        Policy policy;
        Optional<LegalHold> hold = Optional.empty();
        final List<Message> messages = new ArrayList<>();

        Case(long seed) {
            this.seed = seed;
            this.random = new Random(seed);
            this.probes = new Random(~seed);
        }

        void count(String counter) {
            counters.merge(counter, 1L, Long::sum);
        }

        void violation(Invariant invariant, String format, Object... args) {
            for (int i = 0; i < args.length; i++) {
                if (args[i] instanceof Supplier) {
                    args[i] = ((Supplier<?>) args[i]).get();
                }
            }
            violations.computeIfAbsent(invariant, key -> new ArrayList<>())
                .add("seed=" + seed + " " + invariant + ": " + String.format(Locale.ROOT, format, args));
        }

        void log(String format, Object... args) {
            trace.append("    ").append(String.format(Locale.ROOT, format, args)).append('\n');
        }

        String describe() {
            return "  policy=" + policy + (policy == null ? "" : " advertised=" + ExpireCapability.afterLogin(policy))
                + "\n  hold="
                + hold.orElse(null) + "\n  trace:\n" + trace;
        }

        void run() {
            try {
                simulate();
            } catch (RuntimeException | AssertionError e) {
                java.io.StringWriter stack = new java.io.StringWriter();
                e.printStackTrace(new java.io.PrintWriter(stack));
                violation(Invariant.RUNS, "%s", stack.toString().lines().limit(8).collect(Collectors.joining("\n")));
            }
        }

        // ---------------------------------------------------------------- generation

        static Optional<Duration> lifetime(Random random, Case owner) {
            int roll = random.nextInt(100);
            if (roll < 40) {
                return Optional.empty();
            }
            if (roll < 45) {
                return Optional.of(Duration.ZERO);
            }
            if (roll < 60) {
                return Optional.of(Duration.ofSeconds(1 + random.nextInt(7200)));
            }
            if (roll < 82) {
                return Optional.of(Duration.ofDays(1 + random.nextInt(20)));
            }
            if (roll < 97) {
                return Optional.of(Duration.ofSeconds(1 + random.nextInt(20 * 86_400)));
            }
            owner.count("lifetime beyond the end of time");
            return Optional.of(random.nextBoolean() ? Duration.ofSeconds(Long.MAX_VALUE)
                : Duration.ofDays(1_000_000_000_000L));
        }

        static OnRetrieve onRetrieve(Random random) {
            int roll = random.nextInt(100);
            if (roll < 45) {
                return OnRetrieve.KEEP;
            }
            if (roll < 70) {
                return OnRetrieve.of(RetrieveAction.SEEN);
            }
            if (roll < 85) {
                return OnRetrieve.moveTo("Archive");
            }
            return OnRetrieve.of(RetrieveAction.DELETE);
        }

        static OnRetrieve keepOrSeen(Random random) {
            return random.nextBoolean() ? OnRetrieve.KEEP : OnRetrieve.of(RetrieveAction.SEEN);
        }

        static OnDelete onDelete(Random random) {
            int roll = random.nextInt(100);
            if (roll < 25) {
                return OnDelete.EXPUNGE;
            }
            if (roll < 55) {
                return OnDelete.of(DeleteAction.HIDE);
            }
            if (roll < 85) {
                return OnDelete.of(DeleteAction.HIDE_FROM_DEVICE);
            }
            return OnDelete.moveTo("Trash");
        }

        static AccessWindow view(Random random) {
            int roll = random.nextInt(100);
            if (roll < 80) {
                return AccessWindow.ALL;
            }
            if (roll < 90) {
                return new AccessWindow(Optional.of(Duration.ofDays(1 + random.nextInt(10))), Optional.empty(),
                    OptionalInt.empty());
            }
            if (roll < 95) {
                return new AccessWindow(Optional.empty(), Optional.of(T0.plus(Duration.ofHours(random.nextInt(72)))),
                    OptionalInt.empty());
            }
            return new AccessWindow(Optional.of(Duration.ofSeconds(Long.MAX_VALUE)), Optional.empty(),
                OptionalInt.empty());
        }

        static String randomCase(Random random, String name) {
            switch (random.nextInt(3)) {
                case 0:
                    return name;
                case 1:
                    return name.toUpperCase(Locale.ROOT);
                default:
                    return Character.toUpperCase(name.charAt(0)) + name.substring(1);
            }
        }

        static Policy generatePolicy(Random random, String name, Case owner) {
            // A quarter of the policies leave retrieved mail on the server for whole days (no removal on
            // retrieval, no maximum age, no all-devices rule): the ones whose EXPIRE is above 0.
            boolean leaveOnServer = random.nextInt(4) == 0;
            Optional<Duration> retrieved = leaveOnServer ? Optional.of(Duration.ofDays(1 + random.nextInt(10))
                .plusSeconds(random.nextInt(2) * random.nextInt(86_400))) : lifetime(random, owner);
            Policy.Builder builder = Policy.builder(name)
                .onRetrieve(leaveOnServer ? keepOrSeen(random) : onRetrieve(random)).onDelete(onDelete(random))
                .lifetimes(new Lifetimes(lifetime(random, owner), retrieved, lifetime(random, owner),
                    leaveOnServer ? Optional.empty() : lifetime(random, owner)))
                .view(view(random));
            List<String> pool = new ArrayList<>(List.of(DEVICE_POOL));
            Collections.shuffle(pool, random);
            int deviceCount = random.nextInt(4);
            for (String device : pool.subList(0, deviceCount)) {
                builder.device(new DeviceRule(randomCase(random, device),
                    random.nextInt(100) < 30 ? Optional.of(leaveOnServer ? keepOrSeen(random) : onRetrieve(random))
                        : Optional.empty(),
                    random.nextInt(100) < 30 ? Optional.of(onDelete(random)) : Optional.empty(),
                    random.nextInt(100) < 10 ? Optional.of(view(random)) : Optional.empty()));
            }
            int unknown = random.nextInt(100);
            if (unknown < 25) {
                builder.unknownDevices(UnknownDevices.REJECT);
            } else if (unknown < 50 && deviceCount > 0) {
                builder.unknownDevices(UnknownDevices.as(randomCase(random, pool.get(random.nextInt(deviceCount)))));
            }
            if (deviceCount > 0 && !leaveOnServer && random.nextInt(100) < 40) {
                builder.keepUntilAllDevicesRetrieved(true);
            }
            Policy plain = builder.build();
            int override = random.nextInt(100);
            if (override < 60) {
                return plain;
            }
            OptionalLong guaranteed = ExpireCapability.guaranteedDays(plain);
            if (override < 85) {
                // An operator's value not above the guarantee: often the guarantee itself, the tightest case.
                long bound = guaranteed.isPresent() ? guaranteed.getAsLong() : 60;
                long days = random.nextBoolean() ? bound : (long) (random.nextDouble() * (bound + 1));
                return plain.toBuilder(name).advertisedExpireDays(OptionalLong.of(Math.min(days, bound))).build();
            }
            // Any value: the builder must refuse one above what the policy does, or the simulation catches the lie.
            long days = random.nextInt(60);
            try {
                return plain.toBuilder(name).advertisedExpireDays(OptionalLong.of(days)).build();
            } catch (IllegalArgumentException refused) {
                if (guaranteed.isEmpty() || days <= guaranteed.getAsLong()) {
                    owner.violation(Invariant.OVERRIDE, "advertisedExpireDays=%d refused though the guarantee is %s:"
                        + " %s", days, guaranteed, refused.getMessage());
                }
                owner.count("override above the guarantee refused");
                return plain;
            }
        }

        // ---------------------------------------------------------------- simulation

        /** One message of the case: the state the code under test sees, and the test's own log of its history. */
        final class Message {
            final String id;
            final Instant arrival;
            // What the commit steps made of it (the adapters' keywords).
            Optional<Instant> firstRetrieved = Optional.empty();
            final Set<String> retrievedBy = new LinkedHashSet<>();
            Optional<Instant> hiddenSince = Optional.empty();
            final Set<String> hiddenFrom = new LinkedHashSet<>();
            Optional<Instant> removedAt = Optional.empty();
            // The test's own record, from what the clients did and what the session rules say it means.
            final List<Instant> retrievals = new ArrayList<>();
            final Map<String, Instant> firstRetrievalByDevice = new LinkedHashMap<>();
            final List<Instant> hides = new ArrayList<>();
            boolean hiddenByDele;
            Instant lastChange;

            Message(String id, Instant arrival) {
                this.id = id;
                this.arrival = arrival;
                this.lastChange = arrival;
            }

            MessageState state() {
                return new MessageState(arrival, firstRetrieved, retrievedBy, hiddenSince, hiddenFrom);
            }

            boolean inInbox() {
                return removedAt.isEmpty();
            }

            Optional<Instant> firstRetrieval() {
                return retrievals.stream().min(Comparator.naturalOrder());
            }

            @Override
            public String toString() {
                return id;
            }
        }

        private void simulate() {
            policy = generatePolicy(random, "generated", this);
            int holdRoll = random.nextInt(100);
            if (holdRoll >= 40) {
                Optional<Instant> until = holdRoll < 60 ? Optional.empty()
                    : Optional.of(T0.plusSeconds(random.nextInt((int) HORIZON.getSeconds())));
                hold = Optional.of(new LegalHold("alice@example.org", "case " + seed, "legal", until,
                    LegalHold.Source.WEBADMIN));
            }
            int messageCount = 1 + random.nextInt(4);
            for (int i = 0; i < messageCount; i++) {
                Message message = new Message("m" + i, T0.plusSeconds(random.nextInt(3 * 86_400)));
                messages.add(message);
                log("%s arrives at %s", message, message.arrival);
            }
            // The timeline: sessions and sweeper runs at random instants, then one sweep long after.
            TreeMap<Instant, List<Runnable>> timeline = new TreeMap<>();
            int sessions = random.nextInt(9);
            for (int i = 0; i < sessions; i++) {
                Instant at = randomInstant();
                Optional<String> login = randomLogin();
                timeline.computeIfAbsent(at, key -> new ArrayList<>()).add(() -> session(at, login));
            }
            int sweeps = 1 + random.nextInt(10);
            for (int i = 0; i < sweeps; i++) {
                Instant at = randomInstant();
                timeline.computeIfAbsent(at, key -> new ArrayList<>()).add(() -> sweep(at));
            }
            timeline.computeIfAbsent(FAR_FUTURE, key -> new ArrayList<>()).add(() -> sweep(FAR_FUTURE));
            timeline.values().forEach(events -> events.forEach(Runnable::run));
            for (Message message : messages) {
                if (message.inInbox() && message.firstRetrieval().isPresent()
                    && ExpireCapability.advertisedDays(policy).isEmpty()) {
                    count("EXPIRE NEVER and retrieved mail outlived the horizon");
                }
            }
        }

        private Instant randomInstant() {
            // A second-grained instant, sometimes exactly on a day boundary after an arrival, where rules land.
            if (random.nextInt(4) == 0 && !messages.isEmpty()) {
                Message message = messages.get(random.nextInt(messages.size()));
                return message.arrival.plus(Duration.ofDays(random.nextInt(40)));
            }
            return T0.plusSeconds((long) (random.nextDouble() * HORIZON.getSeconds()));
        }

        private Optional<String> randomLogin() {
            int roll = random.nextInt(100);
            List<DeviceRule> devices = new ArrayList<>(policy.devices().values());
            if (roll < 25) {
                return Optional.empty();
            }
            if (roll < 80 && !devices.isEmpty()) {
                return Optional.of(randomCase(random, devices.get(random.nextInt(devices.size())).name()
                    .toLowerCase(Locale.ROOT)));
            }
            return Optional.of(randomCase(random, UNKNOWN_DEVICE));
        }

        private boolean holdActiveAt(Instant instant) {
            return hold.isPresent() && hold.get().activeAt(instant);
        }

        // ---------------------------------------------------------------- a POP3 session

        private void session(Instant at, Optional<String> login) {
            Optional<SessionRules> maybeRules = policy.session(login);
            if (maybeRules.isEmpty()) {
                count("session rejected (unknown device)");
                log("%s session %s rejected", at, login.orElse("-"));
                return;
            }
            SessionRules rules = maybeRules.get();
            Optional<String> device = login.map(name -> name.toLowerCase(Locale.ROOT));
            List<Message> retrieved = new ArrayList<>();
            List<Message> deleted = new ArrayList<>();
            for (Message message : messages) {
                boolean visible = message.inInbox() && message.hiddenSince.isEmpty()
                    && (device.isEmpty() || !message.hiddenFrom.contains(device.get()))
                    && rules.view().admits(message.arrival, at);
                if (message.inInbox() && visible != (message.state().visibleTo(rules.device())
                    && rules.view().admits(message.arrival, at))) {
                    violation(Invariant.PLAN, "%s: visibleTo disagrees with the hides recorded", message);
                }
                if (!visible) {
                    continue;
                }
                if (random.nextInt(100) < 60) {
                    retrieved.add(message);
                    if (random.nextInt(100) < 15) {
                        retrieved.add(message);
                        count("repeated RETR in one session");
                    }
                }
                if (random.nextInt(100) < 35) {
                    deleted.add(message);
                }
            }
            Collections.shuffle(retrieved, random);
            boolean held = holdActiveAt(at);
            log("%s session %s (%s)%s RETR %s DELE %s", at, login.orElse("-"), rules, held ? " held" : "",
                retrieved, deleted);
            List<CommitStep<Message>> plan = CommitPlan.plan(rules, held, deleted, retrieved);
            log("  plan %s", plan);
            checkPlan(rules, held, retrieved, deleted, plan);
            record(at, device, rules, held, retrieved, deleted);
            apply(at, rules, held, plan);
        }

        /** What the session rules say a commit does to one message (CommitPlan's documented contract). */
        private List<String> expectedSteps(SessionRules rules, boolean held, boolean retrieved, boolean deleted) {
            List<String> steps = new ArrayList<>();
            String retrieveRule = "onRetrieve=" + rules.onRetrieve();
            String deleteRule = "onDelete=" + rules.onDelete();
            if (retrieved) {
                steps.add(describe(CommitStep.Operation.MARK_RETRIEVED, Optional.empty(), retrieveRule));
                if (rules.onRetrieve().action() == RetrieveAction.SEEN) {
                    steps.add(describe(CommitStep.Operation.MARK_SEEN, Optional.empty(), retrieveRule));
                }
            }
            if (retrieved && rules.onRetrieve().action() == RetrieveAction.MOVE) {
                steps.add(describe(CommitStep.Operation.MOVE, rules.onRetrieve().folder(), retrieveRule));
            } else if (retrieved && rules.onRetrieve().action() == RetrieveAction.DELETE) {
                steps.add(held ? describe(CommitStep.Operation.HIDE, Optional.empty(), retrieveRule + "; legal hold")
                    : describe(CommitStep.Operation.EXPUNGE, Optional.empty(), retrieveRule));
            } else if (deleted) {
                switch (rules.onDelete().action()) {
                    case HIDE:
                        steps.add(describe(CommitStep.Operation.HIDE, Optional.empty(), deleteRule));
                        break;
                    case HIDE_FROM_DEVICE:
                        steps.add(describe(rules.device().isPresent() ? CommitStep.Operation.HIDE_FROM_DEVICE
                            : CommitStep.Operation.HIDE, Optional.empty(), deleteRule));
                        break;
                    case MOVE:
                        steps.add(describe(CommitStep.Operation.MOVE, rules.onDelete().folder(), deleteRule));
                        break;
                    default:
                        steps.add(held ? describe(CommitStep.Operation.HIDE, Optional.empty(),
                            deleteRule + "; legal hold")
                            : describe(CommitStep.Operation.EXPUNGE, Optional.empty(), deleteRule));
                        break;
                }
            }
            return steps;
        }

        private static String describe(CommitStep.Operation operation, Optional<String> folder, String rule) {
            return operation + folder.map(name -> " " + name).orElse("") + " (" + rule + ")";
        }

        private static int phase(CommitStep.Operation operation) {
            switch (operation) {
                case MOVE:
                    return 1;
                case EXPUNGE:
                    return 2;
                default:
                    return 0;
            }
        }

        private void checkPlan(SessionRules rules, boolean held, List<Message> retrieved, List<Message> deleted,
                               List<CommitStep<Message>> plan) {
            int phase = 0;
            for (CommitStep<Message> step : plan) {
                if (phase(step.operation()) < phase) {
                    violation(Invariant.PLAN, "%s comes after a later phase in %s", step, plan);
                }
                phase = Math.max(phase, phase(step.operation()));
                if (held && step.operation() == CommitStep.Operation.EXPUNGE) {
                    violation(Invariant.HOLD, "a commit under an active hold expunges: %s", step);
                }
            }
            for (Message message : messages) {
                List<String> expected = expectedSteps(rules, held, retrieved.contains(message),
                    deleted.contains(message));
                List<String> actual = plan.stream().filter(step -> step.message() == message)
                    .map(step -> describe(step.operation(), step.folder(), step.rule())).collect(Collectors.toList());
                if (!sameMultiset(actual, expected)) {
                    violation(Invariant.PLAN, "%s (retrieved %s, deleted %s, held %s) gets %s, expected %s", message,
                        retrieved.contains(message), deleted.contains(message), held, actual, expected);
                }
            }
        }

        private static boolean sameMultiset(List<String> left, List<String> right) {
            List<String> a = new ArrayList<>(left);
            List<String> b = new ArrayList<>(right);
            Collections.sort(a);
            Collections.sort(b);
            return a.equals(b);
        }

        /** The test's own record of the session, from the clients' commands and the session rules. */
        private void record(Instant at, Optional<String> device, SessionRules rules, boolean held,
                            List<Message> retrieved, List<Message> deleted) {
            for (Message message : new LinkedHashSet<>(retrieved)) {
                message.retrievals.add(at);
                device.ifPresent(name -> message.firstRetrievalByDevice.putIfAbsent(name, at));
                message.lastChange = at;
            }
            for (Message message : deleted) {
                boolean disposedOnRetrieve = retrieved.contains(message) && rules.onRetrieve().removesFromMaildrop();
                if (disposedOnRetrieve) {
                    continue;
                }
                DeleteAction action = rules.onDelete().action();
                if (action == DeleteAction.HIDE || (action == DeleteAction.HIDE_FROM_DEVICE && device.isEmpty())
                    || (action == DeleteAction.EXPUNGE && held)) {
                    message.hides.add(at);
                    message.hiddenByDele = true;
                    message.lastChange = at;
                }
            }
            if (rules.onRetrieve().action() == RetrieveAction.DELETE && held) {
                for (Message message : new LinkedHashSet<>(retrieved)) {
                    message.hides.add(at);
                    message.lastChange = at;
                }
            }
        }

        /** Runs the plan against the messages' state, as the adapters do. */
        private void apply(Instant at, SessionRules rules, boolean held, List<CommitStep<Message>> plan) {
            for (CommitStep<Message> step : plan) {
                Message message = step.message();
                if (!message.inInbox()) {
                    violation(Invariant.PLAN, "%s acts on %s, already gone from INBOX at %s", step, message,
                        message.removedAt.get());
                    continue;
                }
                switch (step.operation()) {
                    case MARK_RETRIEVED:
                        if (message.firstRetrieved.isEmpty()) {
                            message.firstRetrieved = Optional.of(at);
                        }
                        rules.device().ifPresent(message.retrievedBy::add);
                        break;
                    case MARK_SEEN:
                        break;
                    case HIDE:
                        if (message.hiddenSince.isEmpty()) {
                            message.hiddenSince = Optional.of(at);
                        }
                        if (held && step.rule().endsWith("; legal hold")) {
                            count("commit hid an expunge under a hold");
                        }
                        break;
                    case HIDE_FROM_DEVICE:
                        if (rules.device().isEmpty()) {
                            violation(Invariant.PLAN, "%s in a session without a device", step);
                        } else {
                            message.hiddenFrom.add(rules.device().get());
                        }
                        break;
                    case MOVE:
                    case EXPUNGE:
                        if (step.operation() == CommitStep.Operation.MOVE && held) {
                            count("commit moved under a hold");
                        }
                        remove(message, at, "commit " + step.operation() + " (" + step.rule() + ")",
                            step.rule().startsWith("onDelete="), step.operation() == CommitStep.Operation.EXPUNGE);
                        break;
                    default:
                        violation(Invariant.PLAN, "unknown step %s", step);
                }
            }
        }

        // ---------------------------------------------------------------- removal and EXPIRE

        private void remove(Message message, Instant at, String by, boolean askedByClient, boolean expunge) {
            message.removedAt = Optional.of(at);
            log("%s %s removed by %s", at, message, by);
            if (expunge && holdActiveAt(at)) {
                violation(Invariant.HOLD, "%s expunged at %s by %s under %s", message, at, by, hold.get());
            }
            Optional<Instant> firstRetrieval = message.firstRetrieval();
            if (firstRetrieval.isEmpty()) {
                return;
            }
            if (askedByClient) {
                // RFC 2449 EXPIRE is about mail the client leaves on the server; a DELE asks for removal.
                count("removal the client asked for (DELE)");
                return;
            }
            OptionalLong advertised = ExpireCapability.advertisedDays(policy);
            if (advertised.isEmpty()) {
                violation(Invariant.EXPIRE, "%s retrieved at %s, removed at %s by %s, but CAPA says EXPIRE NEVER",
                    message, firstRetrieval.get(), at, by);
                return;
            }
            long days = advertised.getAsLong();
            count("EXPIRE checked on a removal (advertised " + (days > 0 ? "> 0" : "0") + ")");
            if (policy.advertisedExpireDays().isPresent()) {
                count("EXPIRE checked on a removal (advertised override)");
            }
            if (Duration.between(firstRetrieval.get(), at).compareTo(Duration.ofDays(days)) < 0) {
                violation(Invariant.EXPIRE, "%s retrieved at %s, removed at %s by %s, but CAPA says EXPIRE %d",
                    message, firstRetrieval.get(), at, by, days);
            }
        }

        // ---------------------------------------------------------------- the sweeper and the oracle

        /** When each rule allows removing the message, derived from the policy and the test's own log. */
        private Map<String, Instant> allowed(Message message) {
            Map<String, Instant> allowed = new LinkedHashMap<>();
            Lifetimes lifetimes = policy.lifetimes();
            Optional<Instant> firstRetrieval = message.firstRetrieval();
            if (firstRetrieval.isEmpty()) {
                after(allowed, Decision.UNRETRIEVED, message.arrival, lifetimes.unretrieved());
            } else {
                after(allowed, Decision.RETRIEVED, firstRetrieval.get(), lifetimes.retrieved());
            }
            message.hides.stream().min(Comparator.naturalOrder())
                .ifPresent(since -> after(allowed, Decision.HIDDEN, since, lifetimes.hidden()));
            after(allowed, Decision.MAX_AGE, message.arrival, lifetimes.maxAge());
            if (policy.keepUntilAllDevicesRetrieved()) {
                Instant last = Instant.MIN;
                boolean all = true;
                for (DeviceRule device : policy.devices().values()) {
                    Instant first = message.firstRetrievalByDevice.get(device.name().toLowerCase(Locale.ROOT));
                    if (first == null) {
                        all = false;
                    } else if (first.isAfter(last)) {
                        last = first;
                    }
                }
                if (all) {
                    allowed.put(Decision.ALL_DEVICES, last);
                }
            }
            return allowed;
        }

        private static void after(Map<String, Instant> allowed, String rule, Instant from, Optional<Duration> life) {
            if (life.isEmpty()) {
                return;
            }
            try {
                allowed.put(rule, from.plus(life.get()));
            } catch (ArithmeticException | DateTimeException beyondTheEndOfTime) {
                // A lifetime reaching past Instant.MAX never ends.
            }
        }

        private void sweep(Instant at) {
            for (Message message : messages) {
                if (!message.inInbox()) {
                    continue;
                }
                MessageState state = message.state();
                Map<String, Instant> allowed = allowed(message);
                Decision decision = check(message, state, allowed, at, true);
                for (Instant probe : probes(message, allowed)) {
                    count("boundary probe");
                    check(message, state, allowed, probe, false);
                }
                if (decision.expunges()) {
                    count("sweeper expunged by " + decision.rule().orElse("?"));
                    remove(message, at, "sweeper " + decision, decision.rule().equals(Optional.of(Decision.HIDDEN))
                        && message.hiddenByDele, true);
                } else if (decision.heldBy().isPresent()) {
                    count("sweeper kept by a hold");
                }
            }
        }

        /** Instants around every rule's boundary at which the message's current state already held. */
        private List<Instant> probes(Message message, Map<String, Instant> allowed) {
            Set<Instant> probes = new LinkedHashSet<>();
            for (Instant boundary : allowed.values()) {
                for (Instant probe : new Instant[] {boundary.minusNanos(1), boundary, boundary.plusNanos(1)}) {
                    if (!probe.isBefore(message.lastChange)) {
                        probes.add(probe);
                    }
                }
            }
            OptionalLong advertised = ExpireCapability.advertisedDays(policy);
            if (message.firstRetrieval().isPresent() && advertised.isPresent()
                && advertised.getAsLong() < 1_000_000) {
                Instant promised = message.firstRetrieval().get().plus(Duration.ofDays(advertised.getAsLong()));
                for (Instant probe : new Instant[] {promised.minusNanos(1), promised}) {
                    if (!probe.isBefore(message.lastChange)) {
                        probes.add(probe);
                    }
                }
            }
            hold.flatMap(LegalHold::until).ifPresent(until -> {
                for (Instant probe : new Instant[] {until.minusNanos(1), until}) {
                    if (!probe.isBefore(message.lastChange)) {
                        probes.add(probe);
                    }
                }
            });
            return new ArrayList<>(probes);
        }

        private Decision check(Message message, MessageState state, Map<String, Instant> allowed, Instant now,
                               boolean sweeper) {
            Decision decision = RetentionRules.decide(policy, state, now, hold);
            // Built only for a violation: the checks run some hundred thousand times.
            Supplier<String> what = () -> (sweeper ? "sweep" : "probe") + " of " + message + " at " + now
                + " (state " + state + ", rules allow " + allowed + ") gave " + decision;
            Optional<Instant> earliest = allowed.values().stream().min(Comparator.naturalOrder());
            boolean due = earliest.isPresent() && !earliest.get().isAfter(now);
            boolean held = holdActiveAt(now);

            if (held && decision.expunges()) {
                violation(Invariant.HOLD, "%s under %s", what, hold.get());
            }
            if (decision.expunges() && !due) {
                violation(Invariant.EARLY, "%s before any rule allows it", what);
            }
            if (decision.expunges()) {
                Instant ruleAllows = decision.rule().map(allowed::get).orElse(null);
                if (ruleAllows == null || ruleAllows.isAfter(now)) {
                    violation(Invariant.RULE, "%s, but that rule allows removal only at %s", what, ruleAllows);
                }
            }
            if (due && !held && !decision.expunges()) {
                violation(Invariant.DUE, "%s though a rule allows removal since %s and no hold is active", what,
                    earliest.get());
            }
            if (due && held && !decision.heldBy().equals(hold)) {
                violation(Invariant.DUE, "%s: a due message kept by a hold must name it", what);
            }
            if (!due && decision.heldBy().isPresent()) {
                violation(Invariant.DUE, "%s: names a hold though nothing is due", what);
            }
            if (!due && !Objects.equals(decision.removableAt().orElse(null), earliest.orElse(null))) {
                violation(Invariant.DUE, "%s: the next removal is at %s", what, earliest.orElse(null));
            }
            if (!due && earliest.isPresent() && !decision.rule().map(allowed::get).equals(earliest)) {
                violation(Invariant.DUE, "%s: the rule named does not allow removal at %s", what, earliest.get());
            }
            if (earliest.isEmpty() && decision.rule().isPresent()) {
                violation(Invariant.DUE, "%s: names a rule though none ever applies", what);
            }
            if (!sweeper && decision.expunges() && message.firstRetrieval().isPresent()
                && !(decision.rule().equals(Optional.of(Decision.HIDDEN)) && message.hiddenByDele)) {
                // A probe is the sweep that would run then: it must keep the EXPIRE promise too.
                OptionalLong advertised = ExpireCapability.advertisedDays(policy);
                if (advertised.isEmpty() || Duration.between(message.firstRetrieval().get(), now)
                    .compareTo(Duration.ofDays(advertised.getAsLong())) < 0) {
                    violation(Invariant.EXPIRE, "%s, but CAPA says %s", what, ExpireCapability.afterLogin(policy));
                } else {
                    count("EXPIRE checked on a probe (advertised " + (advertised.getAsLong() > 0 ? "> 0" : "0")
                        + ")");
                }
            }
            checkDeterministicAndMonotonic(state, now, decision, what);
            return decision;
        }

        private void checkDeterministicAndMonotonic(MessageState state, Instant now, Decision decision,
                                                    Supplier<String> what) {
            MessageState copy = new MessageState(state.arrival(), state.firstRetrieved(),
                new HashSet<>(state.retrievedBy()), state.hiddenSince(), new HashSet<>(state.hiddenFrom()));
            Decision again = RetentionRules.decide(policy, copy, now, hold);
            if (!again.equals(decision)) {
                violation(Invariant.MONOTONIC, "%s, then %s for the same inputs", what, again);
            }
            if (!policy.recordsRetrievals() && state.isRetrieved()) {
                // QUIT does not write retrieval marks for such a policy: the decision must not depend on them.
                MessageState unmarked = new MessageState(state.arrival(), Optional.empty(), Set.of(),
                    state.hiddenSince(), state.hiddenFrom());
                Decision without = RetentionRules.decide(policy, unmarked, now, hold);
                count("decision compared without retrieval marks");
                if (!without.equals(decision)) {
                    violation(Invariant.RETRIEVALS, "%s, but %s without the retrieval marks", what, without);
                }
            }
            if (!policy.recordsRetrievingDevices() && !state.retrievedBy().isEmpty()) {
                MessageState withoutDevices = new MessageState(state.arrival(), state.firstRetrieved(), Set.of(),
                    state.hiddenSince(), state.hiddenFrom());
                Decision without = RetentionRules.decide(policy, withoutDevices, now, hold);
                count("decision compared without retrieving devices");
                if (!without.equals(decision)) {
                    violation(Invariant.RETRIEVALS, "%s, but %s without the retrieving devices", what, without);
                }
            }
            if (!decision.expunges()) {
                return;
            }
            List<Instant> later = List.of(now.plusNanos(1), now.plusSeconds(1),
                now.plusSeconds(1 + (long) (probes.nextDouble() * 40 * 86_400)), FAR_FUTURE.plusSeconds(1));
            for (Instant next : later) {
                for (Optional<LegalHold> withHold : List.of(hold, Optional.<LegalHold>empty())) {
                    Decision then = RetentionRules.decide(policy, state, next, withHold);
                    if (!then.expunges()) {
                        violation(Invariant.MONOTONIC, "%s, but at %s (hold %s) %s", what, next,
                            withHold.isPresent(), then);
                    }
                }
            }
        }
    }
}
