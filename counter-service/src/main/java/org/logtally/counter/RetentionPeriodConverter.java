package org.logtally.counter;

import org.eclipse.microprofile.config.spi.Converter;

import java.time.Period;
import java.time.format.DateTimeParseException;

/**
 * Converts {@code logtally.counter.retention.raw-events}: an ISO-8601 period such as {@code P13M}, or a whole
 * number of months such as {@code 13}. The period must be longer than zero.
 */
public class RetentionPeriodConverter implements Converter<Period> {

    @Override
    public Period convert(String value) {
        String setting = value.strip();
        Period period;
        try {
            period = setting.chars().allMatch(Character::isDigit) && !setting.isEmpty()
                    ? Period.ofMonths(Integer.parseInt(setting))
                    : Period.parse(setting);
        } catch (DateTimeParseException | NumberFormatException e) {
            throw invalid(value, "it is not a period");
        }
        if (period.isNegative() || period.isZero()) {
            throw invalid(value, "it must be longer than zero");
        }
        return period;
    }

    private static IllegalArgumentException invalid(String value, String reason) {
        return new IllegalArgumentException("Invalid logtally.counter.retention.raw-events '" + value + "': "
                + reason + ". Set an ISO-8601 period such as P13M or P2Y, a number of months such as 13, or leave "
                + "it unset to keep raw events forever.");
    }
}
