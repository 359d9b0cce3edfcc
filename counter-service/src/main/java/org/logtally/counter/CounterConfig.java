package org.logtally.counter;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Period;
import java.util.Optional;

/** Settings of the counter service, under {@code logtally.counter.}. */
@ConfigMapping(prefix = "logtally.counter")
public interface CounterConfig {

    /** Grouping of incoming messages into database transactions. */
    Batch batch();

    /** Rules for counting unique visitors. */
    Visitors visitors();

    /**
     * IANA time zone id, such as {@code Europe/Berlin}, whose calendar date is the day of a request. When it is
     * empty, the day is the date written on the line, in the line's own UTC offset.
     */
    Optional<String> timeZone();

    /** Delay before a batch whose transaction failed is released for redelivery. */
    Retry retry();

    /** Normalisation of request paths for the paths breakdown. */
    Paths paths();

    /** Country lookup of client addresses for the countries breakdown. */
    Geoip geoip();

    /** Parsing of user agents into browser, operating system and device class. */
    UserAgents userAgents();

    /** Memory of the visitor rows that are committed already. */
    KnownRows knownRows();

    /** How long stored rows are kept. */
    Retention retention();

    interface Batch {

        /** Maximum number of messages written in one database transaction. */
        @WithDefault("20")
        int maxMessages();

        /**
         * Maximum number of batches that one instance handles at the same time, each in its own transaction. With
         * 2, the next batch is decoded while the previous one is written.
         */
        @WithDefault("2")
        int concurrency();

        /** Maximum time that a received message waits for more messages before its batch is written. */
        @WithDefault("100ms")
        Duration maxWait();
    }

    interface Visitors {

        /**
         * Whether requests with a 4xx status count towards unique visitors. GoAccess leaves them out by default,
         * and so does this service.
         */
        @WithDefault("false")
        boolean includeClientErrors();

        /**
         * Whether requests from bots count towards unique visitors. A bot is a crawler, script or other automated
         * client by the Yauaa device class of its user agent, and a request without a user agent is one too.
         * Bots always count towards hits and towards the separate bot visitors.
         */
        @WithDefault("false")
        boolean includeBots();
    }

    interface Paths {

        /** Whether the paths breakdown keeps the query string, so /a?x=1 and /a?x=2 are separate values. */
        @WithDefault("false")
        boolean keepQueryString();
    }

    interface Geoip {

        /**
         * Path of a GeoIP country database in the MaxMind DB format (.mmdb). When it is not set, every client
         * counts in country ZZ (unknown). A path that does not exist or is not a valid database fails start-up.
         */
        Optional<Path> database();
    }

    interface KnownRows {

        /**
         * Maximum number of visitor rows (of {@code daily_visitor}, {@code daily_bot_visitor} and
         * {@code daily_breakdown_visitor}) that the service remembers as committed, so that it does not send them
         * to the database again. Each takes about 150 to 250 bytes of heap. 0 turns the memory off.
         */
        @WithDefault("200000")
        long cacheSize();
    }

    interface UserAgents {

        /** Maximum number of distinct user-agent strings whose parsed result is kept in memory. */
        @WithDefault("10000")
        int cacheSize();
    }

    interface Retention {

        /**
         * Minimum age, counted back from today in UTC, of the raw events that are kept: a {@link Period} such as
         * {@code P13M} or {@code P2Y}, or a whole number of months such as {@code 13}. Whole months of
         * {@code raw_event} that lie entirely before that age are dropped, and events of those months that arrive
         * later are stored in {@code rejected_line} without being counted. When it is not set, raw events are
         * kept forever. The daily totals, visitors and breakdowns are always kept.
         */
        @WithConverter(RetentionPeriodConverter.class)
        Optional<Period> rawEvents();
    }

    interface Retry {

        /** Delay after the first failed transaction in a row. Each further failure doubles it. */
        @WithDefault("1s")
        Duration initialBackoff();

        /** Maximum delay between two attempts. */
        @WithDefault("30s")
        Duration maxBackoff();
    }
}
