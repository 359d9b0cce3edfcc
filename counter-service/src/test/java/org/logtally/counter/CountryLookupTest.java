package org.logtally.counter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CountryLookupTest {

    @Test
    void withoutDatabaseEveryClientIsUnknown() {
        CountryLookup lookup = CountryLookupProducer.open(Optional.empty());

        assertEquals(CountryLookup.UNKNOWN, lookup.countryOf("81.169.145.105"));
        assertEquals(CountryLookup.UNKNOWN, lookup.countryOf("2001:4860:4860::8888"));
    }

    @Test
    void literalAddressAcceptsOnlyIpLiterals() {
        assertTrue(CountryLookup.literalAddress("192.0.2.1").isPresent());
        assertTrue(CountryLookup.literalAddress("2001:db8::1").isPresent());
        assertTrue(CountryLookup.literalAddress("::ffff:192.0.2.1").isPresent());
        // Host names are not resolved.
        assertTrue(CountryLookup.literalAddress("localhost").isEmpty());
        assertTrue(CountryLookup.literalAddress("example.com").isEmpty());
        assertTrue(CountryLookup.literalAddress("999.1.1.1").isEmpty());
        assertTrue(CountryLookup.literalAddress("1:::2").isEmpty());
        assertTrue(CountryLookup.literalAddress("fe80::1%eth0").isEmpty());
        assertTrue(CountryLookup.literalAddress("").isEmpty());
        assertTrue(CountryLookup.literalAddress(null).isEmpty());
    }

    @Test
    void missingDatabaseFailsStartUp(@TempDir Path directory) {
        Path missing = directory.resolve("missing.mmdb");

        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> CountryLookupProducer.open(Optional.of(missing)));
        assertTrue(error.getMessage().contains(missing.toString()), error.getMessage());
        assertTrue(error.getMessage().contains("was not found"), error.getMessage());
    }

    @Test
    void invalidDatabaseFailsStartUp(@TempDir Path directory) throws IOException {
        Path notMmdb = Files.writeString(directory.resolve("country.mmdb"), "not a MaxMind DB file");

        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> CountryLookupProducer.open(Optional.of(notMmdb)));
        assertTrue(error.getMessage().contains(notMmdb.toString()), error.getMessage());
        assertTrue(error.getMessage().contains("is not a valid MaxMind DB"), error.getMessage());
    }

    @Test
    @EnabledIf("org.logtally.counter.GeoipTestDatabase#present")
    void databaseFindsIpv4AndIpv6Countries() throws IOException {
        try (CountryLookup lookup = CountryLookupProducer.open(GeoipTestDatabase.path())) {
            assertEquals("DE", lookup.countryOf("81.169.145.105"));
            assertEquals("US", lookup.countryOf("2001:4860:4860::8888"));
            assertEquals("DE", lookup.countryOf("::ffff:81.169.145.105"));
            // Documentation and private addresses are in no country.
            assertEquals(CountryLookup.UNKNOWN, lookup.countryOf("192.0.2.1"));
            assertEquals(CountryLookup.UNKNOWN, lookup.countryOf("10.1.2.3"));
            assertEquals(CountryLookup.UNKNOWN, lookup.countryOf("not-an-address"));
        }
    }
}
