package org.logtally.counter;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DimensionValuesTest {

    @Test
    void statusClassGroupsByHundreds() {
        assertEquals("2xx", DimensionValues.statusClass(200));
        assertEquals("2xx", DimensionValues.statusClass(206));
        assertEquals("3xx", DimensionValues.statusClass(304));
        assertEquals("4xx", DimensionValues.statusClass(404));
        assertEquals("4xx", DimensionValues.statusClass(499));
        assertEquals("5xx", DimensionValues.statusClass(503));
    }

    @Test
    void statusClassOtherOutsideTwoToFive() {
        assertEquals("other", DimensionValues.statusClass(101));
        assertEquals("other", DimensionValues.statusClass(199));
        assertEquals("other", DimensionValues.statusClass(600));
        assertEquals("other", DimensionValues.statusClass(0));
        assertEquals("other", DimensionValues.statusClass(-1));
    }

    @Test
    void pathDropsQueryStringByDefault() {
        assertEquals("/search", DimensionValues.path("/search?q=logs&page=2", false));
        assertEquals("/", DimensionValues.path("/?utm_source=feed", false));
        assertEquals("/a", DimensionValues.path("/a#top", false));
        assertEquals("/a/b.html", DimensionValues.path("/a/b.html", false));
    }

    @Test
    void pathKeepsQueryStringWhenConfigured() {
        assertEquals("/search?q=logs&page=2", DimensionValues.path("/search?q=logs&page=2", true));
        assertEquals("/a?x=1", DimensionValues.path("/a?x=1#top", true));
    }

    @Test
    void pathMissingBecomesNone() {
        assertEquals(DimensionValues.NO_PATH, DimensionValues.path(null, false));
        assertEquals(DimensionValues.NO_PATH, DimensionValues.path("", false));
        assertEquals(DimensionValues.NO_PATH, DimensionValues.path("?only=query", false));
    }

    @Test
    void referrerHostIsLowerCaseHost() {
        assertEquals("www.example.com", DimensionValues.referrerHost("https://WWW.Example.com/some/page?q=1"));
        assertEquals("www.example.com", DimensionValues.referrerHost("https://www.example.com:8443/a"));
        assertEquals("example.org", DimensionValues.referrerHost("http://user:secret@Example.org/"));
        assertEquals("example.org", DimensionValues.referrerHost("http://example.org"));
        assertEquals("example.org", DimensionValues.referrerHost("http://example.org?a=b"));
        assertEquals("example.org", DimensionValues.referrerHost("http://example.org#x"));
        assertEquals("[2001:db8::1]", DimensionValues.referrerHost("http://[2001:DB8::1]:8080/x"));
        assertEquals("com.google.android.gm", DimensionValues.referrerHost("android-app://com.google.android.gm/"));
    }

    @Test
    void referrerMissingIsDirect() {
        assertEquals(DimensionValues.DIRECT, DimensionValues.referrerHost(null));
        assertEquals(DimensionValues.DIRECT, DimensionValues.referrerHost(""));
        assertEquals(DimensionValues.DIRECT, DimensionValues.referrerHost("-"));
    }

    @Test
    void referrerWithoutHostIsInvalid() {
        assertEquals(DimensionValues.INVALID_REFERRER, DimensionValues.referrerHost("about:blank"));
        assertEquals(DimensionValues.INVALID_REFERRER, DimensionValues.referrerHost("www.example.com/page"));
        assertEquals(DimensionValues.INVALID_REFERRER, DimensionValues.referrerHost("https:///path"));
        assertEquals(DimensionValues.INVALID_REFERRER, DimensionValues.referrerHost("://example.com"));
    }

    @Test
    void longValueIsTruncated() {
        String longPath = "/" + "a".repeat(2000);
        assertEquals(DimensionValues.MAX_VALUE_LENGTH, DimensionValues.path(longPath, false).length());

        // A surrogate pair that would be split at the limit is dropped whole.
        String emoji = "\uD83D\uDE00";
        String split = "a".repeat(DimensionValues.MAX_VALUE_LENGTH - 1) + emoji;
        assertEquals("a".repeat(DimensionValues.MAX_VALUE_LENGTH - 1), DimensionValues.truncate(split));
    }
}
