package dev.kotak.pop3.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.net.smtp.SMTPClient;
import org.junit.jupiter.api.Test;

import dev.kotak.server.testing.Database;
import dev.kotak.server.testing.FreePorts;
import dev.kotak.server.testing.ServerHome;
import dev.kotak.server.testing.TestServer;

/**
 * At least 100,000 random and malformed lines ({@link FuzzLines}) against a live in-process Kotak server running
 * Kotak's POP3 handlers, over many concurrent connections; afterwards the server must still serve a correct
 * session, must have logged no ERROR and no runtime exception, and its heap and thread count must be back near
 * where they were before the fuzzing.
 *
 * <p>Seeded: the seed is printed; {@code -Dkotak.fuzz.seed=N} replays the same connections (their interleaving
 * differs). {@code -Dkotak.fuzz.lines=N} changes the number of lines (default 100,000).
 */
class Pop3FuzzIT {
    private static final String KOTAK_HANDLERS = "dev.kotak.pop3.KotakPop3Handlers";
    /** {@code -Dkotak.fuzz.stock=true}: fuzz James's stock handlers instead, to see what the test catches there. */
    private static final boolean STOCK = Boolean.getBoolean("kotak.fuzz.stock");
    private static final String DOMAIN = "fuzz.kotak.dev";
    private static final String FUZZ_USER = "fuzz@" + DOMAIN;
    private static final String FUZZ_PASSWORD = "fuzz-secret";
    /** Never named by the fuzzer: its maildrop is the reference the final session checks. */
    private static final String CHECK_USER = "check@" + DOMAIN;
    private static final String CHECK_PASSWORD = "check-secret";
    private static final int WORKERS = 8;
    private static final int WARM_UP_LINES = 3_000;
    private static final Duration FUZZ_DEADLINE = Duration.ofMinutes(4);
    private static final long HEAP_GROWTH_LIMIT = 96L * 1024 * 1024;
    private static final int THREAD_GROWTH_LIMIT = 16;

    /**
     * Kotak's settings for the fuzz: plain-text logins allowed without TLS (the fuzz listener has none, so that
     * garbage reaches the TRANSACTION-state handlers), session lock on, short damping delays (the delayed-reply
     * path is exercised without stalling the run), and the failure and bad-command limits at their maximum, so
     * that the server reads every line of a connection instead of closing it after a few (the limits have their
     * own conformance tests).
     */
    static final String POP3_XML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<pop3>\n"
        + "    <uidl format=\"uid-uidvalidity\"/>\n"
        + "    <plaintextAuth requireTls=\"false\" exemptLoopback=\"false\"/>\n"
        + "    <sessionLock enabled=\"true\"/>\n"
        + "    <authFailures delay=\"2ms\" maxDelay=\"20ms\" disconnectAfter=\"1000\"/>\n"
        + "    <badCommands beforeLogin=\"1000\" afterLogin=\"1000\"/>\n"
        + "</pop3>\n";

    private static final Pattern HANDLERCHAIN = Pattern.compile(
        "<handlerchain\\b[^>]*/>|<handlerchain\\b.*?</handlerchain>", Pattern.DOTALL);

    private final ConcurrentLinkedQueue<String> uncaught = new ConcurrentLinkedQueue<>();

