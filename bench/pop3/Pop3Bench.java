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
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * POP3 benchmark: the cost of Kotak's POP3 handlers against James's stock ones, in one server, one run.
 *
 * <p>Starts ONE copy of the packaged Kotak distribution with two plain POP3 listeners on the loopback: one with
 * James's stock handler chain, one with {@code coreHandlersPackage="dev.kotak.pop3.KotakPop3Handlers"}. Both serve
 * the same mailbox, filled once over IMAP APPEND. Then, round after round (the first rounds are warm-up and
 * discarded), alternating which listener goes first:
 * <ul>
 *   <li>download: one full session, USER/PASS, UIDL, RETR of every message, QUIT;</li>
 *   <li>concurrent: 20 sessions at once of USER/PASS, STAT, UIDL, QUIT; the batch's wall time and each
 *   session's latency.</li>
 * </ul>
 * and prints the medians and the Kotak/stock ratio of each figure (time: lower is better, goal ≤ 1.03).
 *
 * <p>A single-file program (JDK only): {@code bench/pop3/run [options]}; see bench/README.md.
 */
public final class Pop3Bench {
    static final String KOTAK_PACKAGE = "dev.kotak.pop3.KotakPop3Handlers";
    static final String USER = "bench@bench.kotak.dev";
    static final String PASSWORD = "bench-secret";
    static final Pattern BIND = Pattern.compile("<bind>(?:0\\.0\\.0\\.0|127\\.0\\.0\\.1):(\\d+)</bind>");
    static final Duration IO_TIMEOUT = Duration.ofSeconds(120);

    // ------------------------------------------------------------------------------------------------- options

