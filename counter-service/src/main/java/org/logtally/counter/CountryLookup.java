package org.logtally.counter;

import com.maxmind.db.CHMCache;
import com.maxmind.db.MaxMindDbConstructor;
import com.maxmind.db.MaxMindDbParameter;
import com.maxmind.db.Metadata;
import com.maxmind.db.Reader;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Looks up the country of a client address in a GeoIP database in the MaxMind DB format. Without a database,
 * or for an address that the database does not contain, the country is {@value #UNKNOWN}.
 *
 * <p>Two record layouts are read: ip-location-db's country databases store {@code country_code}, and MaxMind's
 * GeoIP2 and GeoLite2 databases store {@code country.iso_code}.
 *
 * <p>NOTE: the tests cover only the {@code country_code} layout, with ip-location-db's geo-whois-asn-country
 * database. The {@code country.iso_code} layout has not been run against a MaxMind database.
 */
final class CountryLookup implements AutoCloseable {

    /** ISO 3166 user-assigned code that stands for an unknown country, as MaxMind and GoAccess use it. */
    static final String UNKNOWN = "ZZ";

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");
    private static final Pattern COUNTRY_CODE = Pattern.compile("[A-Z]{2}");

    private final Reader reader;

    private CountryLookup(Reader reader) {
        this.reader = reader;
    }

    /** Returns a lookup without a database, which puts every address in {@value #UNKNOWN}. */
    static CountryLookup withoutDatabase() {
        return new CountryLookup(null);
    }

    /** Wraps an open database reader. The lookup closes the reader when it is closed. */
    static CountryLookup of(Reader reader) {
        return new CountryLookup(reader);
    }

    /**
     * Returns the upper-case ISO 3166-1 alpha-2 code of the country of {@code client}, or {@value #UNKNOWN}
     * when there is no database, the client is not an IP address literal, or the database has no country for it.
     * A host name is never resolved.
     */
    String countryOf(String client) {
        if (reader == null) {
            return UNKNOWN;
        }
        Optional<InetAddress> address = literalAddress(client);
        if (address.isEmpty()) {
            return UNKNOWN;
        }
        CountryRecord record;
        try {
            record = reader.get(address.get(), CountryRecord.class);
        } catch (IOException e) {
            throw new UncheckedIOException("GeoIP lookup of " + client + " failed", e);
        }
        return record == null ? UNKNOWN : record.code();
    }

    /**
     * Parses an IPv4 or IPv6 address literal. Anything else is empty, so that {@link InetAddress#getByName}
     * never gets a host name to resolve.
     */
    static Optional<InetAddress> literalAddress(String client) {
        if (client == null) {
            return Optional.empty();
        }
        boolean ipv4 = IPV4.matcher(client).matches();
        boolean ipv6 = client.indexOf(':') >= 0 && IPV6.matcher(client).matches();
        if (!ipv4 && !ipv6) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(client));
        } catch (UnknownHostException e) {
            // An invalid literal such as 999.1.1.1 or 1:::2.
            return Optional.empty();
        }
    }

    /** Returns the metadata of the database. Only valid for a lookup with a database. */
    Metadata metadata() {
        return reader.getMetadata();
    }

    @Override
    public void close() throws IOException {
        if (reader != null) {
            reader.close();
        }
    }

    /** Opens a database with the node cache that MaxMind's reader offers, 4,096 entries by default. */
    static Reader open(File file) throws IOException {
        return new Reader(file, new CHMCache());
    }

    /** One database record, in either layout. Both fields are null when the record has neither. */
    public static final class CountryRecord {

        private final String countryCode;
        private final MaxMindCountry country;

        @MaxMindDbConstructor
        public CountryRecord(@MaxMindDbParameter(name = "country_code") String countryCode,
                @MaxMindDbParameter(name = "country") MaxMindCountry country) {
            this.countryCode = countryCode;
            this.country = country;
        }

        String code() {
            String code = countryCode;
            if (code == null && country != null) {
                code = country.isoCode;
            }
            if (code == null) {
                return UNKNOWN;
            }
            String upper = code.toUpperCase(Locale.ROOT);
            return COUNTRY_CODE.matcher(upper).matches() ? upper : UNKNOWN;
        }
    }

    /** The {@code country} map of MaxMind's layout, of which only {@code iso_code} is read. */
    public static final class MaxMindCountry {

        private final String isoCode;

        @MaxMindDbConstructor
        public MaxMindCountry(@MaxMindDbParameter(name = "iso_code") String isoCode) {
            this.isoCode = isoCode;
        }
    }
}
