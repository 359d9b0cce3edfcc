package org.logtally.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expected daily numbers for nginx {@code combined} lines, computed with a regular
 * expression that shares no code with the services. Hits count every line. Visitors count
 * distinct (address, user agent) pairs of requests whose status is not 4xx. The day is the
 * date written on the line.
 */
final class IndependentCount {

    private static final Pattern COMBINED = Pattern.compile(
            "^(\\S+) \\S+ \\S+ \\[(\\d{2}/\\w{3}/\\d{4}):[^]]*] \"(?:[^\"\\\\]|\\\\.)*\" (\\d{3}) (\\d+|-)"
                    + " \"(?:[^\"\\\\]|\\\\.)*\" \"((?:[^\"\\\\]|\\\\.)*)\"$");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MMM/yyyy", Locale.ROOT);

    private final Map<LocalDate, Long> hits = new TreeMap<>();
    private final Map<LocalDate, Long> bytes = new TreeMap<>();
    private final Map<LocalDate, Set<String>> visitors = new HashMap<>();
    private long lines;

    static IndependentCount of(Path file) throws IOException {
        IndependentCount count = new IndependentCount();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                count.add(line);
            }
        }
        return count;
    }

    void add(String line) {
        Matcher matcher = COMBINED.matcher(line);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a combined line: " + line);
        }
        LocalDate day = LocalDate.parse(matcher.group(2), DATE);
        int status = Integer.parseInt(matcher.group(3));
        long size = "-".equals(matcher.group(4)) ? 0 : Long.parseLong(matcher.group(4));
        lines++;
        hits.merge(day, 1L, Long::sum);
        bytes.merge(day, size, Long::sum);
        Set<String> dayVisitors = visitors.computeIfAbsent(day, d -> new HashSet<>());
        if (status < 400 || status > 499) {
            dayVisitors.add(matcher.group(1) + '\u0000' + matcher.group(5));
        }
    }

    long lines() {
        return lines;
    }

    /** Returns day to {hits, visitors, bytes}, ordered by day. */
    Map<LocalDate, long[]> daily() {
        Map<LocalDate, long[]> daily = new TreeMap<>();
        hits.forEach((day, count) -> daily.put(day, new long[] {count, visitors.get(day).size(), bytes.get(day)}));
        return daily;
    }
}
