package org.logtally.counter;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Location of the GeoIP test database, from the system property {@value #PROPERTY} that the Maven build sets,
 * or the environment variable {@value #ENVIRONMENT}. src/test/fetch-geoip.sh fetches the database.
 */
final class GeoipTestDatabase {

    static final String PROPERTY = "logtally.test.geoip-database";
    static final String ENVIRONMENT = "LOGTALLY_TEST_GEOIP_DATABASE";

    private GeoipTestDatabase() {
    }

    /** Returns the database file, or empty when neither setting names an existing file. */
    static Optional<Path> path() {
        String setting = System.getProperty(PROPERTY, System.getenv(ENVIRONMENT));
        if (setting == null || setting.isBlank()) {
            return Optional.empty();
        }
        Path path = Path.of(setting);
        return Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
    }

    /** Condition for {@code @EnabledIf}: whether the database is present. */
    static boolean present() {
        boolean present = path().isPresent();
        if (!present) {
            System.err.println("GeoIP test database not found (system property " + PROPERTY + " or "
                    + ENVIRONMENT + "), so the tests that need it are skipped. Fetch it with "
                    + "counter-service/src/test/fetch-geoip.sh");
        }
        return present;
    }
}
