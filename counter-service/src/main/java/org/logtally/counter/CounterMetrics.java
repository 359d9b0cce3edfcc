package org.logtally.counter;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import org.logtally.event.Addresses;

import java.util.Map;

/**
 * Micrometer counters of the service. In the Prometheus output the dots become underscores and the names
 * end in {@code _total}.
 */
@Singleton
public class CounterMetrics {

    private final Counter eventsInserted;
    private final Counter eventsDuplicate;
    private final Counter eventsExpired;
    private final Counter rejectedLinesInserted;
    private final Counter rejectedLinesDuplicate;
    private final Map<String, Counter> batchesFailed;
    private final Map<String, Counter> messagesInvalid;

    public CounterMetrics(MeterRegistry registry) {
        eventsInserted = Counter.builder("logtally.counter.events.inserted")
                .description("Events stored in raw_event for the first time")
                .register(registry);
        eventsDuplicate = Counter.builder("logtally.counter.events.duplicates")
                .description("Events skipped because raw_event already contains their id")
                .register(registry);
        eventsExpired = Counter.builder("logtally.counter.events.expired")
                .description("Events older than the raw event retention, stored in rejected_line and not counted")
                .register(registry);
        rejectedLinesInserted = Counter.builder("logtally.counter.rejected.inserted")
                .description("Rejected lines stored in rejected_line for the first time")
                .register(registry);
        rejectedLinesDuplicate = Counter.builder("logtally.counter.rejected.duplicates")
                .description("Rejected lines skipped because rejected_line already contains their id")
                .register(registry);
        batchesFailed = Map.of(
                Addresses.EVENTS, batchesFailed(registry, Addresses.EVENTS),
                Addresses.REJECTED, batchesFailed(registry, Addresses.REJECTED));
        messagesInvalid = Map.of(
                Addresses.EVENTS, messagesInvalid(registry, Addresses.EVENTS),
                Addresses.REJECTED, messagesInvalid(registry, Addresses.REJECTED));
    }

    private static Counter batchesFailed(MeterRegistry registry, String address) {
        return Counter.builder("logtally.counter.batches.failed")
                .description("Batches whose database transaction failed and that were released for redelivery")
                .tag("address", address)
                .register(registry);
    }

    private static Counter messagesInvalid(MeterRegistry registry, String address) {
        return Counter.builder("logtally.counter.messages.invalid")
                .description("Messages whose body is not a valid batch, kept in invalid_message")
                .tag("address", address)
                .register(registry);
    }

    void eventsStored(long inserted, long duplicates) {
        eventsInserted.increment(inserted);
        eventsDuplicate.increment(duplicates);
    }

    void eventsExpired(long expired) {
        eventsExpired.increment(expired);
    }

    void rejectedLinesStored(long inserted, long duplicates) {
        rejectedLinesInserted.increment(inserted);
        rejectedLinesDuplicate.increment(duplicates);
    }

    void batchFailed(String address) {
        batchesFailed.get(address).increment();
    }

    void invalidMessages(String address, int count) {
        messagesInvalid.get(address).increment(count);
    }
}
