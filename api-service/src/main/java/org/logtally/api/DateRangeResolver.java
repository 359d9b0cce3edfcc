package org.logtally.api;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Applies the defaults and limits of {@link ApiConfig} to the requested {@code from} and {@code to}.
 * Created at startup, so that an invalid configuration stops the service before it serves requests.
 */
@Startup
@ApplicationScoped
public class DateRangeResolver {

    private final int maxRangeDays;
    private final int defaultRangeDays;
    private final Clock clock;

    public DateRangeResolver(ApiConfig config, Clock clock) {
        if (config.maxRangeDays() < 1) {
            throw new IllegalStateException(
                    "logtally.api.max-range-days must be at least 1, got " + config.maxRangeDays());
        }
        if (config.defaultRangeDays() < 1 || config.defaultRangeDays() > config.maxRangeDays()) {
            throw new IllegalStateException("logtally.api.default-range-days must be from 1 to "
                    + "logtally.api.max-range-days (" + config.maxRangeDays() + "), got " + config.defaultRangeDays());
        }
        this.maxRangeDays = config.maxRangeDays();
        this.defaultRangeDays = config.defaultRangeDays();
        this.clock = clock;
    }

    /**
     * Resolves the range of a request. A missing {@code to} becomes {@code latestDay}, or today in UTC when
     * there is no data. A missing {@code from} becomes {@code to} minus (default-range-days - 1).
     *
     * @throws InvalidParameterException naming {@code from} when it is after {@code to}, or when the range
     *                                   spans more than max-range-days
     */
    public DateRange resolve(Optional<LocalDate> from, Optional<LocalDate> to, Optional<LocalDate> latestDay) {
        LocalDate end = to.or(() -> latestDay).orElseGet(this::todayInUtc);
        LocalDate start = from.orElseGet(() -> end.minusDays(defaultRangeDays - 1L));
        if (start.isAfter(end)) {
            throw new InvalidParameterException("from", fromAfterToMessage(start, end, to.isPresent()));
        }

        DateRange range = new DateRange(start, end);
        if (range.days() > maxRangeDays) {
            throw new InvalidParameterException("from", "the range from " + start + " to " + end + " spans "
                    + range.days() + " days, more than the maximum of " + maxRangeDays
                    + ". Choose a later from or an earlier to.");
        }
        return range;
    }

    private LocalDate todayInUtc() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    private static String fromAfterToMessage(LocalDate from, LocalDate to, boolean toRequested) {
        if (toRequested) {
            return "from must not be after to, got from " + from + " and to " + to;
        }
        return "from must not be after to, got from " + from + " and no to, which defaults to " + to
                + " (the latest day with data, or today in UTC when there is none). Set to as well.";
    }
}
