package org.logtally.counter;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Comparator;

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
     * {@code daily_breakdown_visitor}), site, day and the two halves of the 16-byte visitor hash.
     */
    record Key(String table, Dimension dimension, String value, String site, LocalDate day, long visitorHigh,
            long visitorLow) {

        /** Returns the 16-byte visitor hash. */
        byte[] visitor() {
            return ByteBuffer.allocate(16).putLong(visitorHigh).putLong(visitorLow).array();
        }
    }

    /**
     * The order in which a transaction inserts visitor rows, the same in every instance: by table, dimension name,
     * value, site, day and visitor hash, comparing the hash as unsigned bytes.
     */
    static final Comparator<Key> INSERT_ORDER = Comparator.comparing(Key::table)
            .thenComparing(key -> key.dimension() == null ? "" : key.dimension().columnValue())
            .thenComparing(key -> key.value() == null ? "" : key.value())
            .thenComparing(Key::site)
            .thenComparing(Key::day)
            .thenComparing(Key::visitorHigh, Long::compareUnsigned)
            .thenComparing(Key::visitorLow, Long::compareUnsigned);

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
