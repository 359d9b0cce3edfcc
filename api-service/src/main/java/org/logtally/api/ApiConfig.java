package org.logtally.api;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the daily totals API, under {@code logtally.api.}. */
@ConfigMapping(prefix = "logtally.api")
public interface ApiConfig {

    /** Maximum number of days, both ends included, that one request for daily totals may span. */
    @WithDefault("366")
    int maxRangeDays();

    /**
     * Number of days, both ends included, that a request without {@code from} covers. It must not be
     * more than {@link #maxRangeDays()}.
     */
    @WithDefault("31")
    int defaultRangeDays();
}
