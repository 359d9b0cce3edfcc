package org.logtally.counter;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Objects;

/**
 * Remembers visitor rows that this instance saw committed, so that it can leave them out of later inserts.
 *
 * <p>A visitor row counts a visitor once per site, day and, in {@code daily_breakdown_visitor}, value. Most
 * requests come from a visitor who was counted earlier that day, so most of the rows that a batch would insert
 * exist already, and {@code ON CONFLICT DO NOTHING} would skip them after an index lookup each. A row remembered
 * here is known to exist, because it is added only after the transaction that inserted it, or found it, has
 * committed, and the service never deletes rows from these tables. Leaving it out therefore changes no count. A row that is not
 * remembered, because it was evicted or another instance wrote it, is sent to the database as before.
 *
 * <p>Each remembered row takes about 150 to 250 bytes of heap, depending on the length of its value.
 */
@Singleton
class KnownRows {

    /**
     * Key of one visitor row: its table, dimension and value (both {@code null} outside
     * {@code daily_breakdown_visitor}), site, day and the two halves of the 16-byte visitor hash. Each key is hashed
     * several times per batch, so its hash code is computed once, in the constructor. The day is kept as its epoch
     * day, so that comparing with a remembered key reads one object less from memory.
     */
    static final class Key implements Comparable<Key> {

        private final String table;
        private final Dimension dimension;
        private final String value;
        private final String site;
        private final long epochDay;
        private final long visitorHigh;
        private final long visitorLow;
        private final int hash;

        Key(String table, Dimension dimension, String value, String site, LocalDate day, long visitorHigh,
                long visitorLow) {
            this.table = table;
            this.dimension = dimension;
            this.value = value;
            this.site = site;
            this.epochDay = day.toEpochDay();
            this.visitorHigh = visitorHigh;
            this.visitorLow = visitorLow;
            int code = table.hashCode();
            code = 31 * code + (dimension == null ? -1 : dimension.ordinal());
            code = 31 * code + Objects.hashCode(value);
            code = 31 * code + site.hashCode();
            code = 31 * code + Long.hashCode(epochDay);
            code = 31 * code + Long.hashCode(visitorHigh);
            this.hash = 31 * code + Long.hashCode(visitorLow);
        }

        String table() {
            return table;
        }

        Dimension dimension() {
            return dimension;
        }

        String value() {
            return value;
        }

        String site() {
            return site;
        }

        LocalDate day() {
            return LocalDate.ofEpochDay(epochDay);
        }

        /** Returns the 16-byte visitor hash. */
        byte[] visitor() {
            return ByteBuffer.allocate(16).putLong(visitorHigh).putLong(visitorLow).array();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && hash == key.hash && visitorHigh == key.visitorHigh
                    && visitorLow == key.visitorLow && epochDay == key.epochDay && table.equals(key.table)
                    && dimension == key.dimension && Objects.equals(value, key.value) && site.equals(key.site);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        /**
         * Compares in the order in which a transaction inserts visitor rows, the same in every instance: by table,
         * dimension name, value, site, day and visitor hash, comparing the hash as unsigned bytes.
         */
        @Override
        public int compareTo(Key other) {
            int order = table.compareTo(other.table);
            if (order == 0) {
                order = columnValue(dimension).compareTo(columnValue(other.dimension));
            }
            if (order == 0) {
                order = (value == null ? "" : value).compareTo(other.value == null ? "" : other.value);
            }
            if (order == 0) {
                order = site.compareTo(other.site);
            }
            if (order == 0) {
                order = Long.compare(epochDay, other.epochDay);
            }
            if (order == 0) {
                order = Long.compareUnsigned(visitorHigh, other.visitorHigh);
            }
            return order != 0 ? order : Long.compareUnsigned(visitorLow, other.visitorLow);
        }

        private static String columnValue(Dimension dimension) {
            return dimension == null ? "" : dimension.columnValue();
        }
    }

    static final String VISITORS = "daily_visitor";
    static final String BOT_VISITORS = "daily_bot_visitor";
    private static final String BREAKDOWN_VISITORS = "daily_breakdown_visitor";

    private final Cache<Key, Boolean> keys;

    @Inject
    KnownRows(CounterConfig config) {
        this(config.knownRows().cacheSize());
    }

    /** @param capacity maximum number of keys; 0 remembers nothing */
    KnownRows(long capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("Invalid logtally.counter.known-rows.cache-size " + capacity
                    + ": set it to 0 or more");
        }
        this.keys = capacity > 0 ? Caffeine.newBuilder().maximumSize(capacity).build() : null;
    }

    boolean contains(Key key) {
        return keys != null && keys.getIfPresent(key) != null;
    }

    /** Remembers rows whose transaction has committed. */
    void addCommitted(Collection<Key> committed) {
        if (keys == null) {
            return;
        }
        for (Key key : committed) {
            keys.put(key, Boolean.TRUE);
        }
    }

    /** Returns the key of a row of {@code daily_visitor} or {@code daily_bot_visitor}. */
    static Key visitor(String table, String site, LocalDate day, byte[] visitor) {
        return key(table, null, null, site, day, visitor);
    }

    /** Returns the key of a row of {@code daily_breakdown_visitor}. */
    static Key breakdown(Dimension dimension, String value, String site, LocalDate day, byte[] visitor) {
        return key(BREAKDOWN_VISITORS, dimension, value, site, day, visitor);
    }

    private static Key key(String table, Dimension dimension, String value, String site, LocalDate day,
            byte[] visitor) {
        ByteBuffer hash = ByteBuffer.wrap(visitor);
        return new Key(table, dimension, value, site, day, hash.getLong(0), hash.getLong(8));
    }
}
