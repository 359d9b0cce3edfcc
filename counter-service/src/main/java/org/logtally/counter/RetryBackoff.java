package org.logtally.counter;

import java.time.Duration;

/**
 * Exponential backoff between attempts to write a batch: the initial delay after the first failure in a
 * row, doubled after each further failure up to the maximum. One instance serves one consumer, which writes
 * one batch at a time.
 */
final class RetryBackoff {

    private final Duration initial;
    private final Duration max;
    private int failuresInRow;

    RetryBackoff(Duration initial, Duration max) {
        if (initial.isNegative() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("Invalid logtally.counter.retry settings: initial-backoff "
                    + initial + " must not be negative and max-backoff " + max + " must not be less than it");
        }
        this.initial = initial;
        this.max = max;
    }

    static RetryBackoff of(CounterConfig.Retry config) {
        return new RetryBackoff(config.initialBackoff(), config.maxBackoff());
    }

    /** Records a failure and returns the delay before the next attempt. */
    synchronized Duration failed() {
        failuresInRow++;
        Duration delay = initial;
        for (int i = 1; i < failuresInRow && !delay.isZero() && delay.compareTo(max) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(max) > 0 ? max : delay;
    }

    /** Returns the number of failures since the last success. */
    synchronized int failuresInRow() {
        return failuresInRow;
    }

    /** Records a success, so that the next failure waits the initial delay again. */
    synchronized void succeeded() {
        failuresInRow = 0;
    }
}
