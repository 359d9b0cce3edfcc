package org.logtally.local;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Random;

/**
 * Writes the bundled sample log, {@code samples/access.log}: two weeks of made-up traffic
 * in nginx {@code combined} format, the same bytes on every run. Addresses come from the
 * ranges reserved for documentation (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24 and
 * 2001:db8::/32). A few odd lines are included on purpose: escaped quotes, a TLS handshake
 * sent to the HTTP port, and two lines that do not parse.
 */
public final class SampleLogGenerator {

    static final LocalDate FIRST_DAY = LocalDate.of(2026, 11, 16);
    static final int DAYS = 14;


    private static final String[] USER_AGENTS = {
        "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_7_1) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
        "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "curl/8.5.0",
        "Debian APT-HTTP/1.3 (2.6.1)",
    };

    private static final String[] PATHS = {
        "/", "/", "/", "/blog/", "/blog/2026/11/tailing-logs", "/blog/2026/11/counting-visitors",
        "/docs/install", "/docs/configuration", "/downloads/logtally.tar.gz", "/about", "/feed.xml",
        "/search?q=nginx+log+format", "/favicon.ico", "/robots.txt",
    };

    private static final String[] REFERERS = {
        "-", "-", "-", "https://www.example.com/links", "https://news.example.org/item?id=42",
        "https://search.example.net/?q=access+log+analytics",
    };

    private SampleLogGenerator() {
    }

    public static void main(String[] args) throws IOException {
        Path target = Path.of(args.length > 0 ? args[0] : "samples/access.log");
        Files.createDirectories(target.toAbsolutePath().getParent());
        try (OutputStream out = Files.newOutputStream(target)) {
            write(out);
        }
        System.out.println("wrote " + target);
    }

    /** Writes the whole sample to {@code out}. */
    static void write(OutputStream out) throws IOException {
        Random random = new Random(20261116L);
        for (int day = 0; day < DAYS; day++) {
            ZonedDateTime start = FIRST_DAY.plusDays(day).atStartOfDay(ZoneOffset.UTC);
            int visits = 60 + random.nextInt(40) + (day % 7 < 5 ? 30 : 0);
            for (int visit = 0; visit < visits; visit++) {
                writeVisit(out, random, start.plusSeconds(random.nextInt(86_400)));
            }
            if (day == 3) {
                writeOddLines(out, start.plusHours(13));
            }
        }
    }

    private static void writeVisit(OutputStream out, Random random, ZonedDateTime time) throws IOException {
        String client = clientAddress(random);
        String userAgent = USER_AGENTS[random.nextInt(USER_AGENTS.length)];
        String referer = REFERERS[random.nextInt(REFERERS.length)];
        int pages = 1 + random.nextInt(5);
        for (int page = 0; page < pages; page++) {
            String path = PATHS[random.nextInt(PATHS.length)];
            int status = status(random, path);
            long bytes = status == 304 ? 0 : 500 + random.nextInt(40_000);
            writeLine(out, client, time, "GET " + path + " HTTP/1.1", status, bytes, referer, userAgent);
            if (random.nextInt(20) == 0) {
                // Two requests in the same second that wrote the same bytes: two hits.
                writeLine(out, client, time, "GET " + path + " HTTP/1.1", status, bytes, referer, userAgent);
            }
            time = time.plusSeconds(1 + random.nextInt(90));
            referer = "https://logtally.example" + path;
        }
    }

    private static int status(Random random, String path) {
        if (path.equals("/favicon.ico") && random.nextBoolean()) {
            return 404;
        }
        int roll = random.nextInt(100);
        if (roll < 80) {
            return 200;
        } else if (roll < 90) {
            return 304;
        } else if (roll < 94) {
            return 301;
        } else if (roll < 99) {
            return 404;
        }
        return 500;
    }

    private static String clientAddress(Random random) {
        if (random.nextInt(6) == 0) {
            return "2001:db8:" + Integer.toHexString(random.nextInt(0x10000)) + "::" + Integer.toHexString(1 + random.nextInt(0xffff));
        }
        String[] prefixes = {"192.0.2.", "198.51.100.", "203.0.113."};
        return prefixes[random.nextInt(prefixes.length)] + (1 + random.nextInt(254));
    }

    private static void writeOddLines(OutputStream out, ZonedDateTime time) throws IOException {
        writeLine(out, "203.0.113.7", time, "GET /search?q=%22quoted%22 HTTP/1.1", 200, 1234,
                "-", "Mozilla/5.0 (compatible; \\\"quoted\\\" agent)");
        writeLine(out, "198.51.100.23", time.plusSeconds(5), "\\x16\\x03\\x01\\x00\\xA5\\x01\\x00\\x00\\xA1\\x03\\x03", 400, 157,
                "-", "-");
        writeLine(out, "192.0.2.99", time.plusSeconds(9), "-", 400, 0, "-", "-");
        out.write("this line is not in the combined format\n".getBytes(StandardCharsets.UTF_8));
        out.write(("192.0.2.10 - - [" + CombinedLine.TIME_LOCAL.format(time.plusSeconds(12))
                + "] \"GET / HTTP/1.1\" OK 512 \"-\" \"curl/8.5.0\"\n").getBytes(StandardCharsets.UTF_8));
    }

    private static void writeLine(OutputStream out, String client, ZonedDateTime time, String request, int status,
                                  long bytes, String referer, String userAgent) throws IOException {
        String line = CombinedLine.format(client, "-", time, request, status, String.valueOf(bytes), referer,
                userAgent) + "\n";
        out.write(line.getBytes(StandardCharsets.UTF_8));
    }
}
