package org.logtally.ingest.parse;

import java.util.Map;

/** The line parser of each site, chosen once at start-up from the site's configured format. */
public final class SiteParsers {

    private static final LineParser COMBINED = new CombinedLogParser();

    private final Map<String, LineParser> parsersBySite;

    public SiteParsers(Map<String, LineParser> parsersBySite) {
        this.parsersBySite = Map.copyOf(parsersBySite);
    }

    /** Returns parsers that read every site in the combined format. */
    public static SiteParsers combined() {
        return new SiteParsers(Map.of());
    }

    /** Returns the parser of {@code site}, the combined parser when the site has none. */
    public LineParser forSite(String site) {
        return parsersBySite.getOrDefault(site, COMBINED);
    }
}
