package org.logtally.counter;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Builds the {@link CountingRules} from the configuration, which fails start-up on an invalid time zone. */
@Singleton
public class CountingRulesProducer {

    @Produces
    @Singleton
    CountingRules countingRules(CounterConfig config) {
        CountingRules rules = new CountingRules(
                CountingRules.parseTimeZone(config.timeZone().orElse("")),
                config.visitors().includeClientErrors(),
                config.visitors().includeBots());
        String days = rules.timeZone()
                .map(zone -> "the calendar date in " + zone.getId())
                .orElse("the date written on each line, in its own UTC offset");
        CounterLog.LOG.countingRules(days, rules.includeClientErrors() ? "included in" : "excluded from",
                rules.includeBots() ? "included in" : "excluded from");
        return rules;
    }
}
