package org.logtally.counter;

import java.util.Locale;

/** Derives the breakdown values of a request from its status, path and referrer. */
final class DimensionValues {

    /** Referrer value of a request without a referrer, or with the referrer {@code -}. */
    static final String DIRECT = "(direct)";

    /** Referrer value of a referrer that is not an absolute URL with a host, such as {@code about:blank}. */
    static final String INVALID_REFERRER = "(invalid)";

    /** Path value of a request whose request line had no path, for example because it was malformed. */
    static final String NO_PATH = "(none)";

    /**
     * Maximum length of a value in characters. A B-tree index entry in PostgreSQL must stay under about 2,700
     * bytes, and 500 characters are at most 2,000 bytes in UTF-8, which leaves room for the site name.
     */
    static final int MAX_VALUE_LENGTH = 500;

    private DimensionValues() {
    }

    /** Returns the status class: {@code 2xx}, {@code 3xx}, {@code 4xx}, {@code 5xx}, or {@code other}. */
    static String statusClass(int status) {
        if (status >= 200 && status <= 599) {
            return (status / 100) + "xx";
        }
        return "other";
    }

    /**
     * Returns the path of a request as a breakdown value. Without {@code keepQueryString}, everything from the
     * first {@code ?} is cut off. A fragment ({@code #...}), which browsers never send but scripts may, is always
     * cut off.
     */
    static String path(String path, boolean keepQueryString) {
        if (path == null || path.isEmpty()) {
            return NO_PATH;
        }
        String value = cutAt(path, '#');
        if (!keepQueryString) {
            value = cutAt(value, '?');
        }
        return truncate(value.isEmpty() ? NO_PATH : value);
    }

    /**
     * Returns the host of a referrer URL in lower case, without user info and port: {@code
     * https://User@WWW.Example.com:8443/a?b} becomes {@code www.example.com}. An IPv6 host keeps its brackets.
     * A missing referrer is {@value #DIRECT}, and a referrer without {@code scheme://host} is
     * {@value #INVALID_REFERRER}.
     */
    static String referrerHost(String referrer) {
        if (referrer == null || referrer.isBlank() || referrer.equals("-")) {
            return DIRECT;
        }
        int schemeEnd = referrer.indexOf("://");
        if (schemeEnd <= 0) {
            return INVALID_REFERRER;
        }
        int authorityStart = schemeEnd + 3;
        int authorityEnd = authorityStart;
        while (authorityEnd < referrer.length() && "/?#".indexOf(referrer.charAt(authorityEnd)) < 0) {
            authorityEnd++;
        }
        String authority = referrer.substring(authorityStart, authorityEnd);
        String host = withoutPort(authority.substring(authority.lastIndexOf('@') + 1));
        if (host.isEmpty()) {
            return INVALID_REFERRER;
        }
        return truncate(host.toLowerCase(Locale.ROOT));
    }

    /** Cuts a value to {@value #MAX_VALUE_LENGTH} characters, without splitting a surrogate pair. */
    static String truncate(String value) {
        if (value.length() <= MAX_VALUE_LENGTH) {
            return value;
        }
        int end = MAX_VALUE_LENGTH;
        if (Character.isHighSurrogate(value.charAt(end - 1))) {
            end--;
        }
        return value.substring(0, end);
    }

    private static String withoutPort(String hostAndPort) {
        if (hostAndPort.startsWith("[")) {
            int close = hostAndPort.indexOf(']');
            return close < 0 ? hostAndPort : hostAndPort.substring(0, close + 1);
        }
        int colon = hostAndPort.indexOf(':');
        return colon < 0 ? hostAndPort : hostAndPort.substring(0, colon);
    }

    private static String cutAt(String value, char separator) {
        int index = value.indexOf(separator);
        return index < 0 ? value : value.substring(0, index);
    }
}
