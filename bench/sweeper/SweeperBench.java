import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Sweeper benchmark: Kotak's retention sweep over many users and messages, on the packaged distribution.
 *
 * <p>Starts one copy of the packaged distribution (temporary directory, loopback ports) whose retention.xml gives
 * every user of the bench domain a policy with {@code expire unretrieved="90d" retrieved="14d"}. Creates the users,
 * then for each size (default 50,000 then 200,000 messages in total) loads the users' INBOXes over IMAP APPEND
 * (through James's IMAP server and mailbox API; each message's internal date and Kotak keywords set by the APPEND,
 * so a known fraction is expired) and measures, each as a James task awaited through {@code /tasks/{id}/await}:
 * <ul>
 *   <li>dry runs: {@code POST /kotak/retention/sweep?dryRun=true&usersPerSecond=100000};</li>
 *   <li>a stock-James baseline: a full IMAP scan of the same messages (per user LOGIN, SELECT INBOX,
 *   {@code FETCH 1:* (UID FLAGS INTERNALDATE)}: the same per-message data the sweeper reads), one client;</li>
 *   <li>the real sweep: {@code POST /kotak/retention/sweep?usersPerSecond=100000}, which expunges the fraction.</li>
 * </ul>
 * It checks the counts of examined and removed messages against what it loaded and prints messages per second and
 * the growth of the time from the first size to the last against linear growth.
 *
 * <p>A single-file program (JDK only): {@code bench/sweeper/run [options]}; see bench/README.md.
 */
public final class SweeperBench {
    static final String DOMAIN = "sweep.kotak.dev";
    static final String PASSWORD = "sweep-secret";
    static final String POLICY = "bench-sweep";
    static final Pattern BIND = Pattern.compile("<bind>(?:0\\.0\\.0\\.0|127\\.0\\.0\\.1):(\\d+)</bind>");
    static final Duration IO_TIMEOUT = Duration.ofSeconds(300);
    static final DateTimeFormatter IMAP_DATE = DateTimeFormatter.ofPattern("dd-MMM-yyyy HH:mm:ss Z", Locale.ROOT);

    // ------------------------------------------------------------------------------------------------- options

    static final class Options {
        Path repo = Path.of(".").toAbsolutePath().normalize();
        Path dist;
        int users = envInt("SWEEP_USERS", 1000);
        List<Integer> sizes = envSizes("SWEEP_MESSAGES", List.of(50_000, 200_000));
        double fraction = 0.2;
        int messageSize = 600;
        int connections = 4;
        int dryRuns = 2;
        int usersPerSecond = 100_000;
        int realRunLimit = 1200;
        boolean baseline = true;
        boolean reindex;
        boolean keep;
        boolean jfr;
        long seed = 20261124L;

        static int envInt(String name, int otherwise) {
            String value = System.getenv(name);
            return value == null || value.isBlank() ? otherwise : Integer.parseInt(value.trim());
        }

        static List<Integer> envSizes(String name, List<Integer> otherwise) {
            String value = System.getenv(name);
            return value == null || value.isBlank() ? otherwise : sizes(value);
        }

