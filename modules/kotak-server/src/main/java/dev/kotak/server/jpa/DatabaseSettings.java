package dev.kotak.server.jpa;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.apache.commons.configuration2.Configuration;

/**
 * What {@code conf/james-database.properties} says about the database, turned into the property map
 * OpenJPA's {@code Persistence.createEntityManagerFactory} takes.
 *
 * <p>Keys: {@code database.driverClassName}, {@code database.url}, {@code database.username},
 * {@code database.password}; {@code datasource.*} become OpenJPA connection-pool properties
 * ({@code testOnBorrow}, {@code validationQuery}, {@code validationQueryTimeoutSec}, {@code maxTotal} and any
 * other DBCP key); {@code openjpa.*} keys pass through unchanged.
 */
public final class DatabaseSettings {
    static final String DRIVER = "database.driverClassName";
    static final String URL = "database.url";
    static final String USERNAME = "database.username";
    static final String PASSWORD = "database.password";

    private static final String DERBY_PREFIX = "jdbc:derby:";

    private final String driver;
    private final String url;
    private final Optional<String> username;
    private final Optional<String> password;
    private final Map<String, String> datasource;
    private final Map<String, String> openjpa;

    private DatabaseSettings(String driver, String url, Optional<String> username, Optional<String> password,
                             Map<String, String> datasource, Map<String, String> openjpa) {
        this.driver = driver;
        this.url = url;
        this.username = username;
        this.password = password;
        this.datasource = datasource;
        this.openjpa = openjpa;
    }

    /**
     * @param workingDirectory relative Derby paths are resolved against it: Derby itself would resolve them
     *                         against the process's current directory, which is wherever the operator typed
     *                         the start command.
     */
    public static DatabaseSettings from(Configuration properties, Path workingDirectory) {
        String driver = required(properties, DRIVER);
        String url = resolveDerbyPath(required(properties, URL), workingDirectory);
        return new DatabaseSettings(driver, url,
            optional(properties, USERNAME), optional(properties, PASSWORD),
            withPrefix(properties, "datasource"), withPrefix(properties, "openjpa"));
    }

    public String driver() {
        return driver;
    }

    public String url() {
        return url;
    }

    public boolean isEmbeddedDerby() {
        return url.startsWith(DERBY_PREFIX);
    }

    /** The properties handed to OpenJPA for the persistence unit. */
    public Map<String, String> openJpaProperties() {
        Map<String, String> result = new HashMap<>();
        openjpa.forEach((key, value) -> result.put("openjpa." + key, value));
        result.put("openjpa.ConnectionDriverName", driver);
        result.put("openjpa.ConnectionURL", url);
        username.ifPresent(value -> result.put("openjpa.ConnectionUserName", value));
        password.ifPresent(value -> result.put("openjpa.ConnectionPassword", value));
        result.putIfAbsent("openjpa.Multithreaded", "true");
        if (!datasource.isEmpty()) {
            result.put("openjpa.ConnectionProperties", connectionProperties());
        }
        return result;
    }

    /** OpenJPA hands these to its DBCP pool; the names follow DBCP's, the James ones are renamed. */
    private String connectionProperties() {
        Map<String, String> pool = new LinkedHashMap<>();
        datasource.forEach((key, value) -> {
            switch (key) {
                case "testOnBorrow":
                    pool.put("TestOnBorrow", value);
                    break;
                case "validationQuery":
                    pool.put("ValidationSQL", "'" + value + "'");
                    break;
                case "validationQueryTimeoutSec":
                    pool.put("ValidationTimeout", String.valueOf(Long.parseLong(value.trim()) * 1000));
                    break;
                case "maxTotal":
                    pool.put("MaxTotal", value);
                    break;
                default:
                    pool.put(key, value);
            }
        });
        StringBuilder joined = new StringBuilder();
        pool.forEach((key, value) -> {
            if (joined.length() > 0) {
                joined.append(',');
            }
            joined.append(key).append('=').append(value);
        });
        return joined.toString();
    }

    static String resolveDerbyPath(String url, Path workingDirectory) {
        if (!url.startsWith(DERBY_PREFIX)) {
            return url;
        }
        String rest = url.substring(DERBY_PREFIX.length());
        int attributes = rest.indexOf(';');
        String location = attributes < 0 ? rest : rest.substring(0, attributes);
        String suffix = attributes < 0 ? "" : rest.substring(attributes);
        // "memory:", "classpath:", "jar:" and absolute paths need no help.
        if (location.contains(":") || Path.of(location).isAbsolute()) {
            return url;
        }
        return DERBY_PREFIX + workingDirectory.resolve(location).normalize() + suffix;
    }

    private static String required(Configuration properties, String key) {
        String value = properties.getString(key, null);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("james-database.properties: '" + key + "' is missing; expected "
                + (DRIVER.equals(key) ? "a JDBC driver class such as org.apache.derby.jdbc.EmbeddedDriver"
                    : "a JDBC URL such as jdbc:derby:var/store/derby;create=true"));
        }
        return value.trim();
    }

    private static Optional<String> optional(Configuration properties, String key) {
        return Optional.ofNullable(properties.getString(key, null))
            .map(String::trim)
            .filter(value -> !value.isEmpty());
    }

    private static Map<String, String> withPrefix(Configuration properties, String prefix) {
        Map<String, String> result = new LinkedHashMap<>();
        Iterator<String> keys = properties.getKeys(prefix);
        while (keys.hasNext()) {
            String key = keys.next();
            result.put(key.substring(prefix.length() + 1), properties.getString(key));
        }
        return result;
    }
}
