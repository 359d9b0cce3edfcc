package org.logtally.ingest;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;
import org.logtally.ingest.parse.CombinedLogParser;
import org.logtally.ingest.parse.InvalidFormatException;
import org.logtally.ingest.parse.JsonLogParser;
import org.logtally.ingest.parse.LineParser;
import org.logtally.ingest.parse.LogFormatParser;
import org.logtally.ingest.parse.ParsedLine;
import org.logtally.ingest.parse.SiteParsers;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Builds the parsers from configuration read by SmallRye Config, as the service does at start-up. */
class ParserFactoryTest {

    private static IngestConfig config(String... keysAndValues) {
        Map<String, String> properties = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            properties.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(IngestConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 100))
                .build();
        return config.getConfigMapping(IngestConfig.class);
    }

    private static SiteParsers parsers(String... keysAndValues) {
        return ParserFactory.create(config(keysAndValues));
    }

    private static InvalidFormatException reject(String... keysAndValues) {
        IngestConfig config = config(keysAndValues);
        return assertThrows(InvalidFormatException.class, () -> ParserFactory.create(config));
    }

    private static ParsedLine parse(LineParser parser, String line) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        return parser.parse(bytes, 0, bytes.length);
    }

    @Test
    void defaultFormatIsFastCombinedParser() {
        SiteParsers parsers = parsers("logtally.ingest.sources.web.paths", "/var/log/nginx/access.log");

        assertInstanceOf(CombinedLogParser.class, parsers.forSite("web"));
    }

    @Test
    void presetsAndLogFormatStringsAreChosen() {
        SiteParsers parsers = parsers(
                "logtally.ingest.sources.common.paths", "/a.log",
                "logtally.ingest.sources.common.format", "common",
                "logtally.ingest.sources.vhost.paths", "/b.log",
                "logtally.ingest.sources.vhost.format", "VHOST_COMBINED",
                "logtally.ingest.sources.json.paths", "/c.log",
                "logtally.ingest.sources.json.format", "json",
                "logtally.ingest.sources.json.json-fields.time_iso8601", "ts",
                "logtally.ingest.sources.\"my site\".paths", "/d.log",
                "logtally.ingest.sources.\"my site\".format", "$remote_addr [$time_iso8601] $status");

        ParsedLine common = parse(parsers.forSite("common"),
                "10.0.0.1 - - [17/May/2015:08:05:32 +0000] \"GET / HTTP/1.1\" 200 7");
        ParsedLine vhost = parse(parsers.forSite("vhost"), "example.org:80 10.0.0.1 - - [17/May/2015:08:05:32 +0000]"
                + " \"GET / HTTP/1.1\" 200 7 \"-\" \"-\"");
        ParsedLine json = parse(parsers.forSite("json"),
                "{\"ts\":\"2015-05-17T08:05:32+00:00\",\"remote_addr\":\"10.0.0.1\",\"status\":200}");
        ParsedLine custom = parse(parsers.forSite("my site"), "10.0.0.1 [2015-05-17T08:05:32+00:00] 204");

        assertEquals(7, common.bytes());
        assertEquals(7, vhost.bytes());
        assertInstanceOf(JsonLogParser.class, parsers.forSite("json"));
        assertEquals("2015-05-17T08:05:32+00:00", json.time());
        assertInstanceOf(LogFormatParser.class, parsers.forSite("my site"));
        assertEquals(204, custom.status());
    }

    @Test
    void forwardedClientUsesTrustedProxies() {
        SiteParsers parsers = parsers(
                "logtally.ingest.trusted-proxies", "10.0.0.0/8,fd00::/8",
                "logtally.ingest.sources.web.paths", "/a.log",
                "logtally.ingest.sources.web.client-from-forwarded-for", "true",
                "logtally.ingest.sources.web.format", "$remote_addr - $remote_user [$time_local] \"$request\" $status"
                        + " $body_bytes_sent \"$http_referer\" \"$http_user_agent\" \"$http_x_forwarded_for\"");

        ParsedLine line = parse(parsers.forSite("web"), "fd00::2 - - [17/May/2015:08:05:32 +0000] \"GET / HTTP/1.1\""
                + " 200 7 \"-\" \"-\" \"198.51.100.4, 10.0.0.9\"");

        assertEquals("198.51.100.4", line.client());
    }

    @Test
    void forwardedCombinedPresetReadsClientList() {
        SiteParsers parsers = parsers(
                "logtally.ingest.trusted-proxies", "10.0.0.0/8",
                "logtally.ingest.sources.web.paths", "/a.log",
                "logtally.ingest.sources.web.client-from-forwarded-for", "true");

        ParsedLine line = parse(parsers.forSite("web"), "198.51.100.4, 10.0.0.9 - - [17/May/2015:08:05:32 +0000]"
                + " \"GET / HTTP/1.1\" 200 7 \"-\" \"-\"");

        assertEquals("198.51.100.4", line.client());
    }

    @Test
    void unknownPresetIsRejected() {
        InvalidFormatException e = reject("logtally.ingest.sources.web.paths", "/a.log",
                "logtally.ingest.sources.web.format", "combind");

        assertEquals("logtally.ingest.sources.\"web\".format \"combind\" cannot be used: it is neither a preset"
                + " (combined, common, vhost_combined, json) nor an nginx log_format string, which contains $ before"
                + " each variable", e.getMessage());
    }

    @Test
    void formatWithoutTimeIsRejected() {
        InvalidFormatException e = reject("logtally.ingest.sources.web.paths", "/a.log",
                "logtally.ingest.sources.web.format", "$remote_addr $status");

        assertEquals("logtally.ingest.sources.\"web\".format \"$remote_addr $status\" cannot be used: the format has"
                + " no time variable: add $time_local or $time_iso8601", e.getMessage());
    }

    @Test
    void adjacentVariablesAreRejected() {
        InvalidFormatException e = reject("logtally.ingest.sources.web.paths", "/a.log",
                "logtally.ingest.sources.web.format", "$remote_addr$remote_user [$time_local] $status");

        assertEquals("logtally.ingest.sources.\"web\".format \"$remote_addr$remote_user [$time_local] $status\""
                + " cannot be used: $remote_addr and $remote_user have no text between them, so the end of the"
                + " $remote_addr value cannot be found", e.getMessage());
    }

    @Test
    void jsonFieldsWithoutJsonFormatAreRejected() {
        InvalidFormatException e = reject("logtally.ingest.sources.web.paths", "/a.log",
                "logtally.ingest.sources.web.json-fields.status", "code");

        assertEquals("logtally.ingest.sources.\"web\".format \"combined\" cannot be used: json-fields is set, but"
                + " only the json format uses it", e.getMessage());
    }

    @Test
    void unknownJsonFieldIsRejected() {
        InvalidFormatException e = reject("logtally.ingest.sources.web.paths", "/a.log",
                "logtally.ingest.sources.web.format", "json",
                "logtally.ingest.sources.web.json-fields.time", "ts");

        assertEquals("logtally.ingest.sources.\"web\".format \"json\" cannot be used: unknown JSON field \"time\","
                + " expected one of body_bytes_sent, bytes_sent, http_referer, http_user_agent, http_x_forwarded_for,"
                + " remote_addr, remote_user, request, request_time, status, time_iso8601, time_local,"
                + " upstream_response_time", e.getMessage());
    }

    @Test
    void forwardingWithoutTrustedProxiesIsRejected() {
        InvalidFormatException e = reject("logtally.ingest.sources.web.paths", "/a.log",
                "logtally.ingest.sources.web.client-from-forwarded-for", "true");

        assertEquals("logtally.ingest.sources.\"web\".client-from-forwarded-for is true, but"
                + " logtally.ingest.trusted-proxies is empty, so the right-most address would always be the client:"
                + " list the CIDR ranges of your proxies", e.getMessage());
    }

    @Test
    void invalidTrustedProxyIsRejected() {
        InvalidFormatException e = reject("logtally.ingest.trusted-proxies", "10.0.0.0/8,10.0.0.300/32",
                "logtally.ingest.sources.web.paths", "/a.log");

        assertEquals("logtally.ingest.trusted-proxies: invalid CIDR range \"10.0.0.300/32\": \"10.0.0.300\" is not"
                + " an IPv4 or IPv6 address", e.getMessage());
    }

    @Test
    void forwardedForOnlyFormatNeedsForwarding() {
        InvalidFormatException e = reject("logtally.ingest.sources.web.paths", "/a.log",
                "logtally.ingest.sources.web.format", "$http_x_forwarded_for [$time_local] $status");

        assertEquals("logtally.ingest.sources.\"web\".format \"$http_x_forwarded_for [$time_local] $status\" cannot be"
                + " used: the format has no $remote_addr variable, so the client can only come from"
                + " $http_x_forwarded_for: enable client-from-forwarded-for or add $remote_addr", e.getMessage());
    }
}
