package org.logtally.counter;

import com.maxmind.db.Metadata;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Opens the GeoIP database of {@code logtally.counter.geoip.database}. A path that does not exist or is not a
 * valid MaxMind DB file fails start-up, so a wrong path cannot silently put every client in country ZZ.
 */
@Singleton
public class CountryLookupProducer {

    @Produces
    @Singleton
    CountryLookup countryLookup(CounterConfig config) {
        return open(config.geoip().database());
    }

    /**
     * Opens the database at {@code database}, or returns a lookup without a database when it is empty.
     *
     * @throws IllegalStateException when the file does not exist or is not a valid MaxMind DB file
     */
    static CountryLookup open(Optional<Path> database) {
        if (database.isEmpty()) {
            CounterLog.LOG.geoipDatabaseNotConfigured();
            return CountryLookup.withoutDatabase();
        }
        Path path = database.get().toAbsolutePath();
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException("GeoIP database " + path + " set in logtally.counter.geoip.database "
                    + "was not found or is not a file. Set the path of a MaxMind DB (.mmdb) country database, "
                    + "or remove the setting to count every client in country ZZ.");
        }
        try {
            CountryLookup lookup = CountryLookup.of(CountryLookup.open(path.toFile()));
            return logOpened(lookup, path);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("GeoIP database " + path + " set in logtally.counter.geoip.database "
                    + "is not a valid MaxMind DB (.mmdb) file: " + e.getMessage(), e);
        }
    }

    void close(@Disposes CountryLookup lookup) throws IOException {
        lookup.close();
    }

    private static CountryLookup logOpened(CountryLookup lookup, Path path) {
        Metadata metadata = lookup.metadata();
        CounterLog.LOG.geoipDatabaseOpened(path.toString(), metadata.getDatabaseType(),
                metadata.getBuildDate().toInstant().atOffset(ZoneOffset.UTC).toLocalDate().toString());
        return lookup;
    }
}