        static List<Integer> sizes(String value) {
            List<Integer> sizes = new ArrayList<>();
            for (String part : value.split(",")) {
                sizes.add(Integer.parseInt(part.trim().replace("_", "")));
            }
            return sizes;
        }

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--repo": o.repo = Path.of(args[++i]).toAbsolutePath().normalize(); break;
                    case "--dist": o.dist = Path.of(args[++i]).toAbsolutePath().normalize(); break;
                    case "--users": o.users = Integer.parseInt(args[++i]); break;
                    case "--messages": o.sizes = sizes(args[++i]); break;
                    case "--fraction": o.fraction = Double.parseDouble(args[++i]); break;
                    case "--message-size": o.messageSize = Integer.parseInt(args[++i]); break;
                    case "--connections": o.connections = Integer.parseInt(args[++i]); break;
                    case "--dry-runs": o.dryRuns = Integer.parseInt(args[++i]); break;
                    case "--users-per-second": o.usersPerSecond = Integer.parseInt(args[++i]); break;
                    case "--real-run-limit": o.realRunLimit = Integer.parseInt(args[++i]); break;
                    case "--no-baseline": o.baseline = false; break;
                    case "--reindex": o.reindex = true; break;
                    case "--keep": o.keep = true; break;
                    case "--jfr": o.jfr = true; break;
                    case "--seed": o.seed = Long.parseLong(args[++i]); break;
                    case "-h": case "--help":
                        System.out.println("usage: bench/sweeper/run [--users N] [--messages N,N,...] [--fraction F]"
                            + " [--message-size BYTES] [--connections N] [--dry-runs N] [--users-per-second N]"
                            + " [--real-run-limit SECONDS]"
                            + " [--no-baseline] [--reindex] [--jfr] [--dist DIR] [--keep] [--seed N]\n"
                            + "environment: SWEEP_USERS (default 1000), SWEEP_MESSAGES (default 50000,200000)");
                        System.exit(0);
                        break;
                    default: throw new IllegalArgumentException("unknown option " + a + " (try --help)");
                }
            }
            if (o.dist == null) {
                o.dist = o.repo.resolve("distribution/target/kotak-0.1.0-SNAPSHOT");
            }
            if (o.sizes.isEmpty() || o.users < 1) {
                throw new IllegalArgumentException("need at least one user and one size");
            }
            for (int i = 1; i < o.sizes.size(); i++) {
                if (o.sizes.get(i) < o.sizes.get(i - 1)) {
                    throw new IllegalArgumentException("sizes must grow: " + o.sizes);
                }
            }
            if (o.fraction < 0 || o.fraction > 1) {
                throw new IllegalArgumentException("--fraction is between 0 and 1");
            }
            return o;
        }
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        Server server = new Server(options);
        try {
            server.prepare();
            server.start();
            new SweeperBench(options, server).run();
        } finally {
            server.stop();
        }
    }

    // -------------------------------------------------------------------------------------------------- model

    /** What a loaded message is for the policy (expire unretrieved="90d" retrieved="14d"), relative to now. */
    enum Kind {
        /** Arrived 120 days ago, never retrieved: expire.unretrieved. */
        OLD_UNRETRIEVED("expire.unretrieved"),
        /** Arrived 60 days ago, retrieved 30 days ago by the laptop: expire.retrieved. */
        OLD_RETRIEVED("expire.retrieved"),
        /** Arrived 20 days ago, retrieved 5 days ago: kept 9 more days. */
        RECENT_RETRIEVED(null),
        /** Arrived within the last 30 days, not retrieved: kept. */
        RECENT(null);

        final String rule;

        Kind(String rule) {
            this.rule = rule;
        }
    }

    /** Messages present in one user's INBOX, per kind. */
    static final class Mailbox {
        final long[] present = new long[Kind.values().length];

        long total() {
            long sum = 0;
            for (long n : present) {
                sum += n;
            }
            return sum;
        }
    }

    static final class Measure {
        final String size;
        final String phase;
        final long examined;
        final long removed;
        final double taskSeconds;
        final double wallSeconds;
        /** For a real run cancelled at --real-run-limit: the time the whole run would have taken, else 0. */
        double extrapolatedSeconds;

        Measure(String size, String phase, long examined, long removed, double taskSeconds, double wallSeconds) {
            this.size = size;
            this.phase = phase;
            this.examined = examined;
            this.removed = removed;
            this.taskSeconds = taskSeconds;
            this.wallSeconds = wallSeconds;
        }

        /** Wall time as an operator sees it: POST to the end of the await (the task's own time is printed too). */
        double seconds() {
            return extrapolatedSeconds > 0 ? extrapolatedSeconds : wallSeconds;
        }
    }

    // -------------------------------------------------------------------------------------------------- bench

    private final Options options;
    private final Server server;
    private final WebAdmin web;
    private final Mailbox[] mailboxes;
    private final Instant now = Instant.now();
    private final List<Measure> measures = new ArrayList<>();
    private final Map<Integer, Double> loadSeconds = new LinkedHashMap<>();
    private final AtomicLong sequence = new AtomicLong();

    SweeperBench(Options options, Server server) {
        this.options = options;
        this.server = server;
        this.web = new WebAdmin(server.webAdminPort);
        this.mailboxes = new Mailbox[options.users];
        for (int i = 0; i < mailboxes.length; i++) {
            mailboxes[i] = new Mailbox();
        }
    }

    static String user(int i) {
        return String.format(Locale.ROOT, "u%05d@%s", i, DOMAIN);
    }

    void run() throws Exception {
        long start = System.nanoTime();
        web.put("/domains/" + DOMAIN, "");
        for (int i = 0; i < options.users; i++) {
            web.put("/users/" + user(i), "{\"password\":\"" + PASSWORD + "\"}");
        }
        System.out.printf(Locale.ROOT, "created %d users in %.1f s%n", options.users, (System.nanoTime() - start) / 1e9);
        Map<String, Object> effective = Json.object(web.get("/kotak/retention/users/" + user(0)));
        if (!POLICY.equals(effective.get("policy"))) {
            throw new IllegalStateException("the bench users do not get policy " + POLICY + ": " + effective);
        }

        for (int size : options.sizes) {
            String label = String.format(Locale.ROOT, "%,d", size);
            long before = totalPresent();
            long loaded = load(size);
            long expectedTotal = totalPresent();
            Map<String, Long> expectedRemoved = expectedRemovals();
            System.out.printf(Locale.ROOT, "size %s: loaded %,d messages in %.1f s (%.0f messages/s); INBOXes now hold %,d"
                    + " (%,d before), of which %s expire%n", label, loaded, loadSeconds.get(size),
                loaded / loadSeconds.get(size), expectedTotal, before, expectedRemoved);

            for (int run = 1; run <= options.dryRuns; run++) {
                TaskRun dry = sweep(true);
                check("dry run", dry, expectedTotal, expectedRemoved);
                measures.add(new Measure(label, "dry run " + run, dry.examined, dry.removedTotal(), dry.taskSeconds,
                    dry.wallSeconds));
                report(measures.get(measures.size() - 1));
            }
            if (options.baseline) {
                Measure scan = imapScan(label, expectedTotal);
                measures.add(scan);
                report(scan);
            }
            if (options.reindex) {
                TaskRun reindex = task("/mailboxes?task=reIndex", "reIndex");
                long indexed = reindex.longDetail("successfullyReprocessedMailCount");
                measures.add(new Measure(label, "stock reIndex task", indexed, 0, reindex.taskSeconds,
                    reindex.wallSeconds));
                report(measures.get(measures.size() - 1));
            }
            TaskRun real = sweep(false);
            Measure measure = new Measure(label, "real run", real.examined, real.removedTotal(), real.taskSeconds,
                real.wallSeconds);
            if ("cancelled".equals(real.status)) {
                long processed = real.longDetail("usersProcessed");
                measure.extrapolatedSeconds = processed > 0 ? real.wallSeconds * options.users / processed : 0;
                measures.add(measure);
                report(measure);
                System.out.printf(Locale.ROOT, "  real run cancelled at --real-run-limit %d s after %,d of %,d users,"
                        + " %,d messages examined, %,d removed: the whole run extrapolated to %.0f s%n",
                    options.realRunLimit, processed, options.users, real.examined, real.removedTotal(),
                    measure.extrapolatedSeconds);
                resync();
            } else {
                check("real run", real, expectedTotal, expectedRemoved);
                measures.add(measure);
                report(measure);
                for (Mailbox mailbox : mailboxes) {
                    for (Kind kind : Kind.values()) {
                        if (kind.rule != null) {
                            mailbox.present[kind.ordinal()] = 0;
                        }
                    }
                }
            }
        }
        summary();
    }

    /** After a cancelled real run: what each user still has to expire, from the per-user dry-run route. */
    private void resync() throws IOException {
        for (int i = 0; i < options.users; i++) {
            Map<String, Object> dry = Json.object(web.get("/kotak/retention/users/" + user(i) + "/dry-run"));
            Object toRemove = dry.get("toRemove");
            Map<?, ?> rules = toRemove instanceof Map ? (Map<?, ?>) toRemove : Map.of();
            for (Kind kind : Kind.values()) {
                if (kind.rule != null) {
                    Object n = rules.get(kind.rule);
                    mailboxes[i].present[kind.ordinal()] = n instanceof Number ? ((Number) n).longValue() : 0;
                }
            }
        }
    }

    private long totalPresent() {
        long total = 0;
        for (Mailbox mailbox : mailboxes) {
            total += mailbox.total();
        }
        return total;
    }

    private Map<String, Long> expectedRemovals() {
        Map<String, Long> expected = new LinkedHashMap<>();
        for (Kind kind : Kind.values()) {
            if (kind.rule == null) {
                continue;
            }
            long n = 0;
            for (Mailbox mailbox : mailboxes) {
                n += mailbox.present[kind.ordinal()];
            }
            if (n > 0) {
                expected.put(kind.rule, n);
            }
        }
        return expected;
    }

    private static void check(String what, TaskRun run, long examined, Map<String, Long> removed) {
        if (!"completed".equals(run.status)) {
            throw new IllegalStateException(what + " ended " + run.status + ": " + run.json);
        }
        if (run.examined != examined || !run.removed.equals(removed) || run.usersFailed != 0) {
            throw new IllegalStateException(what + " examined " + run.examined + " messages (expected " + examined
                + "), would remove " + run.removed + " (expected " + removed + "), " + run.usersFailed
                + " users failed: " + run.json);
        }
    }

    private void report(Measure m) {
        System.out.printf(Locale.ROOT, "  %-22s %,10d examined %,8d removed  task %7.2f s  wall %7.2f s  %,9.0f messages/s%n",
            m.phase, m.examined, m.removed, m.taskSeconds, m.wallSeconds, m.examined / m.seconds());
    }

    private void summary() {
        System.out.println();
        System.out.printf(Locale.ROOT, "%-10s %-22s %10s %9s %9s %12s %10s%n", "messages", "phase", "examined",
            "removed", "time (s)", "examined/s", "removed/s");
        for (Measure m : measures) {
            long examined = m.extrapolatedSeconds > 0 ? expectedExamined(m) : m.examined;
            System.out.printf(Locale.ROOT, "%-10s %-22s %,10d %,9d %9s %,12.0f %10s%n", m.size,
                m.phase + (m.extrapolatedSeconds > 0 ? " (~)" : ""), m.examined, m.removed,
                String.format(Locale.ROOT, m.extrapolatedSeconds > 0 ? "~%.0f" : "%.2f", m.seconds()),
                examined / m.seconds(),
                m.removed > 0 && m.phase.startsWith("real") ? String.format(Locale.ROOT, "%,.0f", m.removed / m.seconds())
                    : "-");
        }
        if (measures.stream().anyMatch(m -> m.extrapolatedSeconds > 0)) {
            System.out.println("(~): real run cancelled at --real-run-limit; time extrapolated from the users it"
                + " processed, rates over the whole size");
        }
        System.out.println("time: wall time from the POST to the end of /tasks/{id}/await (the IMAP scan: its client's"
            + " wall time); dry runs and the real run use usersPerSecond=" + options.usersPerSecond);
        for (Map.Entry<Integer, Double> load : loadSeconds.entrySet()) {
            System.out.printf(Locale.ROOT, "load up to %,d messages (not the benchmark): %.1f s%n", load.getKey(),
                load.getValue());
        }
        if (options.sizes.size() < 2) {
            return;
        }
        String first = String.format(Locale.ROOT, "%,d", options.sizes.get(0));
        String last = String.format(Locale.ROOT, "%,d", options.sizes.get(options.sizes.size() - 1));
        double linear = (double) options.sizes.get(options.sizes.size() - 1) / options.sizes.get(0);
        System.out.printf(Locale.ROOT, "growth time(%s)/time(%s), linear = %.1f:%n", last, first, linear);
        for (String phase : List.of("dry run", "stock IMAP scan", "stock reIndex task", "real run")) {
            double a = best(first, phase);
            double b = best(last, phase);
            if (a > 0 && b > 0) {
                double growth = b / a;
                System.out.printf(Locale.ROOT, "  %-22s %6.2f  (%s)%n", phase, growth,
                    growth <= linear * 1.15 ? "at most linear" : "WORSE than linear by " + String.format(Locale.ROOT, "%.0f %%",
                        (growth / linear - 1) * 100));
            }
        }
        double sweep = best(last, "dry run");
        double scan = best(last, "stock IMAP scan");
        if (sweep > 0 && scan > 0) {
            System.out.printf(Locale.ROOT, "dry run / stock IMAP scan at %s messages: %.2f (time; lower is better)%n",
                last, sweep / scan);
        }
    }

    /** Messages present at the size of {@code m}: what its dry runs examined. */
    private long expectedExamined(Measure m) {
        return measures.stream().filter(o -> o.size.equals(m.size) && o.phase.startsWith("dry run"))
            .mapToLong(o -> o.examined).max().orElse(m.examined);
    }

    /** The fastest run of a phase at a size ("dry run" matches every dry run), 0 if none. */
    private double best(String size, String phase) {
        double best = 0;
        for (Measure m : measures) {
            if (m.size.equals(size) && m.phase.startsWith(phase)) {
                best = best == 0 ? m.seconds() : Math.min(best, m.seconds());
            }
        }
        return best;
    }

    // ------------------------------------------------------------------------------------------------- loading

    /** Brings the INBOXes to {@code size} messages in total, {@code fraction} of them expiring; returns how many. */
    long load(int size) throws Exception {
        int users = options.users;
        List<List<Kind>> plan = new ArrayList<>();
        long toLoad = 0;
        for (int i = 0; i < users; i++) {
            long target = size / users + (i < size % users ? 1 : 0);
            long expiring = Math.round(target * options.fraction);
            long oldUnretrieved = expiring / 2 + (expiring % 2 == 1 && i % 2 == 0 ? 1 : 0);
            long oldRetrieved = expiring - oldUnretrieved;
            long keep = target - expiring;
            Mailbox mailbox = mailboxes[i];
            long recentRetrieved = Math.max(0, keep / 2 - mailbox.present[Kind.RECENT_RETRIEVED.ordinal()]);
            long recent = Math.max(0, keep - keep / 2 - mailbox.present[Kind.RECENT.ordinal()]);
            List<Kind> kinds = new ArrayList<>();
            add(kinds, Kind.OLD_UNRETRIEVED, oldUnretrieved - mailbox.present[Kind.OLD_UNRETRIEVED.ordinal()]);
            add(kinds, Kind.OLD_RETRIEVED, oldRetrieved - mailbox.present[Kind.OLD_RETRIEVED.ordinal()]);
            add(kinds, Kind.RECENT_RETRIEVED, recentRetrieved);
            add(kinds, Kind.RECENT, recent);
            java.util.Collections.shuffle(kinds, new Random(options.seed + i + size));
            plan.add(kinds);
            toLoad += kinds.size();
        }
        long total = toLoad;
        AtomicLong appended = new AtomicLong();
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime();
        long[] lastReport = {start};
        ExecutorService pool = Executors.newFixedThreadPool(options.connections);
        try {
            List<Future<Void>> done = new ArrayList<>();
            for (int c = 0; c < options.connections; c++) {
                int connection = c;
                done.add(pool.submit(() -> {
                    Random random = new Random(options.seed * 31 + connection + size);
                    for (int i = next.getAndIncrement(); i < users; i = next.getAndIncrement()) {
                        List<Kind> kinds = plan.get(i);
                        if (kinds.isEmpty()) {
                            continue;
                        }
                        try (Imap imap = new Imap(server.imapPort)) {
                            imap.login(user(i), PASSWORD);
                            List<Imap.Append> batch = new ArrayList<>();
                            for (Kind kind : kinds) {
                                batch.add(append(random, i, kind));
                            }
                            imap.appendAll("INBOX", batch);
                            imap.logout();
                        }
                        synchronized (mailboxes[i]) {
                            for (Kind kind : kinds) {
                                mailboxes[i].present[kind.ordinal()]++;
                            }
                        }
                        long n = appended.addAndGet(kinds.size());
                        synchronized (lastReport) {
                            long t = System.nanoTime();
                            if (t - lastReport[0] > 30_000_000_000L) {
                                lastReport[0] = t;
                                double s = (t - start) / 1e9;
                                System.out.printf(Locale.ROOT, "  appended %,d/%,d (%.0f/s, %.0f s left)%n", n, total,
                                    n / s, (total - n) / (n / s));
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<Void> future : done) {
                try {
                    future.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IOException("IMAP APPEND failed", e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        loadSeconds.put(size, (System.nanoTime() - start) / 1e9);
        return total;
    }

    private static void add(List<Kind> kinds, Kind kind, long n) {
        for (long i = 0; i < n; i++) {
            kinds.add(kind);
        }
    }

    private Imap.Append append(Random random, int user, Kind kind) {
        long day = 86_400;
        long t = now.getEpochSecond();
        Instant arrival;
        String flags;
        switch (kind) {
            case OLD_UNRETRIEVED:
                arrival = Instant.ofEpochSecond(t - 120 * day - random.nextInt(86_400 * 30));
                flags = "";
                break;
            case OLD_RETRIEVED:
                arrival = Instant.ofEpochSecond(t - 60 * day - random.nextInt(86_400 * 10));
                flags = "\\Seen $KotakRetrieved." + (t - 30 * day) + " $KotakRetrievedBy.laptop";
                break;
            case RECENT_RETRIEVED:
                arrival = Instant.ofEpochSecond(t - 20 * day - random.nextInt(86_400));
                flags = "\\Seen $KotakRetrieved." + (t - 5 * day) + " $KotakRetrievedBy.laptop";
                break;
            default:
                arrival = Instant.ofEpochSecond(t - random.nextInt(86_400 * 30));
                flags = "";
                break;
        }
        long number = sequence.incrementAndGet();
        return new Imap.Append(flags, IMAP_DATE.format(arrival.atZone(ZoneOffset.UTC)),
            message(random, number, user(user), arrival, options.messageSize));
    }

    /** A plain-text message of about {@code size} octets. */
    static byte[] message(Random random, long number, String to, Instant date, int size) {
        StringBuilder text = new StringBuilder(size + 200);
        text.append("From: sender").append(number % 23).append("@example.org\r\n")
            .append("To: ").append(to).append("\r\n")
            .append("Subject: sweep bench message ").append(number).append("\r\n")
            .append("Date: ").append(DateTimeFormatter.RFC_1123_DATE_TIME.format(date.atZone(ZoneOffset.UTC))).append("\r\n")
            .append("Message-ID: <sweep-").append(number).append("@").append(DOMAIN).append(">\r\n")
            .append("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n");
        String alphabet = "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789 .,;";
        while (text.length() < size) {
            int length = 20 + random.nextInt(56);
            for (int i = 0; i < length; i++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            text.append("\r\n");
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    // ------------------------------------------------------------------------------------------------- measuring

    static final class TaskRun {
        String status;
        String json;
        long examined;
        long usersFailed;
        Map<String, Long> removed = new LinkedHashMap<>();
        Map<String, Object> details = Map.of();
        double taskSeconds;
        double wallSeconds;

        long removedTotal() {
            long n = 0;
            for (long v : removed.values()) {
                n += v;
            }
            return n;
        }

        long longDetail(String name) {
            Object value = details.get(name);
            return value instanceof Number ? ((Number) value).longValue() : -1;
        }
    }

    TaskRun sweep(boolean dryRun) throws IOException {
        TaskRun run = task("/kotak/retention/sweep?" + (dryRun ? "dryRun=true&" : "") + "usersPerSecond="
            + options.usersPerSecond, dryRun ? "dry run" : "real run", dryRun ? 0 : options.realRunLimit);
        run.examined = run.longDetail("messagesExamined");
        run.usersFailed = run.longDetail("usersFailed");
        Object removed = run.details.get("removedByRule");
        if (removed instanceof Map) {
            for (Map.Entry<?, ?> e : ((Map<?, ?>) removed).entrySet()) {
                run.removed.put((String) e.getKey(), ((Number) e.getValue()).longValue());
            }
        }
        return run;
    }

    /** POSTs a task route, awaits it through /tasks/{id}/await; task time from startedDate to completedDate. */
    TaskRun task(String route, String what) throws IOException {
        return task(route, what, 0);
    }

    /** ... cancelled (DELETE /tasks/{id}) if it runs longer than {@code limitSeconds} (0: no limit). */
    TaskRun task(String route, String what, int limitSeconds) throws IOException {
        String recording = options.jfr ? server.startJfr(what) : null;
        try {
            return awaitTask(route, what, limitSeconds);
        } finally {
            if (recording != null) {
                server.stopJfr(recording);
            }
        }
    }

    private TaskRun awaitTask(String route, String what, int limitSeconds) throws IOException {
        long start = System.nanoTime();
        Map<String, Object> created = Json.object(web.post(route));
        String id = (String) created.get("taskId");
        if (id == null) {
            throw new IllegalStateException(what + ": no taskId in " + created);
        }
        Map<String, Object> task;
        boolean cancelled = false;
        while (true) {
            String timeout = limitSeconds > 0 && !cancelled ? limitSeconds + "s" : "1h";
            HttpResponse<String> response = web.send("GET", "/tasks/" + id + "/await?timeout=" + timeout);
            if (response.statusCode() == 200) {
                task = Json.object(response.body());
                break;
            }
            if (response.statusCode() == 408 && limitSeconds > 0 && !cancelled) {
                cancelled = true;
                HttpResponse<String> cancel = web.send("DELETE", "/tasks/" + id);
                if (cancel.statusCode() / 100 != 2) {
                    throw new IllegalStateException("DELETE /tasks/" + id + " answered " + cancel.statusCode());
                }
                continue;
            }
            if (response.statusCode() != 408) {
                throw new IllegalStateException("GET /tasks/" + id + "/await answered " + response.statusCode() + ": "
                    + response.body());
            }
        }
        TaskRun run = new TaskRun();
        run.wallSeconds = (System.nanoTime() - start) / 1e9;
        run.json = Json.compact(task);
        run.status = (String) task.get("status");
        Object details = task.get("additionalInformation");
        if (details instanceof Map) {
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) details;
            run.details = map;
        }
        Object started = task.get("startedDate");
        Object completed = task.get("completedDate");
        if (started instanceof String && completed instanceof String) {
            run.taskSeconds = Duration.between(instant((String) started), instant((String) completed)).toNanos() / 1e9;
        }
        return run;
    }

    /** James's task dates: ISO-8601 with an offset written +0000 or +00:00. */
    static Instant instant(String date) {
        return OffsetDateTime.parse(date.replaceFirst("([+-]\\d{2})(\\d{2})$", "$1:$2")).toInstant();
    }

    /** Stock James's IMAP server reading what the sweeper reads (UID, flags, internal date), one client. */
    Measure imapScan(String label, long expected) throws IOException {
        long start = System.nanoTime();
        long fetched = 0;
        for (int i = 0; i < options.users; i++) {
            try (Imap imap = new Imap(server.imapPort)) {
                imap.login(user(i), PASSWORD);
                imap.command("EXAMINE INBOX"); // read-only: SELECT would also write (it clears \\Recent)
                fetched += imap.countUntagged("FETCH 1:* (UID FLAGS INTERNALDATE)", "FETCH");
                imap.logout();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (fetched != expected) {
            throw new IllegalStateException("the IMAP scan fetched " + fetched + " messages, expected " + expected);
        }
        return new Measure(label, "stock IMAP scan", fetched, 0, 0, seconds);
    }

    // ---------------------------------------------------------------------------------------------------- IMAP

    /** Just enough IMAP: LOGIN, pipelined APPEND (LITERAL+ when offered), SELECT, FETCH counting. */
    static final class Imap implements AutoCloseable {
        static final class Append {
            final String flags;
            final String date;
            final byte[] message;

            Append(String flags, String date, byte[] message) {
                this.flags = flags;
                this.date = date;
                this.message = message;
            }
        }

        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        private int tag;
        private boolean literalPlus;

        Imap(int port) throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.setSoTimeout((int) IO_TIMEOUT.toMillis());
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10_000);
            in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
            out = new java.io.BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
            expect(line(), "* OK");
            String t = "a" + (++tag);
            write(t + " CAPABILITY\r\n");
            for (String line = line(); !line.startsWith(t + " "); line = line()) {
                if (line.startsWith("* CAPABILITY") && line.toUpperCase(Locale.ROOT).contains(" LITERAL+")) {
                    literalPlus = true;
                }
            }
        }

        void login(String user, String password) throws IOException {
            String t = "a" + (++tag);
            write(t + " LOGIN \"" + user + "\" \"" + password + "\"\r\n");
            waitTagged(t);
        }

        /**
         * APPENDs every message, one at a time: with LITERAL+ (no wait for the continuation) when offered. Not
         * pipelined: James 3.8.1 mis-parses a second LITERAL+ APPEND that arrives in the same read as the first one
         * (its message is taken for commands: "BAD failed. Unknown command"), so speed comes from connections.
         */
        void appendAll(String mailbox, List<Append> appends) throws IOException {
            for (Append append : appends) {
                String t = "a" + (++tag);
                if (literalPlus) {
                    out.write(head(t, mailbox, append, true).getBytes(StandardCharsets.US_ASCII));
                } else {
                    write(head(t, mailbox, append, false));
                    expect(line(), "+");
                }
                out.write(append.message);
                write("\r\n");
                waitTagged(t);
            }
        }

        private static String head(String t, String mailbox, Append append, boolean nonSynchronizing) {
            return t + " APPEND " + mailbox + (append.flags.isEmpty() ? "" : " (" + append.flags + ")")
                + " \"" + append.date + "\" {" + append.message.length + (nonSynchronizing ? "+" : "") + "}\r\n";
        }

        void command(String command) throws IOException {
            String t = "a" + (++tag);
            write(t + " " + command + "\r\n");
            waitTagged(t);
        }

        /** Sends {@code command}; counts the untagged responses whose second word is {@code keyword}. */
        long countUntagged(String command, String keyword) throws IOException {
            String t = "a" + (++tag);
            write(t + " " + command + "\r\n");
            long count = 0;
            String marker = " " + keyword + " ";
            for (String line = line(); ; line = line()) {
                if (line.startsWith(t + " ")) {
                    expect(line, t + " OK");
                    return count;
                }
                if (line.startsWith("* ") && line.indexOf(marker) > 0 && line.indexOf(marker) < 16) {
                    count++;
                }
            }
        }

        /** LOGOUT; James may close the connection right after its BYE, before the tagged OK. */
        void logout() throws IOException {
            String t = "a" + (++tag);
            write(t + " LOGOUT\r\n");
            try {
                waitTagged(t);
            } catch (IOException closed) {
                // BYE was enough
            }
        }

        private void waitTagged(String t) throws IOException {
            for (String line = line(); ; line = line()) {
                if (line.startsWith(t + " ")) {
                    expect(line, t + " OK");
                    return;
                }
            }
        }

        private void write(String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        private static void expect(String line, String prefix) {
            if (!line.startsWith(prefix)) {
                throw new IllegalStateException("IMAP answered: " + line + " (expected " + prefix + ")");
            }
        }

        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);

        private String line() throws IOException {
            buffer.reset();
            int b;
            while ((b = in.read()) != -1 && b != '\n') {
                if (b != '\r') {
                    buffer.write(b);
                }
            }
            if (b == -1) {
                throw new IOException("IMAP closed the connection");
            }
            return buffer.toString(StandardCharsets.ISO_8859_1);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    // ------------------------------------------------------------------------------------------------ WebAdmin

    static final class WebAdmin {
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        private final int port;

        WebAdmin(int port) {
            this.port = port;
        }

        String get(String path) throws IOException {
            return ok("GET", path, send("GET", path));
        }

        void put(String path, String body) throws IOException {
            ok("PUT", path, send("PUT", path, body));
        }

        String post(String path) throws IOException {
            return ok("POST", path, send("POST", path));
        }

        private static String ok(String method, String path, HttpResponse<String> response) {
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                    + response.body());
            }
            return response.body();
        }

        HttpResponse<String> send(String method, String path) throws IOException {
            return send(method, path, "");
        }

        HttpResponse<String> send(String method, String path, String body) throws IOException {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofHours(2))
                .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
                .build();
            try {
                return http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
    }

    /** A minimal JSON reader (objects, arrays, strings, numbers, booleans, null) for WebAdmin's answers. */
    static final class Json {
        private final String text;
        private int at;

        private Json(String text) {
            this.text = text;
        }

        @SuppressWarnings("unchecked")
        static Map<String, Object> object(String text) {
            Json json = new Json(text);
            Object value = json.value();
            if (!(value instanceof Map)) {
                throw new IllegalStateException("expected a JSON object: " + text);
            }
            return (Map<String, Object>) value;
        }

        static String compact(Object value) {
            if (value instanceof Map) {
                StringBuilder s = new StringBuilder("{");
                for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                    if (s.length() > 1) {
                        s.append(", ");
                    }
                    s.append('"').append(e.getKey()).append("\": ").append(compact(e.getValue()));
                }
                return s.append('}').toString();
            }
            if (value instanceof List) {
                StringBuilder s = new StringBuilder("[");
                for (Object o : (List<?>) value) {
                    if (s.length() > 1) {
                        s.append(", ");
                    }
                    s.append(compact(o));
                }
                return s.append(']').toString();
            }
            return value instanceof String ? "\"" + value + "\"" : String.valueOf(value);
        }

        private Object value() {
            skip();
            char c = text.charAt(at);
            if (c == '{') {
                Map<String, Object> map = new LinkedHashMap<>();
                at++;
                skip();
                if (text.charAt(at) == '}') {
                    at++;
                    return map;
                }
                while (true) {
                    skip();
                    String key = string();
                    skip();
                    at++; // :
                    map.put(key, value());
                    skip();
                    if (text.charAt(at++) == '}') {
                        return map;
                    }
                }
            }
            if (c == '[') {
                List<Object> list = new ArrayList<>();
                at++;
                skip();
                if (text.charAt(at) == ']') {
                    at++;
                    return list;
                }
                while (true) {
                    list.add(value());
                    skip();
                    if (text.charAt(at++) == ']') {
                        return list;
                    }
                }
            }
            if (c == '"') {
                return string();
            }
            if (text.startsWith("true", at)) {
                at += 4;
                return Boolean.TRUE;
            }
            if (text.startsWith("false", at)) {
                at += 5;
                return Boolean.FALSE;
            }
            if (text.startsWith("null", at)) {
                at += 4;
                return null;
            }
            int start = at;
            while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) {
                at++;
            }
            String number = text.substring(start, at);
            if (number.isEmpty()) {
                throw new IllegalStateException("bad JSON at " + start + ": " + text);
            }
            return number.matches("-?\\d+") ? (Object) Long.valueOf(number) : (Object) Double.valueOf(number);
        }

        private String string() {
            StringBuilder s = new StringBuilder();
            at++; // opening quote
            while (true) {
                char c = text.charAt(at++);
                if (c == '"') {
                    return s.toString();
                }
                if (c == '\\') {
                    char e = text.charAt(at++);
                    switch (e) {
                        case 'n': s.append('\n'); break;
                        case 't': s.append('\t'); break;
                        case 'r': s.append('\r'); break;
                        case 'b': s.append('\b'); break;
                        case 'f': s.append('\f'); break;
                        case 'u': s.append((char) Integer.parseInt(text.substring(at, at + 4), 16)); at += 4; break;
                        default: s.append(e); break;
                    }
                } else {
                    s.append(c);
                }
            }
        }

        private void skip() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
        }
    }

    // -------------------------------------------------------------------------------------------------- server

    /** A private copy of the packaged distribution: loopback ports, the bench's retention.xml, a cheap hash. */
    static final class Server {
        private final Options options;
        private Path home;
        int imapPort;
        int webAdminPort;
        private boolean started;

        Server(Options options) {
            this.options = options;
        }

        void prepare() throws IOException {
            Path dist = options.dist;
            if (!Files.isExecutable(dist.resolve("bin/kotak"))) {
                throw new IllegalStateException(dist + "/bin/kotak not found: build the distribution first, "
                    + "./mvnw -B -DskipTests package");
            }
            try (Stream<Path> jars = Files.list(dist.resolve("extensions-jars"))) {
                if (jars.noneMatch(p -> p.getFileName().toString().startsWith("kotak-retention"))) {
                    throw new IllegalStateException(dist + "/extensions-jars has no kotak-retention jar");
                }
            }
            home = Files.createTempDirectory("kotak-sweeper-bench-");
            copyTree(dist, home);
            Path conf = home.resolve("conf");
            List<ServerSocket> reserved = new ArrayList<>();
            try {
                try (Stream<Path> files = Files.list(conf)) {
                    for (Path file : (Iterable<Path>) files::iterator) {
                        if (file.getFileName().toString().endsWith(".xml")) {
                            rewriteBinds(file, reserved);
                        }
                    }
                }
                webAdminPort = reserve(reserved);
                replace(conf.resolve("webadmin.properties"), "(?m)^(\\s*port\\s*=\\s*)\\d+", "$1" + webAdminPort);
                replace(conf.resolve("jmx.properties"), "(?m)^(\\s*jmx\\.port\\s*=\\s*)\\d+", "$1" + reserve(reserved));
            } finally {
                for (ServerSocket socket : reserved) {
                    socket.close();
                }
            }
            // IMAP on the STARTTLS port: LOGIN allowed in clear text, to load and scan without TLS code here.
            String imap = Files.readString(conf.resolve("imapserver.xml"));
            Matcher plainImap = Pattern.compile("<bind>127\\.0\\.0\\.1:(\\d+)</bind>").matcher(imap);
            if (!plainImap.find()) {
                throw new IllegalStateException("no IMAP listener in imapserver.xml");
            }
            imapPort = Integer.parseInt(plainImap.group(1));
            Files.writeString(conf.resolve("imapserver.xml"),
                imap.replaceFirst("<requireSSL>true</requireSSL>", "<requireSSL>false</requireSSL>"));
            // 2,000+ logins (load and scan): the shipped PBKDF2 (210,000 rounds, 0.1-0.2 s of CPU each) would
            // dominate the load and the IMAP baseline; the sweeper never checks passwords.
            replace(conf.resolve("usersrepository.xml"), "<algorithm>[^<]*</algorithm>",
                "<algorithm>PBKDF2-SHA512-1000-512</algorithm>");
            Files.writeString(conf.resolve("retention.xml"), retentionXml());
            System.out.println("server copy: " + home + (options.keep ? " (kept)" : ""));
        }

        static String retentionXml() {
            return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<!-- Written by bench/sweeper. The scheduled sweeper is off: the bench starts sweeps itself. -->\n"
                + "<retention>\n"
                + "    <sweeper enabled=\"false\"/>\n"
                + "    <policies>\n"
                + "        <policy name=\"" + POLICY + "\">\n"
                + "            <onRetrieve action=\"seen\"/>\n"
                + "            <expire unretrieved=\"90d\" retrieved=\"14d\"/>\n"
                + "            <devices><device name=\"laptop\"/><device name=\"phone\"/></devices>\n"
                + "        </policy>\n"
                + "    </policies>\n"
                + "    <assignments default=\"rfc1939\">\n"
                + "        <domain name=\"" + DOMAIN + "\" policy=\"" + POLICY + "\"/>\n"
                + "    </assignments>\n"
                + "</retention>\n";
        }

        void start() throws IOException, InterruptedException {
            System.out.println("starting the server (bin/kotak start) ...");
            Result result = run(Duration.ofMinutes(6), Map.of("KOTAK_START_TIMEOUT", "300"),
                home.resolve("bin/kotak").toString(), "start");
            if (result.exit != 0) {
                throw new IllegalStateException("bin/kotak start exited " + result.exit + ":\n" + result.output
                    + "\n" + tail(home.resolve("logs/james.log"), 40));
            }
            started = true;
            String javaVersion = run(Duration.ofSeconds(30), Map.of(), javaCommand(), "-version").output.trim();
            System.out.println("machine: nproc " + Runtime.getRuntime().availableProcessors() + ", "
                + cpuModel() + ", " + System.getProperty("os.name") + " " + System.getProperty("os.arch")
                + "; load average " + loadAverage());
            System.out.println("java -version: " + javaVersion.replace("\n", " | "));
            System.out.println("server: conf/jvm.options as shipped (JPA on Derby, Lucene index); password hash"
                + " PBKDF2-SHA512-1000-512 for the bench users");
        }

        long pid() throws IOException {
            return Long.parseLong(Files.readString(home.resolve("var/kotak.pid")).trim());
        }

        private int recordings;

        /** Starts a JFR recording (settings=profile) of the server; returns its name. */
        String startJfr(String what) throws IOException {
            String name = "sweep" + (++recordings);
            Path file = Path.of(System.getProperty("java.io.tmpdir"), "kotak-sweep-" + System.currentTimeMillis() + "-"
                + what.replaceAll("[^A-Za-z0-9]+", "-") + ".jfr");
            try {
                run(Duration.ofMinutes(1), Map.of(), jcmd(), Long.toString(pid()), "JFR.start", "name=" + name,
                    "settings=profile", "filename=" + file);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            System.out.println("  JFR of " + what + ": " + file + " (java bench/JfrTop.java " + file + ")");
            return name;
        }

        void stopJfr(String name) throws IOException {
            try {
                run(Duration.ofMinutes(1), Map.of(), jcmd(), Long.toString(pid()), "JFR.stop", "name=" + name);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }

        private static String jcmd() {
            String javaHome = System.getenv("JAVA_HOME");
            if (javaHome != null && Files.isExecutable(Path.of(javaHome, "bin/jcmd"))) {
                return Path.of(javaHome, "bin/jcmd").toString();
            }
            Path fromJava = Path.of(ProcessHandle.current().info().command().orElse("java")).resolveSibling("jcmd");
            return Files.isExecutable(fromJava) ? fromJava.toString() : "jcmd";
        }

        static String loadAverage() {
            try {
                return Files.readString(Path.of("/proc/loadavg")).trim();
            } catch (IOException e) {
                return "unknown";
            }
        }

        void stop() throws IOException, InterruptedException {
            if (home == null) {
                return;
            }
            if (started) {
                Result result = run(Duration.ofMinutes(3), Map.of(), home.resolve("bin/kotak").toString(), "stop");
                if (result.exit != 0) {
                    System.err.println("bin/kotak stop exited " + result.exit + ": " + result.output);
                }
                long errors = countLines(home.resolve("logs/james.log"), " ERROR ");
                if (errors > 0) {
                    System.out.println("note: logs/james.log has " + errors + " ERROR lines");
                }
            }
            if (!options.keep) {
                try (Stream<Path> walk = Files.walk(home)) {
                    walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }

        private static String javaCommand() {
            String javaHome = System.getenv("JAVA_HOME");
            if (javaHome != null && Files.isExecutable(Path.of(javaHome, "bin/java"))) {
                return Path.of(javaHome, "bin/java").toString();
            }
            return "java";
        }

        private static String cpuModel() {
            try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
                return lines.filter(l -> l.startsWith("model name")).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("cpu unknown");
            } catch (IOException | UncheckedIOException e) {
                return "cpu unknown";
            }
        }

        private static long countLines(Path file, String text) throws IOException {
            if (!Files.isRegularFile(file)) {
                return 0;
            }
            try (Stream<String> lines = Files.lines(file, StandardCharsets.ISO_8859_1)) {
                return lines.filter(l -> l.contains(text)).count();
            }
        }

        private static String tail(Path file, int n) throws IOException {
            if (!Files.isRegularFile(file)) {
                return "(no " + file + ")";
            }
            List<String> lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - n), lines.size()));
        }

        private static void rewriteBinds(Path file, List<ServerSocket> reserved) throws IOException {
            String text = Files.readString(file);
            Matcher matcher = BIND.matcher(text);
            StringBuilder result = new StringBuilder();
            while (matcher.find()) {
                matcher.appendReplacement(result, "<bind>127.0.0.1:" + reserve(reserved) + "</bind>");
            }
            matcher.appendTail(result);
            Files.writeString(file, result.toString());
        }

        private static void replace(Path file, String regex, String replacement) throws IOException {
            Files.writeString(file, Files.readString(file).replaceAll(regex, replacement));
        }

        private static int reserve(List<ServerSocket> reserved) throws IOException {
            ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            reserved.add(socket);
            return socket.getLocalPort();
        }

        private static void copyTree(Path source, Path target) throws IOException {
            Files.walkFileTree(source, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    String relative = source.relativize(dir).toString();
                    if (relative.equals("var") || relative.equals("logs")) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    Files.createDirectories(target.resolve(relative));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    String relative = source.relativize(file).toString();
                    if (relative.equals("conf/jmxremote.password") || relative.equals("conf/jmxremote.access")
                        || relative.equals("derby.log")) {
                        return FileVisitResult.CONTINUE;
                    }
                    Path destination = target.resolve(relative);
                    if (relative.startsWith("lib/")) {
                        try {
                            Files.createLink(destination, file);
                            return FileVisitResult.CONTINUE;
                        } catch (IOException | UnsupportedOperationException e) {
                            // another file system: copy
                        }
                    }
                    Files.copy(file, destination, StandardCopyOption.COPY_ATTRIBUTES);
                    return FileVisitResult.CONTINUE;
                }
            });
        }

        static final class Result {
            final int exit;
            final String output;

            Result(int exit, String output) {
                this.exit = exit;
                this.output = output;
            }
        }

        private Result run(Duration timeout, Map<String, String> env, String... command)
            throws IOException, InterruptedException {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            if (home != null) {
                builder.directory(home.toFile());
            }
            builder.environment().putAll(env);
            Path output = Files.createTempFile("kotak-bench-", ".out");
            try {
                builder.redirectOutput(output.toFile());
                Process process = builder.start();
                if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException(String.join(" ", command) + " did not finish in " + timeout);
                }
                return new Result(process.exitValue(), Files.readString(output, StandardCharsets.ISO_8859_1));
            } finally {
                Files.deleteIfExists(output);
            }
        }
    }
}
