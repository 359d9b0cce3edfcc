package org.logtally.counter;

/**
 * Breakdown values of one request, one per {@link Dimension}, and whether it came from a bot.
 *
 * @param statusClass     status class, such as {@code 2xx}
 * @param path            request path, without the query string unless it is kept
 * @param referrer        referrer host in lower case, or {@value DimensionValues#DIRECT}
 * @param country         ISO 3166-1 alpha-2 country code, or {@value CountryLookup#UNKNOWN}
 * @param userAgent       browser, operating system and device class of the user agent
 */
record EventDimensions(String statusClass, String path, String referrer, String country, UserAgentClass userAgent) {

    boolean bot() {
        return userAgent.bot();
    }

    /** Returns the value of this request in one dimension. */
    String valueOf(Dimension dimension) {
        return switch (dimension) {
            case STATUS -> statusClass;
            case PATHS -> path;
            case REFERRERS -> referrer;
            case COUNTRIES -> country;
            case BROWSERS -> userAgent.browser();
            case OS -> userAgent.operatingSystem();
            case DEVICES -> userAgent.deviceClass();
        };
    }
}
