package dev.kotak.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A server's working directory for a test: a copy of the repository's real {@code conf/} with every listener
 * moved to a free loopback port, so tests exercise the configuration we ship and never clash with each other or
 * with a server running on the machine.
 */
public final class ServerHome {
    private static final Pattern BIND = Pattern.compile("<bind>\\s*0\\.0\\.0\\.0:(\\d+)\\s*</bind>");
    private static final Pattern EXTENSION_CLASSES =
        Pattern.compile("(?m)^((?:guice\\.extension\\.[a-z]+|extensions\\.routes)\\s*=\\s*)(.*)$");
    private static final Pattern CORE_HANDLERS_PACKAGE = Pattern.compile("\\s+coreHandlersPackage=\"([^\"]+)\"");

    private final Path root;
    private final Map<Integer, Integer> ports = new HashMap<>();

    private ServerHome(Path root) {
        this.root = root;
    }

    /** The repository's {@code conf/}, given to the tests by Maven. */
    public static Path shippedConfiguration() {
        return Path.of(System.getProperty("kotak.conf.dir", "../../conf")).toAbsolutePath().normalize();
    }

    public static ServerHome create(Database.Instance database) {
        try {
            Path root = Files.createTempDirectory("kotak-server-");
            ServerHome home = new ServerHome(root);
            home.copyConfiguration(shippedConfiguration());
            home.write("james-database.properties", database.properties());
            return home;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path root() {
        return root;
    }

    public Path conf() {
        return root.resolve("conf");
    }

    /** The port a test should use for what the shipped configuration binds on {@code shippedPort}. */
    public int port(int shippedPort) {
        Integer port = ports.get(shippedPort);
        if (port == null) {
            throw new IllegalArgumentException("The shipped configuration binds nothing on port " + shippedPort
                + "; it binds " + ports.keySet());
        }
        return port;
    }

    public void write(String confFile, String content) {
        try {
            Files.writeString(conf().resolve(confFile), content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String read(String confFile) {
        try {
            return Files.readString(conf().resolve(confFile), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void delete() {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void copyConfiguration(Path source) throws IOException {
        Files.createDirectories(conf());
        try (Stream<Path> files = Files.list(source)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(file)) {
                    Files.copy(file, conf().resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        try (Stream<Path> files = Files.list(conf())) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                if (name.endsWith(".xml")) {
                    rewrite(file, this::moveBinds);
                    rewrite(file, ServerHome::withoutMissingHandlerPackages);
                }
            }
        }
        rewrite(conf().resolve("extensions.properties"), ServerHome::withoutMissingExtensionClasses);
        rewrite(conf().resolve("webadmin.properties"), ServerHome::withoutMissingExtensionClasses);
        int webAdmin = FreePorts.next();
        ports.put(8000, webAdmin);
        rewrite(conf().resolve("webadmin.properties"), text -> text.replaceAll("(?m)^port=.*$", "port=" + webAdmin));
        int jmx = FreePorts.next();
        ports.put(9999, jmx);
        rewrite(conf().resolve("jmx.properties"), text -> text.replaceAll("(?m)^jmx\\.port=.*$", "jmx.port=" + jmx));
    }

    private String moveBinds(String text) {
        Matcher matcher = BIND.matcher(text);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            int shipped = Integer.parseInt(matcher.group(1));
            int port = ports.computeIfAbsent(shipped, ignored -> FreePorts.next());
            matcher.appendReplacement(result, "<bind>127.0.0.1:" + port + "</bind>");
        }
        matcher.appendTail(result);
        return result.toString();
    }

    /**
     * The shipped configuration enables handler packages of Kotak's extension modules (for example
     * {@code dev.kotak.pop3.KotakPop3Handlers}), which the distribution loads from {@code extensions-jars/}. A module
     * whose tests do not have that extension on the class path (this one: the extensions depend on it) runs with
     * James's own handlers instead, rather than failing to start.
     */
    private static String withoutMissingHandlerPackages(String text) {
        Matcher matcher = CORE_HANDLERS_PACKAGE.matcher(text);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(result, onClassPath(matcher.group(1)) ? Matcher.quoteReplacement(matcher.group()) : "");
        }
        matcher.appendTail(result);
        return result.toString();
    }

    /**
     * The same for the extension classes the shipped properties name (Guice modules, startables, task extensions,
     * WebAdmin routes): a module whose tests lack an extension runs without it.
     */
    private static String withoutMissingExtensionClasses(String text) {
        Matcher matcher = EXTENSION_CLASSES.matcher(text);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            String kept = Arrays.stream(matcher.group(2).split(",")).map(String::trim)
                .filter(name -> !name.isEmpty() && onClassPath(name)).collect(Collectors.joining(","));
            matcher.appendReplacement(result, Matcher.quoteReplacement(matcher.group(1) + kept));
        }
        matcher.appendTail(result);
        return result.toString();
    }

    private static boolean onClassPath(String className) {
        try {
            Class.forName(className, false, ServerHome.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static void rewrite(Path file, java.util.function.UnaryOperator<String> change) throws IOException {
        Files.writeString(file, change.apply(Files.readString(file, StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }
}
