package dev.kotak.server.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.apache.commons.configuration2.PropertiesConfiguration;
import org.junit.jupiter.api.Test;

class DatabaseSettingsTest {
    private static final Path HOME = Path.of("/opt/kotak");

    @Test
    void relativeDerbyPathsResolveAgainstTheWorkingDirectory() {
        assertThat(DatabaseSettings.resolveDerbyPath("jdbc:derby:var/store/derby;create=true", HOME))
            .isEqualTo("jdbc:derby:/opt/kotak/var/store/derby;create=true");
        assertThat(DatabaseSettings.resolveDerbyPath("jdbc:derby:../data/derby", HOME))
            .isEqualTo("jdbc:derby:/opt/data/derby");
    }

    @Test
    void absoluteAndSubprotocolDerbyUrlsAndOtherDatabasesAreLeftAlone() {
        assertThat(DatabaseSettings.resolveDerbyPath("jdbc:derby:/srv/derby;create=true", HOME))
            .isEqualTo("jdbc:derby:/srv/derby;create=true");
        assertThat(DatabaseSettings.resolveDerbyPath("jdbc:derby:memory:tests;create=true", HOME))
            .isEqualTo("jdbc:derby:memory:tests;create=true");
        assertThat(DatabaseSettings.resolveDerbyPath("jdbc:postgresql://db/james", HOME))
            .isEqualTo("jdbc:postgresql://db/james");
    }

    @Test
    void credentialsPoolSettingsAndOpenJpaKeysReachOpenJpa() {
        PropertiesConfiguration properties = new PropertiesConfiguration();
        properties.addProperty("database.driverClassName", "org.postgresql.Driver");
        properties.addProperty("database.url", "jdbc:postgresql://127.0.0.1:5432/james");
        properties.addProperty("database.username", "james");
        properties.addProperty("database.password", "secret");
        properties.addProperty("datasource.testOnBorrow", "true");
        properties.addProperty("datasource.validationQuery", "SELECT 1");
        properties.addProperty("datasource.validationQueryTimeoutSec", "2");
        properties.addProperty("datasource.maxTotal", "20");
        properties.addProperty("openjpa.Log", "SQL=TRACE");

        DatabaseSettings settings = DatabaseSettings.from(properties, HOME);

        assertThat(settings.isEmbeddedDerby()).isFalse();
        assertThat(settings.openJpaProperties())
            .containsEntry("openjpa.ConnectionDriverName", "org.postgresql.Driver")
            .containsEntry("openjpa.ConnectionURL", "jdbc:postgresql://127.0.0.1:5432/james")
            .containsEntry("openjpa.ConnectionUserName", "james")
            .containsEntry("openjpa.ConnectionPassword", "secret")
            .containsEntry("openjpa.Multithreaded", "true")
            .containsEntry("openjpa.Log", "SQL=TRACE")
            .containsEntry("openjpa.ConnectionProperties",
                "TestOnBorrow=true,ValidationSQL='SELECT 1',ValidationTimeout=2000,MaxTotal=20");
    }

    @Test
    void emptyCredentialsAreNotSent() {
        PropertiesConfiguration properties = new PropertiesConfiguration();
        properties.addProperty("database.driverClassName", "org.apache.derby.jdbc.EmbeddedDriver");
        properties.addProperty("database.url", "jdbc:derby:var/store/derby;create=true");
        properties.addProperty("database.username", "");

        assertThat(DatabaseSettings.from(properties, HOME).openJpaProperties())
            .doesNotContainKeys("openjpa.ConnectionUserName", "openjpa.ConnectionPassword", "openjpa.ConnectionProperties");
    }

    @Test
    void aMissingUrlSaysWhatIsExpected() {
        PropertiesConfiguration properties = new PropertiesConfiguration();
        properties.addProperty("database.driverClassName", "org.postgresql.Driver");

        assertThatThrownBy(() -> DatabaseSettings.from(properties, HOME))
            .hasMessage("james-database.properties: 'database.url' is missing; expected a JDBC URL such as "
                + "jdbc:derby:var/store/derby;create=true");
    }
}
