package org.logtally.local;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Random;

/**
 * Appends made-up nginx {@code combined} lines to one file and keeps the independent count
 * of everything it wrote. The lines look like real traffic: IPv4 and IPv6 clients, several
 * UTC offsets, times out of order, query strings, 3xx, 4xx and 5xx statuses, a body size of
 * {@code -}, escaped quotes, and now and then the same bytes twice (two hits). The same seed
 * gives the same lines.
 */
final class CombinedLogGenerator {


    private static final String[] USER_AGENTS = {
        "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_7_1) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
        "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
        "curl/8.5.0",
        "Wget/1.21.4",
        "python-requests/2.32.3",
        "Mozilla/5.0 (compatible; \\\"quoted\\\" crawler/1.0)",
        "-",
    };

    private static final String[] REQUESTS = {
        "GET / HTTP/1.1", "GET / HTTP/2.0", "GET /blog/ HTTP/1.1", "GET /blog/2026/05/rotating-logs HTTP/1.1",
        "GET /docs/install HTTP/1.1", "GET /docs/configuration#sources HTTP/1.1", "GET /feed.xml HTTP/1.1",
        "GET /search?q=nginx+access+log&page=2 HTTP/1.1", "GET /search?q=%22exact+phrase%22 HTTP/1.1",
        "GET /static/app.3f9c2e.js HTTP/1.1", "GET /static/style.css?v=12 HTTP/1.1", "GET /favicon.ico HTTP/1.1",
        "GET /robots.txt HTTP/1.0", "HEAD / HTTP/1.1", "POST /api/comments HTTP/1.1", "GET /wp-login.php HTTP/1.1",
        "GET /.env HTTP/1.1", "OPTIONS * HTTP/1.1", "GET /downloads/logtally-0.1.0.tar.gz HTTP/1.1",
    };

    private static final String[] REFERERS = {
        "-", "-", "-", "https://www.example.com/links", "https://news.example.org/item?id=42",
        "https://search.example.net/?q=web+analytics+without+javascript", "android-app://com.example.reader/",
    };

    private static final ZoneOffset[] OFFSETS = {
        ZoneOffset.UTC, ZoneOffset.UTC, ZoneOffset.UTC, ZoneOffset.ofHours(2), ZoneOffset.ofHours(-5),
        ZoneOffset.ofHoursMinutes(5, 30),
    };

    private final Path file;
    private final Random random;
    private final LocalDate firstDay;
    private final int days;
    private final IndependentCount count = new IndependentCount();
    private String previous;

    /**
     * @param file     file to append to, created when missing
     * @param seed     seed of the random choices
     * @param firstDay first local date written on the lines
     * @param days     number of days the lines spread over, at least 1
     */
    CombinedLogGenerator(Path file, long seed, LocalDate firstDay, int days) {
        this.file = file;
        this.random = new Random(seed);
        this.firstDay = firstDay;
        this.days = days;
    }

    Path file() {
        return file;
    }

    /** Returns the independent count of every line appended so far. */
    IndependentCount count() {
        return count;
    }

    /** Appends {@code lines} lines with one write, so a reader sees only whole lines at the end. */
    void append(int lines) throws IOException {
        append(file, lines);
    }

    /**
     * Appends {@code lines} lines to {@code target} instead of the generator's file, for a file
     * that rotation renamed or replaced. The lines are counted like the others.
     */
    void append(Path target, int lines) throws IOException {
        StringBuilder chunk = new StringBuilder(lines * 220);
        for (int i = 0; i < lines; i++) {
            // About one line in 40 repeats the line before it byte for byte: two requests, two hits.
            String line = previous != null && random.nextInt(40) == 0 ? previous : nextLine();
            count.add(line);
            chunk.append(line).append('\n');
            previous = line;
        }
        try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            out.write(chunk.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    private String nextLine() {
        ZoneOffset offset = OFFSETS[random.nextInt(OFFSETS.length)];
        OffsetDateTime time = firstDay.plusDays(random.nextInt(days)).atStartOfDay().atOffset(offset)
                .plusSeconds(random.nextInt(86_400));
        String request = REQUESTS[random.nextInt(REQUESTS.length)];
        int status = status(request);
        String bytes = bytes(status);
        String user = random.nextInt(200) == 0 ? "alice" : "-";
        return CombinedLine.format(client(), user, time, request, status, bytes,
                REFERERS[random.nextInt(REFERERS.length)], USER_AGENTS[random.nextInt(USER_AGENTS.length)]);
    }

    private String client() {
        // A few hundred clients, so that visitors repeat within a day.
        int host = random.nextInt(600);
        if (host < 100) {
            return "2001:db8:" + Integer.toHexString(host) + "::" + Integer.toHexString(1 + host % 7);
        }
        String[] prefixes = {"192.0.2.", "198.51.100.", "203.0.113."};
        return prefixes[host % 3] + (1 + host % 250);
    }

    private int status(String request) {
        if (request.contains("wp-login") || request.contains(".env")) {
            return 404;
        }
        int roll = random.nextInt(100);
        if (roll < 78) {
            return 200;
        } else if (roll < 88) {
            return 304;
        } else if (roll < 91) {
            return 301;
        } else if (roll < 96) {
            return 404;
        } else if (roll < 98) {
            return 403;
        }
        return 502;
    }

    private String bytes(int status) {
        if (status == 304) {
            return "0";
        }
        if (random.nextInt(100) == 0) {
            return "-";
        }
        return String.valueOf(150 + random.nextInt(60_000));
    }
}
