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
        int concurrency = 20;
        int batches = 2;
        long seed = 20261124L;
        boolean stockOnly;
        boolean shippedHash;
        boolean keep;

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--repo": o.repo = Path.of(args[++i]).toAbsolutePath().normalize(); break;
                    case "--dist": o.dist = Path.of(args[++i]).toAbsolutePath().normalize(); break;
                    case "--pop3-jar": o.pop3Jar = Path.of(args[++i]).toAbsolutePath().normalize(); break;
                    case "--small": o.small = Integer.parseInt(args[++i]); break;
                    case "--large": o.large = Integer.parseInt(args[++i]); break;
                    case "--warmup": o.warmup = Integer.parseInt(args[++i]); break;
                    case "--rounds": o.rounds = Integer.parseInt(args[++i]); break;
                    case "--concurrency": o.concurrency = Integer.parseInt(args[++i]); break;
                    case "--batches": o.batches = Integer.parseInt(args[++i]); break;
                    case "--seed": o.seed = Long.parseLong(args[++i]); break;
                    case "--stock-only": o.stockOnly = true; break;
                    case "--shipped-hash": o.shippedHash = true; break;
                    case "--keep": o.keep = true; break;
                    case "-h": case "--help":
                        System.out.println("usage: bench/pop3/run [--dist DIR] [--pop3-jar JAR] [--small N] [--large N]"
                            + " [--warmup N] [--rounds N] [--concurrency N] [--batches N] [--seed N] [--stock-only]"
                            + " [--shipped-hash] [--keep]");
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
            return o;
        }
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        Server server = new Server(options);
        try {
            server.prepare();
            server.start();
            new Pop3Bench(options, server).run();
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
        Random random = new Random(options.seed);
        List<byte[]> messages = new ArrayList<>();
        for (int i = 0; i < options.small + options.large; i++) {
            // Large messages spread through the mailbox, as in a real one.
            boolean large = (i % ((options.small + options.large) / Math.max(1, options.large))) == 0
                && countLarge(messages) < options.large;
            messages.add(message(random, i + 1, large ? options.largeSize : options.smallSize));
        }
        while (countLarge(messages) < options.large) { // rounding left some out
            messages.add(message(random, messages.size() + 1, options.largeSize));
        }
        while (messages.size() > options.small + options.large) {
            messages.remove(messages.size() - 1);
        }
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

    private int countLarge(List<byte[]> messages) {
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
            Pop3 pop3 = new Pop3(port);
            pop3.ok(pop3.line());
            pop3.command("USER " + USER);
            pop3.command("PASS " + PASSWORD);
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

        void logout() throws IOException {
            tagged("LOGOUT");
        }

        private void tagged(String command) throws IOException {
            String t = "a" + (++tag);
            write(t + " " + command + "\r\n");
            waitTagged(t);
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
                + cpuModel() + ", " + System.getProperty("os.name") + " " + System.getProperty("os.arch"));
            System.out.println("java -version: " + javaVersion.replace("\n", " | "));
            System.out.println("server: conf/jvm.options as shipped; password hash "
                + (options.shippedHash ? "as shipped"
                : "PBKDF2-SHA512-1000-512 (cheap: --shipped-hash for the shipped one)"));
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
