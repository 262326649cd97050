package dev.kotak.server.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.kotak.core.config.ConfigProblem;

/** {@code james-database.properties}: a JDBC driver the server ships, and a URL for it. */
final class DatabaseCheck {
    static final String DRIVER = "database.driverClassName";
    static final String URL = "database.url";
    private static final String SHIPPED_DRIVERS =
        "org.apache.derby.jdbc.EmbeddedDriver, org.postgresql.Driver or org.mariadb.jdbc.Driver";

    private DatabaseCheck() {
    }

    static List<ConfigProblem> check(PropertiesFile database) {
        List<ConfigProblem> problems = new ArrayList<>();
        Optional<String> driver = database.value(DRIVER).filter(value -> !value.isEmpty());
        if (driver.isEmpty()) {
            problems.add(database.location(DRIVER).problem("'" + DRIVER + "' is not set; expected " + SHIPPED_DRIVERS));
        } else if (!isLoadable(driver.get())) {
            problems.add(database.location(DRIVER).problem("JDBC driver '" + driver.get()
                + "' is not on the class path; expected " + SHIPPED_DRIVERS + ", or put your driver's jar in lib/"));
        }
        Optional<String> url = database.value(URL).filter(value -> !value.isEmpty());
        if (url.isEmpty()) {
            problems.add(database.location(URL).problem("'" + URL + "' is not set; expected a JDBC URL such as "
                + "jdbc:derby:var/store/derby;create=true"));
        } else if (!url.get().startsWith("jdbc:")) {
            problems.add(database.location(URL).problem("'" + url.get() + "' is not a JDBC URL; expected jdbc:derby:..., "
                + "jdbc:postgresql://... or jdbc:mariadb://..."));
        }
        return problems;
    }

    private static boolean isLoadable(String className) {
        try {
            Class.forName(className, false, DatabaseCheck.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
