-- Partitions raw_event by month of day, so that logtally.counter.retention.raw-events can drop
-- whole months of raw events with DROP TABLE. The daily totals, visitors and breakdowns are
-- separate tables and are never dropped.
--
-- Each partition is named raw_event_YYYY_MM and contains the days from the first of that month up
-- to, but not including, the first of the next month. The service creates the partition of a
-- month before it inserts the first event of that month, and the retention job finds the
-- partitions to drop by these names. There is no DEFAULT partition, because rows in it could
-- not be dropped by month.
--
-- PostgreSQL requires the primary key of a partitioned table to contain the partition key, so
-- the key is (event_id, day). The day of an event is derived from its time and the
-- logtally.counter.time-zone setting, so a redelivered event has the same key as long as that
-- setting is unchanged.

ALTER TABLE raw_event RENAME TO raw_event_unpartitioned;
ALTER TABLE raw_event_unpartitioned RENAME CONSTRAINT raw_event_pkey TO raw_event_unpartitioned_pkey;
ALTER INDEX raw_event_site_day RENAME TO raw_event_unpartitioned_site_day;

CREATE TABLE raw_event (
    event_id         uuid        NOT NULL,
    site             text        NOT NULL,
    file             text        NOT NULL,
    file_offset      bigint      NOT NULL,
    request_time     timestamptz NOT NULL,
    -- The time exactly as the event carried it, with the line's own UTC offset.
    time_text        text        NOT NULL,
    day              date        NOT NULL,
    client           text        NOT NULL,
    remote_user      text,
    method           text,
    path             text,
    protocol         text,
    status           integer     NOT NULL,
    bytes            bigint      NOT NULL,
    referer          text,
    user_agent       text,
    raw              bytea       NOT NULL,
    received_at      timestamptz NOT NULL DEFAULT now(),
    country          text,
    browser          text,
    operating_system text,
    device_class     text,
    PRIMARY KEY (event_id, day)
) PARTITION BY RANGE (day);

CREATE INDEX raw_event_site_day ON raw_event (site, day);

-- One partition for each month that the existing rows need. A new database has no rows, so
-- this creates none.
DO $$
DECLARE
    month date;
BEGIN
    FOR month IN SELECT DISTINCT date_trunc('month', day)::date FROM raw_event_unpartitioned LOOP
        EXECUTE format('CREATE TABLE %I PARTITION OF raw_event FOR VALUES FROM (%L) TO (%L)',
                'raw_event_' || to_char(month, 'YYYY_MM'), month, (month + interval '1 month')::date);
    END LOOP;
END
$$;

INSERT INTO raw_event (event_id, site, file, file_offset, request_time, time_text, day, client, remote_user,
        method, path, protocol, status, bytes, referer, user_agent, raw, received_at, country, browser,
        operating_system, device_class)
SELECT event_id, site, file, file_offset, request_time, time_text, day, client, remote_user, method, path,
        protocol, status, bytes, referer, user_agent, raw, received_at, country, browser, operating_system,
        device_class
FROM raw_event_unpartitioned;

DROP TABLE raw_event_unpartitioned;
