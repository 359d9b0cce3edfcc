package org.logtally.api;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/** Days from {@code from} to {@code to}, both included. */
public record DateRange(LocalDate from, LocalDate to) {

    /** Returns the number of days in the range, counting both ends. */
    public long days() {
        return ChronoUnit.DAYS.between(from, to) + 1;
    }
}