    static final class Options {
        Path repo = Path.of(".").toAbsolutePath().normalize();
        Path dist;
        Path pop3Jar;
        int small = 2000;
        int smallSize = 4 * 1024;
        int large = 200;
        int largeSize = 100 * 1024;
        int warmup = 2;
        int rounds = 9;
        int polls = 5;
        int pollPause = 0;
        int concurrency = 20;
        int batches = 2;
        long seed = 20261124L;
        boolean stockOnly;
        boolean shippedHash;
        boolean keep;
        boolean retention;
        boolean jfr;
        private boolean sizesGiven;
        private boolean roundsGiven;

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--repo": o.repo = Path.of(args[++i]).toAbsolutePath().normalize(); break;
                    case "--dist": o.dist = Path.of(args[++i]).toAbsolutePath().normalize(); break;
                    case "--pop3-jar": o.pop3Jar = Path.of(args[++i]).toAbsolutePath().normalize(); break;
                    case "--small": o.small = Integer.parseInt(args[++i]); o.sizesGiven = true; break;
                    case "--large": o.large = Integer.parseInt(args[++i]); o.sizesGiven = true; break;
                    case "--warmup": o.warmup = Integer.parseInt(args[++i]); o.roundsGiven = true; break;
                    case "--rounds": o.rounds = Integer.parseInt(args[++i]); o.roundsGiven = true; break;
                    case "--retention": o.retention = true; break;
                    case "--jfr": o.jfr = true; break;
                    case "--polls": o.polls = Integer.parseInt(args[++i]); break;
                    case "--poll-pause": o.pollPause = Integer.parseInt(args[++i]); break;
                    case "--concurrency": o.concurrency = Integer.parseInt(args[++i]); break;
                    case "--batches": o.batches = Integer.parseInt(args[++i]); break;
                    case "--seed": o.seed = Long.parseLong(args[++i]); break;
                    case "--stock-only": o.stockOnly = true; break;
                    case "--shipped-hash": o.shippedHash = true; break;
                    case "--keep": o.keep = true; break;
                    case "-h": case "--help":
                        System.out.println("usage: bench/pop3/run [--dist DIR] [--pop3-jar JAR] [--small N] [--large N]"
                            + " [--warmup N] [--rounds N] [--concurrency N] [--batches N] [--seed N] [--stock-only]"
                            + " [--shipped-hash] [--keep] [--retention] [--polls N] [--poll-pause S] [--jfr]");
                        System.exit(0);
                        break;
                    default: throw new IllegalArgumentException("unknown option " + a + " (try --help)");
                }
            }
            if (o.dist == null) {
                o.dist = o.repo.resolve("distribution/target/kotak-0.1.0-SNAPSHOT");
            }
            if (o.pop3Jar == null) {
                o.pop3Jar = o.repo.resolve("modules/kotak-pop3/target/kotak-pop3-0.1.0-SNAPSHOT.jar");
            }
            if (o.retention) {
                if (o.stockOnly) {
                    throw new IllegalArgumentException("--retention compares Kotak with stock: not with --stock-only");
                }
                if (!o.sizesGiven) {
                    // The INBOX is refilled before every download: a day's mail of a busy POP3 user, not 28 MB.
                    o.small = 500;
                    o.large = 20;
                }
                if (!o.roundsGiven) {
                    o.warmup = 1;
                    o.rounds = 7;
                }
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
            if (options.retention) {
                new RetentionBench(options, server).run();
            } else {
                new Pop3Bench(options, server).run();
            }
        } finally {
            server.stop();
        }
    }

    // -------------------------------------------------------------------------------------------------- bench

    private final Options options;
    private final Server server;
    private final Map<String, List<Double>> samples = new LinkedHashMap<>();

    Pop3Bench(Options options, Server server) {
        this.options = options;
        this.server = server;
    }

    void run() throws Exception {
        long filled = fill();
        Listener stock = new Listener("stock", server.stockPort);
        Listener kotak = new Listener(server.kotakLabel, server.kotakPort);
        long stockOctets = stock.check(options.small + options.large);
        long kotakOctets = kotak.check(options.small + options.large);
        if (stockOctets != kotakOctets) {
            throw new IllegalStateException("the listeners disagree on the maildrop size: stock " + stockOctets
                + " octets, kotak " + kotakOctets);
        }
        System.out.printf(Locale.ROOT, "mailbox: %d messages, %.1f MB (LIST octets), filled in %.1f s%n",
            options.small + options.large, stockOctets / 1e6, filled / 1e3);

        int total = options.warmup + options.rounds;
        for (int round = 0; round < total; round++) {
            boolean measured = round >= options.warmup;
            // Alternate who goes first, so neither side always runs on a cache the other one warmed.
            List<Listener> order = round % 2 == 0 ? List.of(stock, kotak) : List.of(kotak, stock);
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "round %d%s:", round + 1,
                measured ? "" : " (warm-up)"));
            for (Listener listener : order) {
                double download = listener.download(stockOctets);
                line.append(String.format(Locale.ROOT, " %s download %.0f ms;", listener.label, download));
                if (measured) {
                    record(listener.label, "download session (ms)", download);
                }
            }
            for (int batch = 0; batch < options.batches; batch++) {
                for (Listener listener : order) {
                    Batch result = listener.concurrent(options.concurrency);
                    if (batch == 0) {
                        line.append(String.format(Locale.ROOT, " %s %dx STAT/UIDL %.0f ms;", listener.label,
                            options.concurrency, result.wallMillis));
                    }
                    if (measured) {
                        record(listener.label, options.concurrency + " concurrent sessions, batch wall time (ms)",
                            result.wallMillis);
                        for (double latency : result.latencies) {
                            record(listener.label, options.concurrency + " concurrent sessions, session latency (ms)",
                                latency);
                        }
                    }
                }
            }
            System.out.println(line);
        }
        report(stock.label, kotak.label);
    }

    private void record(String label, String figure, double value) {
        samples.computeIfAbsent(label + "\u0000" + figure, k -> new ArrayList<>()).add(value);
    }

    private void report(String stock, String kotak) {
        System.out.println();
        System.out.printf(Locale.ROOT, "%-52s %10s %10s %8s%n", "median of " + options.rounds + " rounds", stock,
            kotak, "ratio");
        boolean allMet = true;
        List<String> figures = new ArrayList<>();
        for (String key : samples.keySet()) {
            String figure = key.substring(key.indexOf('\u0000') + 1);
            if (!figures.contains(figure)) {
                figures.add(figure);
            }
        }
        for (String figure : figures) {
            double s = median(samples.get(stock + "\u0000" + figure));
            double k = median(samples.get(kotak + "\u0000" + figure));
            double ratio = k / s;
            allMet &= ratio <= 1.03;
            System.out.printf(Locale.ROOT, "%-52s %10.1f %10.1f %8.3f%s%n", figure, s, k, ratio,
                ratio <= 1.03 ? "" : "  (goal <= 1.03 missed)");
        }
        double sBatch = median(samples.get(stock + "\u0000" + options.concurrency
            + " concurrent sessions, batch wall time (ms)"));
        double kBatch = median(samples.get(kotak + "\u0000" + options.concurrency
            + " concurrent sessions, batch wall time (ms)"));
        System.out.printf(Locale.ROOT, "%-52s %10.1f %10.1f%n", "(throughput, sessions/s)",
            options.concurrency * 1000 / sBatch, options.concurrency * 1000 / kBatch);
        System.out.println("ratio = " + kotak + " / " + stock + " (time; lower is better); goal <= 1.03 on every"
            + " figure: " + (allMet ? "MET" : "NOT MET"));
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    // ------------------------------------------------------------------------------------------------- filling

    /** Creates the user and APPENDs the messages over IMAP (synchronous, unlike SMTP's spool); returns ms. */
    long fill() throws IOException {
        WebAdmin web = new WebAdmin(server.webAdminPort);
        web.put("/domains/bench.kotak.dev", "");
        web.put("/users/" + USER, "{\"password\":\"" + PASSWORD + "\"}");
        long start = System.nanoTime();
        List<byte[]> messages = messages(options);
        // A few connections in parallel: each APPEND waits for its own commit.
        int connections = 4;
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        try {
            List<Future<Void>> done = new ArrayList<>();
            java.util.concurrent.atomic.AtomicInteger appended = new java.util.concurrent.atomic.AtomicInteger();
            for (int c = 0; c < connections; c++) {
                int first = c;
                done.add(pool.submit(() -> {
                    try (Imap imap = new Imap(server.imapPort)) {
                        imap.login(USER, PASSWORD);
                        for (int i = first; i < messages.size(); i += connections) {
                            imap.append("INBOX", messages.get(i));
                            int n = appended.incrementAndGet();
                            if (n % 500 == 0) {
                                System.out.printf(Locale.ROOT, "  appended %d/%d%n", n, messages.size());
                            }
                        }
                        imap.logout();
                    }
                    return null;
                }));
            }
            for (Future<Void> future : done) {
                try {
                    future.get();
                } catch (Exception e) {
                    throw new IOException("IMAP APPEND failed", e);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** The maildrop: {@code small} messages and {@code large} ones spread among them, from {@code seed}. */
    static List<byte[]> messages(Options options) {
        Random random = new Random(options.seed);
        List<byte[]> messages = new ArrayList<>();
        for (int i = 0; i < options.small + options.large; i++) {
            // Large messages spread through the mailbox, as in a real one.
            boolean large = (i % ((options.small + options.large) / Math.max(1, options.large))) == 0
                && countLarge(options, messages) < options.large;
            messages.add(message(random, i + 1, large ? options.largeSize : options.smallSize));
        }
        while (countLarge(options, messages) < options.large) { // rounding left some out
            messages.add(message(random, messages.size() + 1, options.largeSize));
        }
        while (messages.size() > options.small + options.large) {
            messages.remove(messages.size() - 1);
        }
        return messages;
    }

    private static int countLarge(Options options, List<byte[]> messages) {
        int count = 0;
        for (byte[] m : messages) {
            if (m.length >= options.largeSize / 2) {
                count++;
            }
        }
        return count;
    }

    /** A plain-text message of about {@code size} octets; some lines start with a dot (dot-stuffing). */
    static byte[] message(Random random, int number, int size) {
        StringBuilder text = new StringBuilder(size + 200);
        text.append("From: sender").append(number % 17).append("@example.org\r\n")
            .append("To: ").append(USER).append("\r\n")
            .append("Subject: bench message ").append(number).append("\r\n")
            .append("Date: Tue, 24 Nov 2026 10:00:00 +0000\r\n")
            .append("Message-ID: <bench-").append(number).append("@bench.kotak.dev>\r\n")
            .append("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n");
        String alphabet = "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789 .,;";
        while (text.length() < size) {
            int length = 20 + random.nextInt(56);
            if (random.nextInt(20) == 0) {
                text.append('.');
            }
            for (int i = 0; i < length; i++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            text.append("\r\n");
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    // ---------------------------------------------------------------------------------------------------- POP3

    static final class Batch {
        final double wallMillis;
        final List<Double> latencies;

        Batch(double wallMillis, List<Double> latencies) {
            this.wallMillis = wallMillis;
            this.latencies = latencies;
        }
    }

    static final class Listener {
        final String label;
        final int port;
        final ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "bench-client");
            t.setDaemon(true);
            return t;
        });

        Listener(String label, int port) {
            this.label = label;
            this.port = port;
        }

        /** Checks the maildrop over this listener: STAT count, LIST total; returns the total octets. */
        long check(int expectedCount) throws IOException {
            try (Pop3 pop3 = Pop3.login(port)) {
                String[] stat = pop3.command("STAT").split(" ");
                int count = Integer.parseInt(stat[1]);
                if (count != expectedCount) {
                    throw new IllegalStateException(label + ": STAT says " + count + " messages, expected "
                        + expectedCount);
                }
                long octets = Long.parseLong(stat[2]);
                pop3.quit();
                return octets;
            }
        }

        /** USER/PASS, UIDL, RETR every message, QUIT; returns ms. Checks what it read against LIST. */
        double download(long expectedOctets) throws IOException {
            long start = System.nanoTime();
            try (Pop3 pop3 = Pop3.login(port)) {
                List<String> uidl = pop3.multiline("UIDL");
                long octets = 0;
                for (int i = 1; i <= uidl.size(); i++) {
                    octets += pop3.retr(i);
                }
                pop3.quit();
                double millis = (System.nanoTime() - start) / 1e6;
                // RETR returns the message with CRLF line ends, un-stuffed: what LIST/STAT counted.
                if (octets != expectedOctets) {
                    throw new IllegalStateException(label + ": RETR of all messages gave " + octets
                        + " octets, STAT said " + expectedOctets);
                }
                return millis;
            }
        }

        /** {@code n} sessions of USER/PASS, STAT, UIDL, QUIT released together; wall time and latencies. */
        Batch concurrent(int n) throws Exception {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Double>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Callable<Double> session = () -> {
                    go.await();
                    long start = System.nanoTime();
                    try (Pop3 pop3 = Pop3.login(port)) {
                        pop3.command("STAT");
                        pop3.multiline("UIDL");
                        pop3.quit();
                    }
                    return (System.nanoTime() - start) / 1e6;
                };
                futures.add(pool.submit(session));
            }
            Thread.sleep(50); // let every client thread reach the latch
            long start = System.nanoTime();
            go.countDown();
            List<Double> latencies = new ArrayList<>();
            for (Future<Double> future : futures) {
                latencies.add(future.get(IO_TIMEOUT.toSeconds(), TimeUnit.SECONDS));
            }
            return new Batch((System.nanoTime() - start) / 1e6, latencies);
        }
    }

    /** A minimal POP3 client: one command, one reply, no pipelining. */
    static final class Pop3 implements AutoCloseable {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;

        private Pop3(int port) throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.setSoTimeout((int) IO_TIMEOUT.toMillis());
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10_000);
            in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
            out = socket.getOutputStream();
        }

        static Pop3 login(int port) throws IOException {
            return login(port, USER, PASSWORD);
        }

        static Pop3 login(int port, String user, String password) throws IOException {
            Pop3 pop3 = new Pop3(port);
            pop3.ok(pop3.line());
            pop3.command("USER " + user);
            pop3.command("PASS " + password);
            return pop3;
        }

        String command(String command) throws IOException {
            out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return ok(line());
        }

        List<String> multiline(String command) throws IOException {
            command(command);
            List<String> lines = new ArrayList<>();
            for (String line = line(); !line.equals("."); line = line()) {
                lines.add(line);
            }
            return lines;
        }

        /** RETR n, returns the message's octets (CRLF line ends, dot-stuffing removed). */
        long retr(int n) throws IOException {
            command("RETR " + n);
            long octets = 0;
            for (String line = line(); !line.equals("."); line = line()) {
                octets += (line.startsWith(".") ? line.length() - 1 : line.length()) + 2;
            }
            return octets;
        }

        void quit() throws IOException {
            command("QUIT");
        }

        private String ok(String reply) {
            if (!reply.startsWith("+OK")) {
                throw new IllegalStateException("POP3 port " + socket.getPort() + " answered: " + reply);
            }
            return reply;
        }

        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);

        private String line() throws IOException {
            buffer.reset();
            int b;
            while ((b = in.read()) != -1) {
                if (b == '\n') {
                    int size = buffer.size();
                    byte[] bytes = buffer.toByteArray();
                    return new String(bytes, 0, size > 0 && bytes[size - 1] == '\r' ? size - 1 : size,
                        StandardCharsets.ISO_8859_1);
                }
                buffer.write(b);
            }
            throw new IOException("POP3 port " + socket.getPort() + " closed the connection");
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    // ---------------------------------------------------------------------------------------------------- IMAP

    /** Just enough IMAP to LOGIN and APPEND with synchronizing literals. */
    static final class Imap implements AutoCloseable {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        private int tag;

        Imap(int port) throws IOException {
            socket = new Socket();
            socket.setSoTimeout((int) IO_TIMEOUT.toMillis());
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10_000);
            in = new BufferedInputStream(socket.getInputStream());
            out = socket.getOutputStream();
            expect(line(), "* OK");
        }

        void login(String user, String password) throws IOException {
            tagged("LOGIN \"" + user + "\" \"" + password + "\"");
        }

        void append(String mailbox, byte[] message) throws IOException {
            String t = "a" + (++tag);
            write(t + " APPEND " + mailbox + " {" + message.length + "}\r\n");
            expect(line(), "+");
            out.write(message);
            write("\r\n");
            waitTagged(t);
        }

        /** LOGOUT; James may close the connection right after its BYE, before the tagged OK. */
        void logout() throws IOException {
            String t = "a" + (++tag);
            write(t + " LOGOUT\r\n");
            try {
                waitTagged(t);
            } catch (IOException closed) {
                // the BYE was enough
            }
        }

        /** Sends a command and returns its untagged responses (no literals expected). */
        List<String> tagged(String command) throws IOException {
            String t = "a" + (++tag);
            write(t + " " + command + "\r\n");
            return waitTagged(t);
        }

        /** SELECT (or EXAMINE) a mailbox; returns its EXISTS count. */
        int open(String verb, String mailbox) throws IOException {
            int exists = -1;
            for (String line : tagged(verb + " " + mailbox)) {
                Matcher m = Pattern.compile("^\\* (\\d+) EXISTS").matcher(line);
                if (m.find()) {
                    exists = Integer.parseInt(m.group(1));
                }
            }
            return exists;
        }

        private List<String> waitTagged(String t) throws IOException {
            List<String> untagged = new ArrayList<>();
            for (String line = line(); ; line = line()) {
                if (line.startsWith(t + " ")) {
                    expect(line, t + " OK");
                    return untagged;
                }
                untagged.add(line);
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

        private String line() throws IOException {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
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

    static final class WebAdmin {
        private final HttpClient http = HttpClient.newHttpClient();
        private final int port;

        WebAdmin(int port) {
            this.port = port;
        }

        void put(String path, String body) throws IOException {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .PUT(body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() / 100 != 2) {
                    throw new IllegalStateException("PUT " + path + " answered " + response.statusCode() + ": "
                        + response.body());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
    }

    // ------------------------------------------------------------------------------------------ retention mode

    /**
     * {@code --retention}: POP3 downloads with a retention policy that marks retrievals, against stock James.
     *
     * <p>Three sides, each with its own INBOX holding the same messages (copied over IMAP from a template mailbox
     * before each download that needs a fresh INBOX):
     * <ul>
     *   <li>{@code stock}: James's handlers, {@code stock@}: what a James server does today;</li>
     *   <li>{@code kotak}: Kotak's handlers, {@code plain@}, policy rfc1939 (RFC 1939, no retention): the
     *   handlers' own cost;</li>
     *   <li>{@code retention}: Kotak's handlers, {@code ret@...#laptop}, policy {@code bench-leave}
     *   (onRetrieve seen, expire retrieved 14d, devices laptop and phone): every retrieval is marked at QUIT
     *   ($KotakRetrieved.*, \Seen; not the device, which no rule of the policy reads) and audited.</li>
     * </ul>
     * Scenarios, each one session, timed phase by phase: a leave-on-server client's first download (UIDL, RETR
     * all, QUIT), its next poll with nothing new (UIDL, QUIT), and a delete-mode client's download (UIDL, RETR
     * all, DELE all, QUIT). Before every timed session the bench waits until the server's process is idle, so
     * the asynchronous work of the previous step (search indexing of copied or expunged mail) is not billed to
     * the next session.
     */
    static final class RetentionBench {
        static final String DOMAIN = "bench.kotak.dev";
        static final String POLICY = "bench-leave";
        static final String TEMPLATE = "BenchTemplate";
        static final String FIRST = "leave on server: first download";
        static final String POLL = "leave on server: next poll, nothing new";
        static final String POLL_MARKED = "next poll, every INBOX with the keywords";
        static final String DELETE = "delete mode: RETR + DELE all";
        static final String STORE = "IMAP STORE of the same keywords";
        static final List<String> PHASES = List.of("login", "UIDL", "RETR", "DELE", "QUIT");
        static final String MARKED = "marks in place";

        static String retentionXml() {
            return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<!-- Written by bench/pop3 (retention mode). -->\n"
                + "<retention>\n"
                + "    <sweeper enabled=\"false\"/>\n"
                + "    <policies>\n"
                + "        <policy name=\"" + POLICY + "\">\n"
                + "            <onRetrieve action=\"seen\"/>\n"
                + "            <expire retrieved=\"14d\"/>\n"
                + "            <devices unknown=\"policy\">\n"
                + "                <device name=\"laptop\"/>\n"
                + "                <device name=\"phone\"><onDelete action=\"hide-from-device\"/></device>\n"
                + "            </devices>\n"
                + "        </policy>\n"
                + "    </policies>\n"
                + "    <assignments default=\"rfc1939\">\n"
                + "        <user name=\"ret@" + DOMAIN + "\" policy=\"" + POLICY + "\"/>\n"
                + "    </assignments>\n"
                + "</retention>\n";
        }

        static final class Side {
            final String label;
            final int port;
            final String user;
            final String login;

            Side(String label, int port, String user, String login) {
                this.label = label;
                this.port = port;
                this.user = user;
                this.login = login;
            }
        }

        private final Options options;
        private final Server server;
        private final Map<String, List<Double>> samples = new LinkedHashMap<>();
        private final List<Side> sides;
        private int count;
        private long octets;

        RetentionBench(Options options, Server server) {
            this.options = options;
            this.server = server;
            this.sides = List.of(
                new Side("stock", server.stockPort, "stock@" + DOMAIN, "stock@" + DOMAIN),
                new Side("kotak", server.kotakPort, "plain@" + DOMAIN, "plain@" + DOMAIN),
                new Side("retention", server.kotakPort, "ret@" + DOMAIN, "ret@" + DOMAIN + "#laptop"));
        }

        void run() throws Exception {
            List<byte[]> messages = messages(options);
            count = messages.size();
            WebAdmin web = new WebAdmin(server.webAdminPort);
            web.put("/domains/" + DOMAIN, "");
            long start = System.nanoTime();
            for (Side side : sides) {
                web.put("/users/" + side.user, "{\"password\":\"" + PASSWORD + "\"}");
                try (Imap imap = new Imap(server.imapPort)) {
                    imap.login(side.user, PASSWORD);
                    imap.tagged("CREATE " + TEMPLATE);
                    for (byte[] message : messages) {
                        imap.append(TEMPLATE, message);
                    }
                    imap.logout();
                }
            }
            System.out.printf(Locale.ROOT, "template mailboxes: %d messages (%d of %d octets, %d of %d) for each of"
                    + " %d users, appended in %.1f s%n", count, options.small, options.smallSize, options.large,
                options.largeSize, sides.size(), (System.nanoTime() - start) / 1e9);
            checkCapabilities();

            int total = options.warmup + options.rounds;
            for (int round = 0; round < total; round++) {
                boolean measured = round >= options.warmup;
                if (measured && round == options.warmup && options.jfr) {
                    server.startJfr();
                }
                List<Side> order = new ArrayList<>(sides);
                Collections.rotate(order, round % sides.size());
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "round %d%s:", round + 1,
                    measured ? "" : " (warm-up)"));
                for (Side side : order) {
                    refill(side, round == 0 ? -1 : 0); // the previous round's delete mode emptied it
                }
                for (Side side : order) {
                    line.append(String.format(Locale.ROOT, " %s %.0f", side.label,
                        session(side, FIRST, true, false, measured)));
                }
                if (round == 0) {
                    checkMarked();
                }
                line.append(" ms |");
                // Diagnostic: polls that follow the first downloads by seconds instead of at once (bench/README.md).
                Thread.sleep(options.pollPause * 1000L);
                line.append(polls(order, POLL, measured)).append(" ms |");
                double store = storeReference(measured);
                line.append(String.format(Locale.ROOT, " IMAP STORE %.0f ms |", store));
                // Now stock@'s INBOX carries the retention side's keywords; give plain@'s the same, so that this poll
                // compares the handlers and the policy on identical data (the poll above also pays for the keywords).
                store(sides.get(1));
                line.append(polls(order, POLL_MARKED, measured)).append(" ms |");
                for (Side side : order) {
                    refill(side, count); // leave on server kept them all
                }
                for (Side side : order) {
                    line.append(String.format(Locale.ROOT, " %s %.0f", side.label,
                        session(side, DELETE, true, true, measured)));
                }
                line.append(" ms (first download | poll | stock IMAP STORE of the same keywords | poll, same keywords"
                    + " everywhere | delete mode)");
                System.out.println(line);
            }
            if (options.jfr) {
                server.stopJfr();
            }
            report();
        }

        /**
         * {@code --polls} sessions of a poll scenario per side, the sides taking turns; returns each side's median
         * for the round's line. A poll is a 40 to 60 ms session: one sample a round would mostly measure noise.
         */
        private String polls(List<Side> order, String scenario, boolean measured)
            throws IOException, InterruptedException {
            Map<String, List<Double>> bySide = new LinkedHashMap<>();
            for (int k = 0; k < options.polls; k++) {
                for (Side side : order) {
                    bySide.computeIfAbsent(side.label, label -> new ArrayList<>())
                        .add(session(side, scenario, false, false, measured));
                }
            }
            StringBuilder text = new StringBuilder();
            bySide.forEach((label, ms) -> text.append(String.format(Locale.ROOT, " %s %.0f", label, Pop3Bench.median(ms))));
            return text.toString();
        }

        /** CAPA after login shows the user's policy: EXPIRE 14 for the retention side, NEVER for rfc1939. */
        private void checkCapabilities() throws IOException {
            for (Side side : sides.subList(1, sides.size())) {
                try (Pop3 pop3 = Pop3.login(side.port, side.login, PASSWORD)) {
                    List<String> capa = pop3.multiline("CAPA");
                    String expected = side.label.equals("retention") ? "EXPIRE 14" : "EXPIRE NEVER";
                    if (!capa.contains(expected)) {
                        throw new IllegalStateException(side.login + ": CAPA has no " + expected + ": " + capa);
                    }
                    pop3.quit();
                }
            }
        }

        /** After the first download, the retention side's INBOX is marked; the others' are not. */
        private void checkMarked() throws IOException {
            for (Side side : sides) {
                try (Imap imap = new Imap(server.imapPort)) {
                    imap.login(side.user, PASSWORD);
                    imap.open("EXAMINE", "INBOX");
                    int marked = 0;
                    for (String fetch : imap.tagged("FETCH 1:* (FLAGS)")) {
                        if (fetch.matches("^\\* \\d+ FETCH .*") && fetch.contains("\\Seen")
                            && fetch.contains("$KotakRetrieved.") && !fetch.contains("$KotakRetrievedBy")) {
                            marked++;
                        }
                    }
                    imap.logout();
                    int expected = side.label.equals("retention") ? count : 0;
                    if (marked != expected) {
                        throw new IllegalStateException(side.user + ": " + marked + " messages marked retrieved after"
                            + " the first download, expected " + expected);
                    }
                }
            }
            System.out.println("checked: the first download marked all " + count + " messages of the retention side"
                + " (\\Seen, $KotakRetrieved.*, no $KotakRetrievedBy.*), none of the others");
        }

        /**
         * Stock James setting the keywords a retrieval adds under the bench policy ({@code \\Seen
         * $KotakRetrieved.<t>}) on every message of stock@'s INBOX with one IMAP STORE: the mailbox's own
         * cost of what Kotak's QUIT writes, without Kotak's code. Times the STORE only (after SELECT).
         */
        private double storeReference(boolean measured) throws IOException, InterruptedException {
            Side stock = sides.get(0);
            double ms = store(stock);
            if (measured) {
                record(stock.label, STORE, "session", ms);
            }
            return ms;
        }

        /** One IMAP STORE of the retention side's keywords on every message of the side's INBOX; its time. */
        private double store(Side side) throws IOException, InterruptedException {
            try (Imap imap = new Imap(server.imapPort)) {
                imap.login(side.user, PASSWORD);
                imap.open("SELECT", "INBOX");
                server.waitIdle();
                long start = System.nanoTime();
                imap.tagged("STORE 1:* +FLAGS.SILENT (\\Seen $KotakRetrieved." + (System.currentTimeMillis() / 1000)
                    + ")");
                double ms = (System.nanoTime() - start) / 1e6;
                imap.logout();
                return ms;
            }
        }

        /** Checks INBOX holds {@code expected} messages (-1: any), empties it, copies the template into it. */
        private void refill(Side side, int expected) throws IOException {
            try (Imap imap = new Imap(server.imapPort)) {
                imap.login(side.user, PASSWORD);
                int exists = imap.open("SELECT", "INBOX");
                if (expected >= 0 && exists != expected) {
                    throw new IllegalStateException(side.user + ": INBOX holds " + exists + " messages, expected "
                        + expected + (expected == 0 ? " after a delete-mode session" : ""));
                }
                if (exists > 0) {
                    imap.tagged("STORE 1:* +FLAGS.SILENT (\\Deleted)");
                    imap.tagged("EXPUNGE");
                }
                imap.open("SELECT", TEMPLATE);
                imap.tagged("COPY 1:* INBOX");
                imap.logout();
            }
        }

        /** One timed session; records each phase; returns the session's ms. */
        private double session(Side side, String scenario, boolean retr, boolean dele, boolean measured)
            throws IOException, InterruptedException {
            server.waitIdle();
            // The retention side's first download: QUIT answers once its marks are journaled, and they land on the
            // messages right after. An IMAP session opened beforehand times when they are all in place.
            Imap watcher = side.label.equals("retention") && scenario.equals(FIRST) ? new Imap(server.imapPort) : null;
            if (watcher != null) {
                watcher.login(side.user, PASSWORD);
                server.waitIdle(); // the IMAP login's own asynchronous work is not the POP3 session's
            }
            long[] t = new long[6];
            long read = 0;
            int listed;
            double marked = Double.NaN;
            t[0] = System.nanoTime();
            try (Pop3 pop3 = Pop3.login(side.port, side.login, PASSWORD)) {
                t[1] = System.nanoTime();
                listed = pop3.multiline("UIDL").size();
                t[2] = System.nanoTime();
                if (retr) {
                    for (int i = 1; i <= listed; i++) {
                        read += pop3.retr(i);
                    }
                }
                t[3] = System.nanoTime();
                if (dele) {
                    for (int i = 1; i <= listed; i++) {
                        pop3.command("DELE " + i);
                    }
                }
                t[4] = System.nanoTime();
                String bye = pop3.command("QUIT");
                t[5] = System.nanoTime();
                if (dele && !side.label.equals("stock") && !bye.contains("deleted")) {
                    throw new IllegalStateException(side.login + ": QUIT answered " + bye);
                }
            }
            if (watcher != null) {
                marked = untilAllSeen(watcher, t[4]);
                watcher.logout();
                watcher.close();
            }
            if (listed != count) {
                throw new IllegalStateException(side.login + " (" + scenario + "): UIDL listed " + listed
                    + " messages, expected " + count);
            }
            if (retr) {
                if (octets == 0) {
                    octets = read;
                } else if (read != octets) {
                    throw new IllegalStateException(side.login + ": read " + read + " octets, another side read "
                        + octets);
                }
            }
            double total = (t[5] - t[0]) / 1e6;
            if (measured) {
                record(side.label, scenario, "session", total);
                for (int p = 0; p < PHASES.size(); p++) {
                    record(side.label, scenario, PHASES.get(p), (t[p + 1] - t[p]) / 1e6);
                }
                if (!Double.isNaN(marked)) {
                    record(side.label, scenario, MARKED, marked);
                }
            }
            return total;
        }

        /** Polls {@code STATUS INBOX (UNSEEN)} until 0; returns the ms from {@code quitSent} (System.nanoTime). */
        private static double untilAllSeen(Imap imap, long quitSent) throws IOException, InterruptedException {
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (System.nanoTime() < deadline) {
                for (String line : imap.tagged("STATUS INBOX (UNSEEN)")) {
                    if (line.matches("(?i)^\\* STATUS .*\\(UNSEEN 0\\)$")) {
                        return (System.nanoTime() - quitSent) / 1e6;
                    }
                }
                Thread.sleep(1);
            }
            throw new IllegalStateException("the retention side's marks were not in place 60 s after QUIT");
        }

        private void record(String side, String scenario, String phase, double ms) {
            samples.computeIfAbsent(side + "\u0000" + scenario + "\u0000" + phase, k -> new ArrayList<>()).add(ms);
        }

        private double median(String side, String scenario, String phase) {
            List<Double> values = samples.get(side + "\u0000" + scenario + "\u0000" + phase);
            return values == null ? Double.NaN : Pop3Bench.median(values);
        }

        private void report() {
            System.out.println();
            System.out.printf(Locale.ROOT, "maildrop: %d messages, %.1f MB; median of %d rounds, polls %d times a round"
                + " (ms)%n", count, octets / 1e6, options.rounds, options.polls);
            if (options.pollPause > 0) {
                System.out.printf(Locale.ROOT, "--poll-pause %d: the polls with nothing new began %d s after the first"
                    + " downloads%n", options.pollPause, options.pollPause);
            }
            System.out.printf(Locale.ROOT, "%-42s %9s %9s %9s %11s %11s%n", "session", "stock", "kotak",
                "retention", "kotak/stock", "ret./stock");
            boolean met = true;
            for (String scenario : List.of(FIRST, POLL, POLL_MARKED, DELETE)) {
                double s = median("stock", scenario, "session");
                double k = median("kotak", scenario, "session");
                double r = median("retention", scenario, "session");
                met &= r / s <= 1.05;
                System.out.printf(Locale.ROOT, "%-42s %9.1f %9.1f %9.1f %11.3f %11.3f%s%n", scenario, s, k, r, k / s,
                    r / s, r / s <= 1.05 ? "" : "  (goal <= 1.05 missed)");
            }
            System.out.printf(Locale.ROOT, "%-42s %9.1f   (James IMAP STORE, no Kotak policy: the flag writes alone)%n",
                "IMAP STORE of the same keywords, all", median("stock", STORE, "session"));
            double quitToMarked = median("retention", FIRST, MARKED);
            double firstStock = median("stock", FIRST, "session");
            double firstRetention = median("retention", FIRST, "session");
            System.out.printf(Locale.ROOT, "%-42s %9.1f   (from QUIT sent until IMAP STATUS shows every message \\Seen;"
                + " first download until then: %.3f x stock's session)%n", "retention: marks in place after QUIT",
                quitToMarked, (firstRetention - median("retention", FIRST, "QUIT") + quitToMarked) / firstStock);
            System.out.println();
            System.out.printf(Locale.ROOT, "%-42s %9s %9s %9s %11s%n", "phases (median ms)", "stock", "kotak",
                "retention", "ret.-stock");
            for (String scenario : List.of(FIRST, POLL, POLL_MARKED, DELETE)) {
                for (String phase : PHASES) {
                    double s = median("stock", scenario, phase);
                    double k = median("kotak", scenario, phase);
                    double r = median("retention", scenario, phase);
                    if (s < 0.05 && k < 0.05 && r < 0.05) {
                        continue; // phase not in this scenario
                    }
                    System.out.printf(Locale.ROOT, "%-42s %9.1f %9.1f %9.1f %+11.1f%n", scenario + " / " + phase, s,
                        k, r, r - s);
                }
            }
            System.out.println("ratio = side / stock (time; lower is better); goal: retention / stock <= 1.05 in every"
                + " scenario: " + (met ? "MET" : "NOT MET"));
            System.out.println("load average at the end: " + Server.loadAverage());
        }
    }

    // -------------------------------------------------------------------------------------------------- server

    /** A private copy of the packaged distribution, ports moved to free loopback ones, two bench listeners. */
    static final class Server {
        private final Options options;
        private Path home;
        int stockPort;
        int kotakPort;
        int imapPort;
        int webAdminPort;
        String kotakLabel = "kotak";
        private boolean started;

        Server(Options options) {
            this.options = options;
        }

        void prepare() throws IOException, InterruptedException {
            Path dist = options.dist;
            if (!Files.isExecutable(dist.resolve("bin/kotak"))) {
                throw new IllegalStateException(dist + "/bin/kotak not found: build the distribution first, "
                    + "./mvnw -B -pl distribution -am package -DskipTests");
            }
            home = Files.createTempDirectory("kotak-pop3-bench-");
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
                stockPort = reserve(reserved);
                kotakPort = reserve(reserved);
            } finally {
                for (ServerSocket socket : reserved) {
                    socket.close();
                }
            }
            // IMAP on the STARTTLS port: allow LOGIN in clear text, to fill the mailbox without TLS code here.
            String imap = Files.readString(conf.resolve("imapserver.xml"));
            Matcher plainImap = Pattern.compile("<bind>127\\.0\\.0\\.1:(\\d+)</bind>").matcher(imap);
            if (!plainImap.find()) {
                throw new IllegalStateException("no IMAP listener in imapserver.xml");
            }
            imapPort = Integer.parseInt(plainImap.group(1));
            Files.writeString(conf.resolve("imapserver.xml"),
                imap.replaceFirst("<requireSSL>true</requireSSL>", "<requireSSL>false</requireSSL>"));

            if (!options.shippedHash) {
                // The shipped PBKDF2 (210,000 rounds) costs 0.1-0.2 s of CPU per login, the same on both listeners:
                // it would dilute the handlers' cost in the login-heavy concurrent figure. The bench user, created
                // after start, gets a cheap hash instead; --shipped-hash keeps the shipped one.
                replace(conf.resolve("usersrepository.xml"), "<algorithm>[^<]*</algorithm>",
                    "<algorithm>PBKDF2-SHA512-1000-512</algorithm>");
            }
            boolean kotak = !options.stockOnly && installKotakHandlers();
            if (!kotak) {
                kotakLabel = "stock2";
            }
            Files.writeString(conf.resolve("pop3server.xml"), pop3Servers(kotak));
            if (kotak) {
                writeKotakPop3Settings(conf.resolve("pop3.xml"));
            }
            if (options.retention) {
                if (!kotak) {
                    throw new IllegalStateException("--retention needs Kotak's handlers: " + options.pop3Jar
                        + " not found");
                }
                Files.writeString(conf.resolve("retention.xml"), RetentionBench.retentionXml());
                System.out.println("retention.xml: policy " + RetentionBench.POLICY + " (onRetrieve seen, expire"
                    + " retrieved 14d, devices laptop, phone) for ret@" + RetentionBench.DOMAIN);
            }
            System.out.println("server copy: " + home + (options.keep ? " (kept)" : ""));
            System.out.println("listeners: stock 127.0.0.1:" + stockPort + ", " + kotakLabel + " 127.0.0.1:" + kotakPort
                + (kotak ? " (coreHandlersPackage=" + KOTAK_PACKAGE + ")"
                : " (stock handlers too: Kotak's handlers not found, so the ratio only validates the method)"));
        }

        /** Puts the kotak-pop3 jar in extensions-jars/ unless the distribution already ships it. */
        private boolean installKotakHandlers() throws IOException {
            Path extensions = home.resolve("extensions-jars");
            Files.createDirectories(extensions);
            try (Stream<Path> jars = Files.walk(extensions)) {
                Path shipped = jars.filter(p -> p.getFileName().toString().startsWith("kotak-pop3")
                    && p.getFileName().toString().endsWith(".jar")).findFirst().orElse(null);
                if (shipped != null) {
                    return containsHandlers(shipped);
                }
            }
            if (Files.isRegularFile(options.pop3Jar) && containsHandlers(options.pop3Jar)) {
                Files.copy(options.pop3Jar, extensions.resolve(options.pop3Jar.getFileName()));
                System.out.println("installed " + options.pop3Jar + " in extensions-jars/");
                return true;
            }
            return false;
        }

        private static boolean containsHandlers(Path jar) throws IOException {
            try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(jar.toFile())) {
                return zip.getEntry(KOTAK_PACKAGE.replace('.', '/') + ".class") != null;
            }
        }

        /**
         * Kotak's settings for the bench: the shipped file (UIDL format as shipped) with plain-text logins allowed
         * without TLS (the bench listeners have none) and the session lock off (20 sessions share one maildrop).
         */
        private static void writeKotakPop3Settings(Path file) throws IOException {
            String xml;
            if (Files.isRegularFile(file)) {
                xml = Files.readString(file)
                    .replaceAll("requireTls=\"true\"", "requireTls=\"false\"")
                    .replaceAll("(<sessionLock[^>]*enabled=\")true\"", "$1false\"");
            } else {
                xml = "<?xml version=\"1.0\"?>\n<pop3>\n    <uidl format=\"uid-uidvalidity\"/>\n"
                    + "    <plaintextAuth requireTls=\"false\"/>\n    <sessionLock enabled=\"false\"/>\n</pop3>\n";
            }
            Files.writeString(file, xml);
        }

        private String pop3Servers(boolean kotak) {
            return "<?xml version=\"1.0\"?>\n<!-- Written by bench/pop3: two plain listeners, one mailbox. -->\n"
                + "<pop3servers>\n"
                + listener("pop3-bench-stock", stockPort, "<handlerchain/>")
                + listener("pop3-bench-" + kotakLabel, kotakPort, kotak
                    ? "<handlerchain coreHandlersPackage=\"" + KOTAK_PACKAGE + "\"/>" : "<handlerchain/>")
                + "</pop3servers>\n";
        }

        private static String listener(String name, int port, String chain) {
            return "    <pop3server enabled=\"true\">\n"
                + "        <jmxName>" + name + "</jmxName>\n"
                + "        <bind>127.0.0.1:" + port + "</bind>\n"
                + "        <helloName autodetect=\"false\">bench.kotak.dev</helloName>\n"
                + "        <connectiontimeout>600</connectiontimeout>\n"
                + "        " + chain + "\n"
                + "    </pop3server>\n";
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
            System.out.println("server: conf/jvm.options as shipped; password hash "
                + (options.shippedHash ? "as shipped"
                : "PBKDF2-SHA512-1000-512 (cheap: --shipped-hash for the shipped one)"));
        }

        long pid() throws IOException {
            return Long.parseLong(Files.readString(home.resolve("var/kotak.pid")).trim());
        }

        /** CPU seconds the server process used so far (utime + stime of /proc/PID/stat); -1 if unknown. */
        double cpuSeconds() {
            try {
                String stat = Files.readString(Path.of("/proc/" + pid() + "/stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0; // USER_HZ
            } catch (IOException | RuntimeException e) {
                return -1;
            }
        }

        /**
         * Waits until the server used under 3 % of a core for two consecutive 200 ms windows (at most 30 s), so
         * that the asynchronous work of the previous step (search indexing, listeners) is not billed to the next
         * timed session.
         */
        void waitIdle() throws InterruptedException {
            long deadline = System.nanoTime() + 30_000_000_000L;
            int quiet = 0;
            double before = cpuSeconds();
            if (before < 0) {
                Thread.sleep(500);
                return;
            }
            while (quiet < 2 && System.nanoTime() < deadline) {
                Thread.sleep(200);
                double now = cpuSeconds();
                quiet = now - before <= 0.2 * 0.03 + 0.011 ? quiet + 1 : 0;
                before = now;
            }
        }

        private Path jfrFile;

        /** Starts a JFR recording (settings=profile) of the server, for --jfr. */
        void startJfr() throws IOException, InterruptedException {
            jfrFile = Path.of(System.getProperty("java.io.tmpdir"), "kotak-bench-" + System.currentTimeMillis() + ".jfr");
            Result result = run(Duration.ofMinutes(1), Map.of(), jcmd(), Long.toString(pid()), "JFR.start",
                "name=bench", "settings=profile", "filename=" + jfrFile);
            System.out.println("JFR: " + result.output.trim().replace("\n", " | "));
        }

        void stopJfr() throws IOException, InterruptedException {
            run(Duration.ofMinutes(1), Map.of(), jcmd(), Long.toString(pid()), "JFR.stop", "name=bench");
            System.out.println("JFR recording of the measured rounds: " + jfrFile
                + " (summary: java bench/JfrTop.java " + jfrFile + ")");
        }

        private static String jcmd() {
            String javaHome = System.getenv("JAVA_HOME");
            if (javaHome != null && Files.isExecutable(Path.of(javaHome, "bin/jcmd"))) {
                return Path.of(javaHome, "bin/jcmd").toString();
            }
            Path fromJava = Path.of(ProcessHandle.current().info().command().orElse("java")).resolveSibling("jcmd");
            return Files.isExecutable(fromJava) ? fromJava.toString() : "jcmd";
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
                    System.out.println("note: logs/james.log has " + errors + " ERROR lines; the first, with what follows:");
                    printErrors(home.resolve("logs/james.log"), 3, 8);
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

        static String loadAverage() {
            try {
                return Files.readString(Path.of("/proc/loadavg")).trim();
            } catch (IOException e) {
                return "unknown";
            }
        }

        private static String cpuModel() {
            try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
                return lines.filter(l -> l.startsWith("model name")).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("cpu unknown");
            } catch (IOException | UncheckedIOException e) {
                return "cpu unknown";
            }
        }

        /** Prints the first {@code errors} ERROR lines of the log, each with the {@code after} lines that follow it. */
        private static void printErrors(Path file, int errors, int after) throws IOException {
            List<String> lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
            int shown = 0;
            for (int i = 0; i < lines.size() && shown < errors; i++) {
                if (lines.get(i).contains(" ERROR ")) {
                    shown++;
                    lines.subList(i, Math.min(lines.size(), i + 1 + after)).forEach(line -> System.out.println("  " + line));
                }
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

        /** A free loopback port, held open until every port is chosen so none is handed out twice. */
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
                        return FileVisitResult.SKIP_SUBTREE; // a developer's run of the tree: start fresh
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
                            Files.createLink(destination, file); // jars are never written: share them
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
