package dev.kotak.pop3.stock;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A stock {@code james-server-memory-app} 3.8.1, run as a separate process the way an operator runs it:
 * {@code java -cp lib/* org.apache.james.MemoryJamesServerMain --generate-keystore} in a working directory with
 * our own minimal {@code conf/} and, when asked, Kotak's jars in {@code extensions-jars/}. POP3 listeners are
 * declared one by one ({@link #pop3}) with their TLS mode and handlers (Kotak's, through
 * {@code coreHandlersPackage}, or James's own); SMTP and WebAdmin are on free loopback ports. Optionally: plain IMAP
 * listeners ({@link #imap}, to look at the mailboxes from the side), extra {@code conf/} files
 * ({@link #withConfFile}, e.g. {@code extensions.properties}) and extra {@code webadmin.properties} lines
 * ({@link #withWebAdminProperties}, e.g. {@code extensions.routes}).
 *
 * <p>Maven provides the class path and the jars (see the kotak-pop3 pom): {@code kotak.stock.lib} (the memory
 * app's closure), {@code kotak.pop3.jar} (the packaged module) and {@code kotak.stock.extensions} (its non-James
 * dependencies). Another module reuses the harness by pointing {@code kotak.pop3.jar} at its own packaged jar and
 * {@code kotak.stock.extensions} at its own non-James dependencies (kotak-retention does: its jar, with kotak-core
 * and kotak-pop3 as its dependencies).
 */
public final class StockJames implements AutoCloseable {
    public static final String KOTAK_HANDLERS = "dev.kotak.pop3.KotakPop3Handlers";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

    /** How a POP3 listener does TLS. */
    public enum Tls {
        NONE, STARTTLS, IMPLICIT
    }

    private final String name;
    private final Map<String, Listener> listeners = new LinkedHashMap<>();
    private final Map<String, Integer> imapListeners = new LinkedHashMap<>();
    private final Map<String, String> confFiles = new LinkedHashMap<>();
    private String webAdminProperties = "";
    private boolean kotakJars;
    private String pop3Xml;
    private Path home;
    private Process process;
    private int smtpPort;
    private int webAdminPort;

    private StockJames(String name) {
        this.name = name;
    }

    public static StockJames named(String name) {
        return new StockJames(name);
    }

    /** Puts the packaged kotak-pop3 jar and its dependencies in {@code extensions-jars/}. */
    public StockJames withKotakJars() {
        this.kotakJars = true;
        return this;
    }

    /** {@code conf/pop3.xml}, Kotak's settings file. */
    public StockJames withPop3Xml(String content) {
        this.pop3Xml = content;
        return this;
    }

    /** A POP3 listener; {@code coreHandlersPackage} null means James's own handlers. */
    public StockJames pop3(String listener, Tls tls, String coreHandlersPackage) {
        listeners.put(listener, new Listener(tls, coreHandlersPackage, freePort()));
        return this;
    }

    /** A plain IMAP listener (no TLS, LOGIN allowed without it), only for tests to look at mailboxes. */
    public StockJames imap(String listener) {
        imapListeners.put(listener, freePort());
        return this;
    }

    /** A file of {@code conf/}, written after (and so replacing) the harness's own, e.g. {@code retention.xml}. */
    public StockJames withConfFile(String fileName, String content) {
        confFiles.put(fileName, content);
        return this;
    }

    /** Lines appended to the harness's {@code webadmin.properties} (whose port only the harness knows). */
    public StockJames withWebAdminProperties(String lines) {
        this.webAdminProperties = lines.endsWith("\n") ? lines : lines + "\n";
        return this;
    }

    public int imapPort(String listener) {
        Integer port = imapListeners.get(listener);
        if (port == null) {
            throw new IllegalArgumentException("no IMAP listener " + listener + " in " + imapListeners.keySet());
        }
        return port;
    }

    public int pop3Port(String listener) {
        Listener l = listeners.get(listener);
        if (l == null) {
            throw new IllegalArgumentException("no POP3 listener " + listener + " in " + listeners.keySet());
        }
        return l.port;
    }

    public int smtpPort() {
        return smtpPort;
    }

    public int webAdminPort() {
        return webAdminPort;
    }

    public Path home() {
        return home;
    }

    public Path log() {
        return home.resolve("logs/james.log");
    }

    // -------------------------------------------------------------------------------------------- lifecycle

    public StockJames start() throws IOException, InterruptedException {
        Path runs = Path.of(System.getProperty("kotak.stock.work", "target/stock-james/runs"));
        Files.createDirectories(runs);
        home = Files.createTempDirectory(runs.toAbsolutePath(), name + "-");
        smtpPort = freePort();
        webAdminPort = freePort();
        writeConfiguration(home.resolve("conf"));
        Files.createDirectories(home.resolve("logs"));
        Path extensions = Files.createDirectories(home.resolve("extensions-jars"));
        if (kotakJars) {
            installKotakJars(extensions);
        }

        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx384m");
        command.add("-XX:+UseSerialGC");
        command.add("-Dworking.directory=" + home);
        command.add("-Dlogback.configurationFile=" + home.resolve("conf/logback.xml"));
        command.add("-cp");
        command.add(libDirectory().resolve("*").toString());
        command.add("org.apache.james.MemoryJamesServerMain");
        command.add("--generate-keystore");
        process = new ProcessBuilder(command)
            .directory(home.toFile())
            .redirectErrorStream(true)
            .redirectOutput(home.resolve("logs/stdout.log").toFile())
            .start();
        awaitPorts();
        return this;
    }

    private void awaitPorts() throws InterruptedException {
        List<Integer> ports = new ArrayList<>();
        ports.add(smtpPort);
        ports.add(webAdminPort);
        listeners.values().forEach(l -> ports.add(l.port));
        ports.addAll(imapListeners.values());
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        for (int port : ports) {
            while (!listening(port)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(name + ": James exited with " + process.exitValue()
                        + " before listening on " + port + "\n" + diagnostics());
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(name + ": James not listening on " + port + " after "
                        + START_TIMEOUT.toSeconds() + " s\n" + diagnostics());
                }
                Thread.sleep(200);
            }
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(30, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

    /** The last lines of the James log and of stdout, for failure messages. */
    public String diagnostics() {
        return "---- " + name + " in " + home + " ----\n" + tail(log(), 60) + "\n---- stdout ----\n"
            + tail(home.resolve("logs/stdout.log"), 30);
    }

    /** Lines of the James log at ERROR level, each with the stack trace that follows it. */
    public List<String> errorLines() {
        List<String> errors = new ArrayList<>();
        boolean inError = false;
        try (Stream<String> lines = Files.lines(log(), StandardCharsets.UTF_8)) {
            for (String line : (Iterable<String>) lines::iterator) {
                boolean header = line.matches("^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} .*");
                if (header) {
                    inError = line.contains(" ERROR ");
                }
                if (inError) {
                    errors.add(line);
                }
            }
            return errors;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String tail(Path file, int count) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()));
        } catch (IOException e) {
            return "(" + file + ": " + e + ")";
        }
    }

    // ------------------------------------------------------------------------------------------------ files

    private static Path libDirectory() {
        Path lib = Path.of(System.getProperty("kotak.stock.lib", "target/stock-james/lib"));
        if (!Files.isDirectory(lib)) {
            throw new IllegalStateException(lib + " does not exist: run through Maven (mvn verify), whose"
                + " maven-dependency-plugin copies the memory app there in `package`");
        }
        return lib.toAbsolutePath();
    }

    private static void installKotakJars(Path extensions) throws IOException {
        Path jar = Path.of(System.getProperty("kotak.pop3.jar", "target/kotak-pop3.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " does not exist: the stock-James tests need the packaged jar"
                + " (run them with failsafe, in `integration-test`)");
        }
        Files.copy(jar, extensions.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        Path dependencies = Path.of(System.getProperty("kotak.stock.extensions", "target/stock-james/extensions"));
        try (Stream<Path> jars = Files.list(dependencies)) {
            for (Path dependency : (Iterable<Path>) jars::iterator) {
                Files.copy(dependency, extensions.resolve(dependency.getFileName()),
                    StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private void writeConfiguration(Path conf) throws IOException {
        Files.createDirectories(conf);
        StockConfiguration files = new StockConfiguration(smtpPort, webAdminPort);
        for (Map.Entry<String, String> file : files.common().entrySet()) {
            String content = file.getKey().equals("webadmin.properties") ? file.getValue() + webAdminProperties
                : file.getValue();
            Files.writeString(conf.resolve(file.getKey()), content, StandardCharsets.UTF_8);
        }
        StringBuilder pop3 = new StringBuilder("<?xml version=\"1.0\"?>\n<pop3servers>\n");
        listeners.forEach((listener, l) -> pop3.append(StockConfiguration.pop3Listener(listener, l.port, l.tls,
            l.coreHandlersPackage)));
        pop3.append("</pop3servers>\n");
        Files.writeString(conf.resolve("pop3server.xml"), pop3.toString(), StandardCharsets.UTF_8);
        if (pop3Xml != null) {
            Files.writeString(conf.resolve("pop3.xml"), pop3Xml, StandardCharsets.UTF_8);
        }
        if (!imapListeners.isEmpty()) {
            StringBuilder imap = new StringBuilder("<?xml version=\"1.0\"?>\n<imapservers>\n");
            imapListeners.forEach((listener, port) -> imap.append(StockConfiguration.imapListener(listener, port)));
            imap.append("</imapservers>\n");
            Files.writeString(conf.resolve("imapserver.xml"), imap.toString(), StandardCharsets.UTF_8);
        }
        for (Map.Entry<String, String> file : confFiles.entrySet()) {
            Files.writeString(conf.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
        }
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class Listener {
        final Tls tls;
        final String coreHandlersPackage;
        final int port;

        Listener(Tls tls, String coreHandlersPackage, int port) {
            this.tls = tls;
            this.coreHandlersPackage = coreHandlersPackage;
            this.port = port;
        }
    }
}
