package org.logtally.event;

/**
 * AMQP 1.0 addresses shared by the services. Both are anycast queues, so several
 * counter instances share the messages of one address instead of each getting a copy.
 */
public final class Addresses {

    /** Queue of {@link EventBatch} messages: parsed access log lines. */
    public static final String EVENTS = "logtally.events";

    /** Queue of {@link RejectedBatch} messages: lines that did not parse, with the reason. */
    public static final String REJECTED = "logtally.rejected";

    private Addresses() {
    }
}
