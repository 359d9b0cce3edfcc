package org.logtally.counter;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * Derives the {@link EventDimensions} of a request. Parsing the user agent is CPU-heavy, so this runs on a
 * worker thread while a batch is decoded, before its transaction opens.
 */
@Singleton
public class DimensionClassifier {

    private final UserAgentClassifier userAgents;
    private final CountryLookup countries;
    private final boolean keepQueryString;

    @Inject
    DimensionClassifier(UserAgentClassifier userAgents, CountryLookup countries, CounterConfig config) {
        this(userAgents, countries, config.paths().keepQueryString());
    }

    DimensionClassifier(UserAgentClassifier userAgents, CountryLookup countries, boolean keepQueryString) {
        this.userAgents = userAgents;
        this.countries = countries;
        this.keepQueryString = keepQueryString;
    }

    EventDimensions classify(int status, String path, String referrer, String client, String userAgent) {
        return new EventDimensions(
                DimensionValues.statusClass(status),
                DimensionValues.path(path, keepQueryString),
                DimensionValues.referrerHost(referrer),
                countries.countryOf(client),
                userAgents.classify(userAgent));
    }
}
