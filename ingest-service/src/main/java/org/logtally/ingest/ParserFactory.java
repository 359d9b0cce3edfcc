package org.logtally.ingest;

import org.logtally.ingest.parse.CidrRange;
import org.logtally.ingest.parse.CombinedLogParser;
import org.logtally.ingest.parse.ForwardedClientResolver;
import org.logtally.ingest.parse.InvalidFormatException;
import org.logtally.ingest.parse.JsonFields;
import org.logtally.ingest.parse.JsonLogParser;
import org.logtally.ingest.parse.LineParser;
import org.logtally.ingest.parse.LogFormatCompiler;
import org.logtally.ingest.parse.LogFormatParser;
import org.logtally.ingest.parse.SiteParsers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the line parser of each configured source at start-up, so that a format, JSON field or
 * trusted proxy range that cannot work stops the service with a message naming the key.
 */
final class ParserFactory {

    private ParserFactory() {
    }

    /**
     * Builds the parsers of all sources in {@code config}.
     *
     * @throws InvalidFormatException when a source's settings cannot work; the message names the
     *         key, the value and the problem
     */
    static SiteParsers create(IngestConfig config) {
        List<CidrRange> trustedProxies = trustedProxies(config.trustedProxies().orElse(List.of()));
        Map<String, LineParser> parsers = new LinkedHashMap<>();
        config.sources().forEach((site, source) -> parsers.put(site, create(site, source, trustedProxies)));
        return new SiteParsers(parsers);
    }

    static LineParser create(String site, IngestConfig.Source source, List<CidrRange> trustedProxies) {
        String key = "logtally.ingest.sources.\"" + site + "\".";
        String format = source.format();
        ForwardedClientResolver resolver = null;
        if (source.clientFromForwardedFor()) {
            if (trustedProxies.isEmpty()) {
                throw new InvalidFormatException(key + "client-from-forwarded-for is true, but"
                        + " logtally.ingest.trusted-proxies is empty, so the right-most address would always be"
                        + " the client: list the CIDR ranges of your proxies");
            }
            resolver = new ForwardedClientResolver(trustedProxies);
        }
        try {
            return create(source, resolver);
        } catch (InvalidFormatException e) {
            throw new InvalidFormatException(key + "format \"" + format + "\" cannot be used: " + e.getMessage());
        }
    }

    private static LineParser create(IngestConfig.Source source, ForwardedClientResolver resolver) {
        String format = source.format();
        boolean logFormatString = format.indexOf('$') >= 0;
        LogFormat preset = logFormatString ? null : LogFormat.byName(format.strip()).orElseThrow(() ->
                new InvalidFormatException("it is neither a preset (" + LogFormat.names()
                        + ") nor an nginx log_format string, which contains $ before each variable"));
        if (preset != LogFormat.JSON && !source.jsonFields().isEmpty()) {
            throw new InvalidFormatException("json-fields is set, but only the json format uses it");
        }
        if (preset == LogFormat.JSON) {
            return new JsonLogParser(JsonFields.of(source.jsonFields()), resolver);
        }
        if (preset == LogFormat.COMBINED && resolver == null) {
            return new CombinedLogParser();
        }
        String logFormat = logFormatString ? format : preset.logFormat();
        return new LogFormatParser(LogFormatCompiler.compile(logFormat), resolver);
    }

    private static List<CidrRange> trustedProxies(List<String> ranges) {
        List<CidrRange> parsed = new ArrayList<>(ranges.size());
        for (String range : ranges) {
            try {
                parsed.add(CidrRange.parse(range));
            } catch (IllegalArgumentException e) {
                throw new InvalidFormatException("logtally.ingest.trusted-proxies: " + e.getMessage());
            }
        }
        return parsed;
    }
}