    @Test
    void survivesRandomAndMalformedInput() throws Exception {
        long seed = Long.getLong("kotak.fuzz.seed", System.nanoTime());
        long target = Long.getLong("kotak.fuzz.lines", 100_000L);
        System.out.println("[pop3-fuzz] " + (STOCK ? "STOCK handlers, " : "") + "seed=" + seed
            + " (replay with -Dkotak.fuzz.seed=" + seed + "), lines=" + target);
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> uncaught.add(thread.getName() + ": " + e));
        try (TestServer server = TestServer.on(Database.DERBY); LogCapture log = LogCapture.attach()) {
            int port = FreePorts.next();
            server.home().write("pop3server.xml", pop3Servers(port));
            server.home().write("pop3.xml", POP3_XML);
            // The shipped password hash costs 0.1-0.2 s of CPU per login attempt and James's verifyFailureDelay
            // sleeps in the thread that checks the password: the fuzzer makes hundreds of attempts, and what is
            // tested here is the POP3 layer (with Kotak's own, non-blocking damping), not PBKDF2 or that sleep.
            server.home().write("usersrepository.xml", server.home().read("usersrepository.xml")
                .replaceAll("<algorithm>[^<]*</algorithm>", "<algorithm>PBKDF2-SHA512-1000-512</algorithm>")
                .replaceAll("<verifyFailureDelay>[^<]*</verifyFailureDelay>",
                    "<verifyFailureDelay>0</verifyFailureDelay>"));
            server.start();
            Map<String, String> reference = setUpMail(server);
            if (!STOCK) {
                assertThat(capa(port)).as("CAPA of the fuzz listener: is it running Kotak's handlers?")
                    .anyMatch(line -> line.startsWith("IMPLEMENTATION Kotak"));
            }
            log.clear();

            FuzzClient client = new FuzzClient(port, FUZZ_USER, FUZZ_PASSWORD);
            fuzz(client, seed ^ 0x5DEECE66DL, WARM_UP_LINES, FUZZ_DEADLINE);
            long heapBefore = usedHeapAfterGc();
            int threadsBefore = awaitStableThreadCount();

            HeapSampler heap = new HeapSampler();
            long warmUpLines = client.linesSent.get();
            long start = System.nanoTime();
            fuzz(client, seed, warmUpLines + target, FUZZ_DEADLINE);
            double seconds = (System.nanoTime() - start) / 1e9;
            heap.stop();

            System.out.printf("[pop3-fuzz] %d lines (%d MB) over %d connections in %.1f s, after %d warm-up lines;"
                    + " server closed %d connections first; replies +OK %d, -ERR %d; drain timeouts %d%n",
                client.linesSent.get() - warmUpLines, client.bytesSent.get() >> 20, client.connections.get(), seconds,
                warmUpLines, client.closedByServer.get(), client.okReplies.get(), client.errReplies.get(),
                client.drainTimeouts.get());

            // The session lock of the fuzz user is released once its connections are gone: it can log in again.
            awaitSessionWorks(port, FUZZ_USER, FUZZ_PASSWORD);
            checkFullSession(port, reference);

            int threadsAfter = awaitThreadCountAtMost(threadsBefore + THREAD_GROWTH_LIMIT);
            long heapAfter = usedHeapAfterGc();
            System.out.printf("[pop3-fuzz] heap after GC %d MB before, %d MB after (peak used %d MB); threads %d"
                    + " before, %d after%n", heapBefore >> 20, heapAfter >> 20, heap.peak.get() >> 20,
                threadsBefore, threadsAfter);
            log.summary().forEach((event, count) -> System.out.println("[pop3-fuzz] logged " + count + "x " + event));

            assertThat(client.linesSent.get() - warmUpLines).as("fuzz lines sent").isGreaterThanOrEqualTo(target);
            assertThat(firstDistinct(log.errors())).as("ERROR lines logged while fuzzing (%d; the first distinct"
                + " ones)", log.errors().size()).isEmpty();
            assertThat(firstDistinct(log.runtimeExceptions())).as("runtime exceptions logged while fuzzing (%d; the"
                + " first distinct ones)", log.runtimeExceptions().size()).isEmpty();
            assertThat(uncaught).as("uncaught exceptions in server threads").isEmpty();
            assertThat(heapAfter - heapBefore).as("heap growth after GC, bytes").isLessThan(HEAP_GROWTH_LIMIT);
            assertThat(threadsAfter).as("live threads after fuzzing (before: " + threadsBefore + ")")
                .isLessThanOrEqualTo(threadsBefore + THREAD_GROWTH_LIMIT);
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(previous);
        }
    }

    /** At most 10 distinct entries, thread names left out: a failure shows each problem once. */
    private static List<String> firstDistinct(List<String> entries) {
        Set<String> seen = new java.util.LinkedHashSet<>();
        for (String entry : entries) {
            if (seen.size() < 10) {
                seen.add(entry.replaceFirst("\\[[^\\]]*\\] ", ""));
            }
        }
        return new ArrayList<>(seen);
    }

    // ---------------------------------------------------------------------------------------------- set-up

    /**
     * One plain listener (no TLS: STLS must answer -ERR and the session go on) with Kotak's handler chain: the
     * shipped one if conf/pop3server.xml already names Kotak's handlers, else the package alone.
     */
    private static String pop3Servers(int port) throws IOException {
        String chain = STOCK ? "<handlerchain/>" : "<handlerchain coreHandlersPackage=\"" + KOTAK_HANDLERS + "\"/>";
        String shipped = java.nio.file.Files.readString(ServerHome.shippedConfiguration().resolve("pop3server.xml"));
        Matcher matcher = HANDLERCHAIN.matcher(shipped);
        if (!STOCK && matcher.find() && matcher.group().contains(KOTAK_HANDLERS)) {
            chain = matcher.group();
        }
        return "<?xml version=\"1.0\"?>\n<pop3servers>\n"
            + "    <pop3server enabled=\"true\">\n"
            + "        <jmxName>pop3server-fuzz</jmxName>\n"
            + "        <bind>127.0.0.1:" + port + "</bind>\n"
            + "        <helloName autodetect=\"false\">fuzz.kotak.dev</helloName>\n"
            + "        <connectiontimeout>120</connectiontimeout>\n"
            + "        " + chain + "\n"
            + "    </pop3server>\n"
            + "</pop3servers>\n";
    }

    /** Users and mail; returns the check user's messages, body by subject. */
    private static Map<String, String> setUpMail(TestServer server) throws InterruptedException, IOException {
        int smtpPort = server.home().port(25);
        server.webAdmin().addDomain(DOMAIN);
        server.webAdmin().addUser(FUZZ_USER, FUZZ_PASSWORD);
        server.webAdmin().addUser(CHECK_USER, CHECK_PASSWORD);
        Map<String, String> reference = new HashMap<>();
        for (int i = 1; i <= 3; i++) {
            String subject = "fuzz reference " + i;
            StringBuilder body = new StringBuilder("Reference message " + i + "\r\n");
            body.append(".a line starting with a dot\r\n..and one with two\r\n.\r\n");
            for (int line = 0; line < 40 * i; line++) {
                body.append("line ").append(line).append(" of message ").append(i).append("\r\n");
            }
            body.append("last line");
            send(smtpPort, CHECK_USER, subject, body.toString());
            reference.put(subject, body + "\r\n");
        }
        for (int i = 1; i <= 8; i++) {
            send(smtpPort, FUZZ_USER, "fuzz target " + i, "body " + i + "\r\n.\r\nend");
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (server.webAdmin().quotaCount(CHECK_USER) < 3 || server.webAdmin().quotaCount(FUZZ_USER) < 8) {
            assertThat(System.nanoTime()).as("mail delivered within 90 s").isLessThan(deadline);
            Thread.sleep(200);
        }
        return reference;
    }

    /** Delivers a message through the MX listener (commons-net dot-stuffs the DATA). */
    private static void send(int smtpPort, String to, String subject, String body) throws IOException {
        SMTPClient smtp = new SMTPClient();
        smtp.setDefaultTimeout(30_000);
        smtp.connect("127.0.0.1", smtpPort);
        try {
            assertThat(smtp.login("fuzz.kotak.dev")).as("SMTP HELO: %s", smtp.getReplyString()).isTrue();
            assertThat(smtp.setSender("sender@elsewhere.example")).as("MAIL: %s", smtp.getReplyString()).isTrue();
            assertThat(smtp.addRecipient(to)).as("RCPT: %s", smtp.getReplyString()).isTrue();
            String message = "From: sender@elsewhere.example\r\nTo: " + to + "\r\nSubject: " + subject
                + "\r\nMessage-ID: <" + System.nanoTime() + "@fuzz.kotak.dev>\r\n\r\n" + body + "\r\n";
            assertThat(smtp.sendShortMessageData(message)).as("DATA: %s", smtp.getReplyString()).isTrue();
            smtp.logout();
        } finally {
            smtp.disconnect();
        }
    }

    // ---------------------------------------------------------------------------------------------- fuzzing

    /** Runs connections on {@link #WORKERS} threads until {@code untilLines} lines were sent in total. */
    private static void fuzz(FuzzClient client, long seed, long untilLines, Duration deadline) throws Exception {
        AtomicLong index = new AtomicLong();
        long end = System.nanoTime() + deadline.toNanos();
        ExecutorService workers = Executors.newFixedThreadPool(WORKERS);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < WORKERS; w++) {
                running.add(workers.submit(() -> {
                    while (client.linesSent.get() < untilLines && System.nanoTime() < end) {
                        client.connection(new Random(seed * 1_000_003L + index.getAndIncrement()));
                    }
                    return null;
                }));
            }
            for (Future<?> worker : running) {
                worker.get();
            }
        } finally {
            workers.shutdownNow();
        }
        assertThat(client.linesSent.get()).as("lines sent within " + deadline).isGreaterThanOrEqualTo(untilLines);
    }

    // ---------------------------------------------------------------------------------------------- checks

    private static List<String> capa(int port) throws IOException {
        try (Pop3 pop3 = new Pop3(port)) {
            pop3.ok();
            pop3.send("CAPA");
            pop3.ok();
            return pop3.multiline();
        }
    }

    private static void awaitSessionWorks(int port, String user, String password) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try (Pop3 pop3 = new Pop3(port)) {
                pop3.ok();
                pop3.send("USER " + user);
                pop3.ok();
                pop3.send("PASS " + password);
                String reply = pop3.line();
                if (reply.startsWith("+OK")) {
                    pop3.send("STAT");
                    pop3.ok();
                    pop3.send("QUIT");
                    pop3.ok();
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("no working session for " + user + " 30 s after fuzzing: " + reply);
                }
            }
            Thread.sleep(500);
        }
    }

    /** Login, STAT, LIST, UIDL, RETR of every message with exact content and size, QUIT. */
    private static void checkFullSession(int port, Map<String, String> reference) throws IOException {
        try (Pop3 pop3 = new Pop3(port)) {
            pop3.ok();
            pop3.send("USER " + CHECK_USER);
            pop3.ok();
            pop3.send("PASS " + CHECK_PASSWORD);
            pop3.ok();
            pop3.send("STAT");
            String[] stat = pop3.ok().split(" ");
            assertThat(Integer.parseInt(stat[1])).as("STAT count").isEqualTo(reference.size());
            pop3.send("LIST");
            pop3.ok();
            List<String> list = pop3.multiline();
            pop3.send("UIDL");
            pop3.ok();
            Set<String> uidls = new HashSet<>();
            for (String line : pop3.multiline()) {
                uidls.add(line.split(" ")[1]);
            }
            assertThat(uidls).as("distinct UIDLs").hasSize(reference.size());
            Map<String, String> retrieved = new HashMap<>();
            long total = 0;
            for (String entry : list) {
                String[] parts = entry.split(" ");
                pop3.send("RETR " + parts[0]);
                pop3.ok();
                StringBuilder message = new StringBuilder();
                for (String line : pop3.multiline()) {
                    message.append(line).append("\r\n");
                }
                assertThat(message.length()).as("RETR %s octets vs LIST", parts[0])
                    .isEqualTo(Integer.parseInt(parts[1]));
                total += message.length();
                String text = message.toString();
                int split = text.indexOf("\r\n\r\n");
                Matcher subject = Pattern.compile("(?m)^Subject: ([^\r\n]*)").matcher(text.substring(0, split + 2));
                assertThat(subject.find()).as("Subject header in message %s", parts[0]).isTrue();
                retrieved.put(subject.group(1), text.substring(split + 4));
            }
            assertThat(total).as("STAT octets").isEqualTo(Long.parseLong(stat[2]));
            assertThat(retrieved).as("bodies retrieved after fuzzing").isEqualTo(reference);
            pop3.send("QUIT");
            pop3.ok();
        }
    }

    // ---------------------------------------------------------------------------------------------- resources

    private static long usedHeapAfterGc() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    /** The live thread count once it stopped moving (idle pools shrink, closing connections finish). */
    private static int awaitStableThreadCount() throws InterruptedException {
        int previous = -1;
        int current = ManagementFactory.getThreadMXBean().getThreadCount();
        for (int i = 0; i < 20 && current != previous; i++) {
            Thread.sleep(500);
            previous = current;
            current = ManagementFactory.getThreadMXBean().getThreadCount();
        }
        return current;
    }

    private static int awaitThreadCountAtMost(int limit) throws InterruptedException {
        int count = ManagementFactory.getThreadMXBean().getThreadCount();
        for (int i = 0; i < 60 && count > limit; i++) {
            Thread.sleep(500);
            count = ManagementFactory.getThreadMXBean().getThreadCount();
        }
        return count;
    }

    /** Peak heap use while fuzzing, sampled every 200 ms. */
    private static final class HeapSampler {
        final AtomicLong peak = new AtomicLong();
        private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

        HeapSampler() {
            timer.scheduleAtFixedRate(() -> peak.accumulateAndGet(
                ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max), 0, 200,
                TimeUnit.MILLISECONDS);
        }

        void stop() throws InterruptedException {
            timer.shutdownNow();
            timer.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    /** A strict little POP3 client for the checks: one command, one reply. */
    private static final class Pop3 implements AutoCloseable {
        private final Socket socket = new Socket();
        private final InputStream in;
        private final OutputStream out;

        Pop3(int port) throws IOException {
            socket.setSoTimeout(30_000);
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10_000);
            in = new BufferedInputStream(socket.getInputStream());
            out = socket.getOutputStream();
        }

        void send(String command) throws IOException {
            out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        String ok() throws IOException {
            String reply = line();
            assertThat(reply).as("POP3 reply").startsWith("+OK");
            return reply;
        }

        /** The lines of a multi-line reply, dot-stuffing removed, without the final ".". */
        List<String> multiline() throws IOException {
            List<String> lines = new ArrayList<>();
            for (String line = line(); !line.equals("."); line = line()) {
                lines.add(line.startsWith(".") ? line.substring(1) : line);
            }
            return lines;
        }

        String line() throws IOException {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            int previous = -1;
            for (int b = in.read(); b != -1; b = in.read()) {
                if (b == '\n') {
                    assertThat(previous).as("POP3 lines end with CRLF").isEqualTo('\r');
                    byte[] bytes = buffer.toByteArray();
                    return new String(bytes, 0, bytes.length - 1, StandardCharsets.ISO_8859_1);
                }
                buffer.write(b);
                previous = b;
            }
            throw new IOException("connection closed");
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
