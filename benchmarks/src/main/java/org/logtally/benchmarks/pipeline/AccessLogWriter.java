package org.logtally.benchmarks.pipeline;

import org.logtally.local.CombinedLine;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Random;

/**
 * Writes a generated access log in nginx {@code combined} format: every line valid, times in
 * file order over {@value #DAYS} days, and the same bytes for the same line count.
 *
 * <p>The traffic is shaped like a real site's. Each day has its own visitors, about one for every
 * {@value #HITS_PER_VISITOR} lines of that day (the nginx sample log in the tests has 10.6 hits per
 * visitor and day), and each visitor requests a few neighbouring pages of the site, all with the referrer
 * that brought the visitor (the sample has 1.0 referrer hosts per visitor and day). A visitor is a
 * client address from the documentation ranges 192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24 and
 * 2001:db8::/32 together with one user agent. The visitors, and the rows that count them, therefore
 * grow with the line count as on a real site, not with every line.
 */
final class AccessLogWriter {

    static final int DAYS = 30;

    /** Lines per visitor and day, on average. */
    static final int HITS_PER_VISITOR = 10;

    /** Distinct pages a visitor requests on a day, at most. */
    private static final int PAGES_PER_VISITOR = 3;

    private static final ZonedDateTime FIRST_DAY = ZonedDateTime.of(2026, 10, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    private static final String[] USER_AGENTS = {
        "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_7_1) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
        "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "curl/8.5.0",
    };

    private static final String[] PATHS = {
        "/", "/blog/", "/blog/2026/10/tailing-logs", "/blog/2026/10/counting-visitors", "/docs/install",
        "/docs/configuration", "/downloads/logtally.tar.gz", "/about", "/feed.xml", "/search?q=nginx+log+format",
        "/favicon.ico", "/robots.txt", "/static/app.css", "/static/app.js",
    };

    private static final String[] REFERERS = {
        "-", "-", "-", "https://www.example.com/links", "https://news.example.org/item?id=42",
        "https://logtally.example/blog/",
    };

    /** 90% 200, 5% 304 and 5% 404, so that most visitors have one status class on a day, as in the sample. */
    private static final int[] STATUSES = {
        200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 304, 404,
    };

    private AccessLogWriter() {
    }

    /** Writes {@code lines} lines to {@code file}, replacing it, and returns its size in bytes. */
    static long write(Path file, long lines) throws IOException {
        Random random = new Random(20261001L);
        long seconds = DAYS * 86_400L;
        int visitorsPerDay = (int) Math.max(1, lines / DAYS / HITS_PER_VISITOR);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            for (long i = 0; i < lines; i++) {
                long second = i * seconds / lines;
                ZonedDateTime time = FIRST_DAY.plusSeconds(second);
                long visitor = second / 86_400L * visitorsPerDay + random.nextInt(visitorsPerDay);
                out.write(line(random, time, visitor).getBytes(StandardCharsets.UTF_8));
            }
        }
        return Files.size(file);
    }

    /** Formats one request of {@code visitor}, the number of one client address and user agent. */
    private static String line(Random random, ZonedDateTime time, long visitor) {
        Random visitorRandom = new Random(visitor * 0x9E3779B97F4A7C15L);
        String client = client(visitorRandom);
        String userAgent = USER_AGENTS[visitorRandom.nextInt(USER_AGENTS.length)];
        String referer = REFERERS[visitorRandom.nextInt(REFERERS.length)];
        int firstPage = visitorRandom.nextInt(PATHS.length);
        String path = PATHS[(firstPage + random.nextInt(PAGES_PER_VISITOR)) % PATHS.length];
        int status = STATUSES[random.nextInt(STATUSES.length)];
        long bytes = status == 304 ? 0 : 300 + random.nextInt(60_000);
        return CombinedLine.format(client, "-", time, "GET " + path + " HTTP/1.1", status, String.valueOf(bytes),
                referer, userAgent) + "\n";
    }

    private static String client(Random random) {
        if (random.nextInt(4) != 0) {
            return "2001:db8:" + Integer.toHexString(random.nextInt(0x10000)) + "::"
                    + Integer.toHexString(1 + random.nextInt(0xffff));
        }
        String[] prefixes = {"192.0.2.", "198.51.100.", "203.0.113."};
        return prefixes[random.nextInt(prefixes.length)] + (1 + random.nextInt(254));
    }
}
