-- Breakdowns per site and day, and bot counts. Like the totals, they are kept up to date
-- from the newly inserted raw events only, in the same transaction.

-- The values that the user-agent analyser and the GeoIP database gave each event when it was
-- counted. A later analyser or database version can classify the same line differently, so
-- these columns keep the breakdowns reproducible from raw_event alone. They are null for
-- events stored before this migration.
ALTER TABLE raw_event
    ADD COLUMN country          text,
    ADD COLUMN browser          text,
    ADD COLUMN operating_system text,
    ADD COLUMN device_class     text;

-- Requests from bots and the distinct bot visitors of each day. hits keeps counting every
-- request, and visitors counts bots only when logtally.counter.visitors.include-bots is set.
ALTER TABLE daily_total
    ADD COLUMN bot_hits     bigint NOT NULL DEFAULT 0,
    ADD COLUMN bot_visitors bigint NOT NULL DEFAULT 0;

-- The distinct bot visitors of each site and day, with the same hash as daily_visitor.
CREATE TABLE daily_bot_visitor (
    site    text  NOT NULL,
    day     date  NOT NULL,
    visitor bytea NOT NULL,
    PRIMARY KEY (site, day, visitor)
);

-- Hits and distinct visitors per value of one dimension (status, paths, referrers,
-- countries, browsers, os, devices) on one site and day. visitors follows the same rule as
-- daily_total.visitors.
CREATE TABLE daily_breakdown (
    site      text   NOT NULL,
    day       date   NOT NULL,
    dimension text   NOT NULL,
    value     text   NOT NULL,
    hits      bigint NOT NULL,
    visitors  bigint NOT NULL,
    PRIMARY KEY (site, day, dimension, value)
);

-- Serves the breakdowns of all sites, which cannot use the primary key's leading site.
CREATE INDEX daily_breakdown_dimension_day ON daily_breakdown (dimension, day);

-- The distinct visitors per value, so that a visitor counts once per value and day, and
-- once over a range of days. The key starts with dimension and value because the API counts
-- the visitors of a few top values over a range, with or without a site.
CREATE TABLE daily_breakdown_visitor (
    dimension text  NOT NULL,
    value     text  NOT NULL,
    site      text  NOT NULL,
    day       date  NOT NULL,
    visitor   bytea NOT NULL,
    PRIMARY KEY (dimension, value, site, day, visitor)
);
