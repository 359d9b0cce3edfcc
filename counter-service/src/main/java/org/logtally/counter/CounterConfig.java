package org.logtally.counter;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
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

    interface Batch {

        /** Maximum number of messages written in one database transaction. */
        @WithDefault("20")
        int maxMessages();

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
