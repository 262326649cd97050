package dev.kotak.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * One private copy of the packaged distribution ({@code -Dkotak.distribution.dir}, assembled in {@code package}),
 * started and stopped with its own {@code bin/kotak}.
 *
 * <p>The copy lives under {@code target/e2e/} and starts with no {@code var/}, no {@code logs/} and no generated
 * JMX credentials, as an operator's fresh unpack would. Every listener's {@code <bind>0.0.0.0:N</bind>} (or
 * {@code 127.0.0.1:N}) becomes {@code <bind>127.0.0.1:FREE</bind>}, and the WebAdmin and JMX ports are moved the same way, so a test never
 * collides with another server on this machine; {@link #port(int)} maps a shipped port to the one in use.
 * Jars in {@code lib/} are hard links (copies where links are impossible): they are never written.
 *
 * <p>Use it as a JUnit extension, one per test class: {@code @RegisterExtension static final Distribution
 * DIST = Distribution.create();}. It then prepares the copy before the class, stops the server after it (kill -9
 * if a graceful stop fails, so no test ever leaves a server running), and adds the tail of
 * {@code logs/james.log} to the message of any failure. The copy is deleted after a successful class and kept
 * after a failure (or always with {@code -Dkotak.e2e.keep=true}).
 */
public final class Distribution implements AutoCloseable, BeforeAllCallback, AfterAllCallback,
        TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler {

    public static final String DISTRIBUTION_DIR_PROPERTY = "kotak.distribution.dir";
    public static final int WEBADMIN_PORT = 8000;
    public static final int JMX_PORT = 9999;

    static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    /** bin/kotak stop escalates to SIGKILL after KOTAK_STOP_TIMEOUT (60 s); leave it room to do so. */
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(120);
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(120);
    static final int LOG_TAIL_LINES = 60;
    private static final String DIAGNOSTICS_MARKER = "\n===== Kotak distribution ";
    private static final String MAIN_CLASS = "dev.kotak.server.KotakServerMain";

    /** Listeners are shipped on all interfaces, or on the loopback for local-only ones (LMTP). */
    private static final Pattern BIND = Pattern.compile("<bind>(?:0\\.0\\.0\\.0|127\\.0\\.0\\.1):(\\d+)</bind>");
    private static final Pattern ANY_BIND = Pattern.compile("<bind>\\s*([^<]*?)\\s*</bind>");
    private static final Pattern WEBADMIN_PORT_LINE = Pattern.compile("(?m)^(\\s*port\\s*=\\s*)" + WEBADMIN_PORT + "\\s*$");
    private static final Pattern JMX_PORT_LINE = Pattern.compile("(?m)^(\\s*jmx\\.port\\s*=\\s*)" + JMX_PORT + "\\s*$");
    private static final Pattern STARTED = Pattern.compile("Kotak started \\(pid (\\d+)\\) in \\d+ s");

    private final String label;
    private final Consumer<Path> confCustomizer;
    private final Map<Integer, Integer> ports = new TreeMap<>();
    private String name = "standalone";
    private Path home;
    private WebAdmin webAdmin;
    private boolean failed;

    private Distribution(String label, Consumer<Path> confCustomizer) {
        this.label = label;
        this.confCustomizer = confCustomizer;
    }

    /** The distribution as shipped (ports aside). */
    public static Distribution create() {
        return new Distribution("", conf -> {
        });
    }

    /**
     * The distribution with its {@code conf/} directory changed by {@code confCustomizer} before any start;
     * {@code label} tells this copy from the class's others in directory names and failure messages.
     */
    public static Distribution withConf(String label, Consumer<Path> confCustomizer) {
        return new Distribution("-" + label, confCustomizer);
    }

    // ------------------------------------------------------------------------------------------------- layout

    /** The root of this copy (created on first use). */
    public synchronized Path home() {
        if (home == null) {
            prepare();
        }
        return home;
    }

    public Path conf() {
        return home().resolve("conf");
    }

    public Path jamesLog() {
        return home().resolve("logs/james.log");
    }

    /** The port this copy uses for the listener shipped on {@code shippedPort}. */
    public int port(int shippedPort) {
        home();
        Integer actual = ports.get(shippedPort);
        if (actual == null) {
            throw new AssertionError("the shipped configuration has no listener on port " + shippedPort
                    + " written <bind>0.0.0.0:" + shippedPort + "</bind>; shipped ports: " + ports.keySet());
        }
        return actual;
    }

    public Map<Integer, Integer> ports() {
        home();
        return Collections.unmodifiableMap(ports);
    }

    public synchronized WebAdmin webAdmin() {
        if (webAdmin == null) {
            webAdmin = new WebAdmin("http://127.0.0.1:" + port(WEBADMIN_PORT));
        }
        return webAdmin;
    }

    // ---------------------------------------------------------------------------------------------- lifecycle

    /** {@code bin/kotak start}, which must exit 0 having printed {@code Kotak started (pid N) in X s}. */
    public String start() {
        Result result = tryStart();
        if (result.exitCode != 0 || !STARTED.matcher(result.output).find()) {
            throw new AssertionError("bin/kotak start exited " + result.exitCode + ", expected 0 and 'Kotak started"
                    + " (pid N) in X s'; its output:\n" + result.output + diagnostics());
        }
        return result.output;
    }

    /** {@code bin/kotak start}, whatever it returns. */
    public Result tryStart() {
        return kotak(START_TIMEOUT, "start");
    }

    /** {@code bin/kotak stop}, which must exit 0. */
    public String stop() {
        Result result = kotak(STOP_TIMEOUT, "stop");
        if (result.exitCode != 0) {
            throw new AssertionError("bin/kotak stop exited " + result.exitCode + ", expected 0; its output:\n"
                    + result.output + diagnostics());
        }
        return result.output;
    }

    /** {@code bin/kotak status}. */
    public Result status() {
        return kotak(COMMAND_TIMEOUT, "status");
    }

    public boolean isRunning() {
        return status().exitCode == 0;
    }

    public void ensureStarted() {
        if (!isRunning()) {
            start();
        }
    }

    public void ensureStopped() {
        if (isRunning() || livePid().isPresent()) {
            stop();
        }
    }

    /** The pid in {@code var/kotak.pid}, if that process is alive and is the Kotak server. */
    public Optional<Long> livePid() {
        Path pidFile = home().resolve("var/kotak.pid");
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        String text;
        try {
            text = Files.readString(pidFile).trim();
        } catch (IOException e) {
            return Optional.empty();
        }
        if (!text.matches("\\d+")) {
            return Optional.empty();
        }
        long pid = Long.parseLong(text);
        return isKotakProcess(pid) ? Optional.of(pid) : Optional.empty();
    }

    /** {@code kill -9} the server (pid from {@code var/kotak.pid}) and wait until the process is gone. */
    public void killHard() {
        long pid = livePid().orElseThrow(() -> new AssertionError("killHard: no live Kotak server in var/kotak.pid"
                + diagnostics()));
        Result kill = run(COMMAND_TIMEOUT, List.of("kill", "-KILL", Long.toString(pid)));
        assertThat(kill.exitCode).as("kill -KILL %s: %s", pid, kill.output).isZero();
        await("the killed server (pid " + pid + ") to disappear").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> !isAliveProcess(pid));
    }

    @Override
    public synchronized void close() {
        if (home == null) {
            return;
        }
        try {
            if (livePid().isPresent()) {
                Result stop = kotak(STOP_TIMEOUT, "stop");
                if (stop.exitCode != 0) {
                    System.err.println("[" + name + "] bin/kotak stop exited " + stop.exitCode + " at close: "
                            + stop.output);
                }
            }
        } catch (RuntimeException | AssertionError e) {
            System.err.println("[" + name + "] bin/kotak stop failed at close: " + e);
        } finally {
            livePid().ifPresent(pid -> {
                System.err.println("[" + name + "] the server (pid " + pid + ") survived stop: kill -9");
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            });
        }
        if (failed || Boolean.getBoolean("kotak.e2e.keep")) {
            System.err.println("[" + name + "] kept " + home);
        } else {
            deleteTree(home);
        }
    }

    // ------------------------------------------------------------------------------------------------ commands

    /** One of the distribution's scripts, e.g. {@code script("bin/kotak", "status")}. */
    public Result script(Duration timeout, String script, String... args) {
        List<String> command = new ArrayList<>();
        command.add(home().resolve(script).toString());
        command.addAll(Arrays.asList(args));
        return run(timeout, command);
    }

    public Result kotak(Duration timeout, String... args) {
        return script(timeout, "bin/kotak", args);
    }

    /** A third-party client, run in the distribution's root; stdout and stderr together. */
    public Result run(String... command) {
        return run(COMMAND_TIMEOUT, Arrays.asList(command));
    }

    public Result run(Duration timeout, List<String> command) {
        Path output = null;
        try {
            // A file, not a pipe: a grandchild keeping the pipe open (the server) must not hang the test.
            output = Files.createTempFile("kotak-e2e-", ".out");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(home().toFile())
                    .redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(output.toFile());
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not end within " + timeout.toSeconds()
                        + " s; its output so far:\n" + Files.readString(output) + diagnostics());
            }
            return new Result(command, process.exitValue(), new String(Files.readAllBytes(output),
                    StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + command, e);
        } finally {
            if (output != null) {
                try {
                    Files.deleteIfExists(output);
                } catch (IOException ignored) {
                    // a temp file
                }
            }
        }
    }

    /** Exit code and output (stdout and stderr together) of a command. */
    public static final class Result {
        public final List<String> command;
        public final int exitCode;
        public final String output;

        Result(List<String> command, int exitCode, String output) {
            this.command = command;
            this.exitCode = exitCode;
            this.output = output;
        }

        @Override
        public String toString() {
            return String.join(" ", command) + " -> exit " + exitCode + "\n" + output;
        }
    }

    // --------------------------------------------------------------------------------------------- diagnostics

    /** The last {@code lines} lines of a file of this copy (relative path), or a note why there are none. */
    public String tail(String relativePath, int lines) {
        if (home == null) {
            return "(no distribution copy yet)";
        }
        Path file = home.resolve(relativePath);
        if (!Files.isRegularFile(file)) {
            return "(" + relativePath + " does not exist)";
        }
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            try {
                String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                String[] all = text.split("\n");
                return String.join("\n", Arrays.asList(all).subList(Math.max(0, all.length - lines), all.length));
            } catch (IOException e2) {
                return "(cannot read " + relativePath + ": " + e2 + ")";
            }
        }
    }

    /** What to add to a failure: where the copy is, the last lines of logs/james.log and logs/kotak.out. */
    public String diagnostics() {
        if (home == null) {
            return "";
        }
        return DIAGNOSTICS_MARKER + name + " in " + home + ", ports " + ports + " =====\n" + threadDump()
                + "----- last " + LOG_TAIL_LINES + " lines of logs/james.log -----\n" + tail("logs/james.log",
                LOG_TAIL_LINES)
                + "\n----- last 20 lines of logs/kotak.out -----\n" + tail("logs/kotak.out", 20) + "\n";
    }

    /** When the server runs: its threads (jcmd Thread.print) in logs/e2e-threads-N.txt, and a line saying so. */
    private String threadDump() {
        Optional<Long> pid = livePid();
        if (pid.isEmpty()) {
            return "(no server running)\n";
        }
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        if (!Files.isExecutable(jcmd)) {
            return "(server pid " + pid.get() + " running; no jcmd for a thread dump)\n";
        }
        try {
            Result dump = run(Duration.ofSeconds(60), List.of(jcmd.toString(), Long.toString(pid.get()),
                    "Thread.print"));
            Path file = home.resolve("logs/e2e-threads-" + System.currentTimeMillis() + ".txt");
            Files.writeString(file, dump.output, StandardCharsets.UTF_8);
            failed = true; // keep the copy, the dump is in it
            return "server pid " + pid.get() + " running; thread dump: " + file + "\n";
        } catch (IOException | RuntimeException | AssertionError e) {
            return "(server pid " + pid.get() + " running; thread dump failed: " + e + ")\n";
        }
    }

    /** True while process {@code pid} exists and is not a zombie. */
    public static boolean isAlive(long pid) {
        return isAliveProcess(pid);
    }

    /** How many lines of {@code logs/james.log} contain {@code text}. */
    public long countLogLines(String text) {
        return countLines(jamesLog(), text);
    }

    /** How many lines of {@code logs/audit.log} (Kotak's audit events) contain all of {@code texts}. */
    public long countAuditLines(String... texts) {
        return countLines(home().resolve("logs/audit.log"), texts);
    }

    private static long countLines(Path log, String... texts) {
        if (!Files.isRegularFile(log)) {
            return 0;
        }
        try (Stream<String> lines = Files.lines(log, StandardCharsets.ISO_8859_1)) {
            return lines.filter(line -> Stream.of(texts).allMatch(line::contains)).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // --------------------------------------------------------------------------------------- JUnit extension

    @Override
    public void beforeAll(ExtensionContext context) {
        name = context.getRequiredTestClass().getSimpleName() + label;
        home();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        throw withDiagnostics(throwable);
    }

    @Override
    public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable throwable)
            throws Throwable {
        throw withDiagnostics(throwable);
    }

    @Override
    public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable throwable)
            throws Throwable {
        throw withDiagnostics(throwable);
    }

    @Override
    public void handleAfterEachMethodExecutionException(ExtensionContext context, Throwable throwable)
            throws Throwable {
        throw withDiagnostics(throwable);
    }

    @Override
    public void handleAfterAllMethodExecutionException(ExtensionContext context, Throwable throwable)
            throws Throwable {
        throw withDiagnostics(throwable);
    }

    private Throwable withDiagnostics(Throwable throwable) {
        if (throwable instanceof org.opentest4j.TestAbortedException) {
            return throwable;
        }
        failed = true;
        String message = String.valueOf(throwable.getMessage());
        if (home == null || message.contains(DIAGNOSTICS_MARKER + name + " in " + home)) {
            return throwable;
        }
        String prefix = throwable instanceof AssertionError && message.contains(DIAGNOSTICS_MARKER) ? ""
                : throwable.getClass().getName() + ": ";
        AssertionError error = new AssertionError(prefix + message + diagnostics(), throwable);
        error.setStackTrace(throwable.getStackTrace());
        return error;
    }

    // --------------------------------------------------------------------------------------------- preparation

    private void prepare() {
        String property = System.getProperty(DISTRIBUTION_DIR_PROPERTY);
        if (property == null || property.isBlank()) {
            throw new AssertionError("-D" + DISTRIBUTION_DIR_PROPERTY + " is not set: run these tests with "
                    + "./mvnw -pl distribution verify (failsafe sets it to the tree assembled in package)");
        }
        Path source = Path.of(property).toAbsolutePath().normalize();
        if (!Files.isExecutable(source.resolve("bin/kotak"))) {
            throw new AssertionError(source + "/bin/kotak is missing or not executable: is the distribution "
                    + "assembled (mvn package)?");
        }
        try {
            Path base = source.getParent().resolve("e2e");
            Files.createDirectories(base);
            home = Files.createTempDirectory(base, name + "-");
            copyTree(source, home);
            rewritePorts(home.resolve("conf"));
            confCustomizer.accept(home.resolve("conf"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare a copy of " + source, e);
        }
    }

    private static void copyTree(Path source, Path target) throws IOException {
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Path relative = source.relativize(dir);
                // Runtime state of a developer's run of the packaged tree: an unpacked archive has none.
                if (relative.toString().equals("var") || relative.toString().equals("logs")) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(target.resolve(relative.toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path relative = source.relativize(file);
                String name = relative.toString();
                if (name.equals("conf/jmxremote.password") || name.equals("conf/jmxremote.access")) {
                    return FileVisitResult.CONTINUE; // generated by James at first start
                }
                Path destination = target.resolve(name);
                if (name.startsWith("lib/") && name.endsWith(".jar")) {
                    try {
                        Files.createLink(destination, file);
                        return FileVisitResult.CONTINUE;
                    } catch (IOException | UnsupportedOperationException e) {
                        // another file system: copy
                    }
                }
                Files.copy(file, destination, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private void rewritePorts(Path conf) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(conf)) {
            files = walk.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
        }
        List<ServerSocket> reserved = new ArrayList<>();
        try {
            for (Path file : files) {
                String fileName = file.getFileName().toString();
                if (fileName.endsWith(".xml")) {
                    rewrite(file, BIND, reserved, m -> "<bind>127.0.0.1:" + m + "</bind>");
                } else if (fileName.equals("webadmin.properties")) {
                    rewrite(file, WEBADMIN_PORT_LINE, reserved, null);
                } else if (fileName.equals("jmx.properties")) {
                    rewrite(file, JMX_PORT_LINE, reserved, null);
                }
            }
        } finally {
            for (ServerSocket socket : reserved) {
                socket.close();
            }
        }
        List<String> unexpected = new ArrayList<>();
        for (Path file : files) {
            if (file.getFileName().toString().endsWith(".xml")) {
                Matcher bind = ANY_BIND.matcher(Files.readString(file, StandardCharsets.UTF_8));
                while (bind.find()) {
                    if (!bind.group(1).matches("127\\.0\\.0\\.1:\\d+")) {
                        unexpected.add(conf.relativize(file) + ": <bind>" + bind.group(1) + "</bind>");
                    }
                }
            }
        }
        if (!unexpected.isEmpty()) {
            throw new AssertionError("every listener is expected to be shipped as <bind>0.0.0.0:PORT</bind> or "
                    + "<bind>127.0.0.1:PORT</bind> (the tests move it to a free port); these are not: " + unexpected);
        }
    }

    /**
     * Replaces the port (group 1 of a BIND match, or the number after group 1 of a properties line) by a free
     * one, remembering shipped → actual.
     */
    private void rewrite(Path file, Pattern pattern, List<ServerSocket> reserved,
            java.util.function.Function<Integer, String> bindReplacement) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        Matcher matcher = pattern.matcher(text);
        StringBuilder rewritten = new StringBuilder();
        boolean changed = false;
        while (matcher.find()) {
            int shipped = bindReplacement != null ? Integer.parseInt(matcher.group(1))
                    : pattern == WEBADMIN_PORT_LINE ? WEBADMIN_PORT : JMX_PORT;
            int actual = ports.computeIfAbsent(shipped, p -> reserveFreePort(reserved));
            String replacement = bindReplacement != null ? bindReplacement.apply(actual)
                    : matcher.group(1) + actual;
            matcher.appendReplacement(rewritten, Matcher.quoteReplacement(replacement));
            changed = true;
        }
        matcher.appendTail(rewritten);
        if (changed) {
            Files.writeString(file, rewritten.toString(), StandardCharsets.UTF_8);
        }
    }

    private static int reserveFreePort(List<ServerSocket> reserved) {
        try {
            // Kept open until every port is chosen, so no two listeners get the same one.
            ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            reserved.add(socket);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ------------------------------------------------------------------------------------------------ processes

    private static boolean isKotakProcess(long pid) {
        if (!isAliveProcess(pid)) {
            return false;
        }
        Path cmdline = Path.of("/proc", Long.toString(pid), "cmdline");
        try {
            return new String(Files.readAllBytes(cmdline), StandardCharsets.UTF_8).contains(MAIN_CLASS);
        } catch (IOException e) {
            return ProcessHandle.of(pid).flatMap(h -> h.info().commandLine())
                    .map(c -> c.contains(MAIN_CLASS)).orElse(false);
        }
    }

    /** Alive and not a zombie (a killed server whose parent has not reaped it yet holds no port, no lock). */
    private static boolean isAliveProcess(long pid) {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        if (Files.exists(stat)) {
            try {
                String text = Files.readString(stat);
                int close = text.lastIndexOf(')');
                return close < 0 || close + 2 >= text.length() || text.charAt(close + 2) != 'Z';
            } catch (IOException e) {
                return false; // gone meanwhile
            }
        }
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    System.err.println("cannot delete " + path + ": " + e);
                }
            });
        } catch (IOException e) {
            System.err.println("cannot delete " + root + ": " + e);
        }
    }
}
