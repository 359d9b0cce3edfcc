-- Every parsed line occurrence, stored once. The raw line is kept so that any later
-- analysis can be rerun from the database alone.
CREATE TABLE raw_event (
    event_id     uuid        PRIMARY KEY,
    site         text        NOT NULL,
    file         text        NOT NULL,
    file_offset  bigint      NOT NULL,
    request_time timestamptz NOT NULL,
    -- The time exactly as the event carried it, with the line's own UTC offset.
    time_text    text        NOT NULL,
    day          date        NOT NULL,
    client       text        NOT NULL,
    remote_user  text,
    method       text,
    path         text,
    protocol     text,
    status       integer     NOT NULL,
    bytes        bigint      NOT NULL,
    referer      text,
    user_agent   text,
    raw          bytea       NOT NULL,
    received_at  timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX raw_event_site_day ON raw_event (site, day);

-- The distinct visitors of each site and day. A visitor is a hash of the client address
-- and the user agent; only requests that count towards visitors add a row.
CREATE TABLE daily_visitor (
    site    text  NOT NULL,
    day     date  NOT NULL,
    visitor bytea NOT NULL,
    PRIMARY KEY (site, day, visitor)
);

-- Totals per site and day, kept up to date from the newly inserted raw events.
CREATE TABLE daily_total (
    site     text   NOT NULL,
    day      date   NOT NULL,
    hits     bigint NOT NULL,
    visitors bigint NOT NULL,
    bytes    bigint NOT NULL,
    PRIMARY KEY (site, day)
);

-- Lines that ingest-service could not parse, kept for operators to read.
CREATE TABLE rejected_line (
    line_id     uuid        PRIMARY KEY,
    site        text        NOT NULL,
    file        text        NOT NULL,
    file_offset bigint      NOT NULL,
    reason      text        NOT NULL,
    raw         bytea       NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now()
);

-- Messages whose body is not a valid batch, kept for operators to read. They are
-- acknowledged after they are stored here, so they cannot block their queue. The body
-- is in body_text when it is valid UTF-8 without NUL characters, and in body_base64
-- otherwise. A body that arrives again on the same address is stored only once.
CREATE TABLE invalid_message (
    address     text        NOT NULL,
    body_sha256 bytea       NOT NULL,
    message_id  text,
    reason      text        NOT NULL,
    body_text   text,
    body_base64 text,
    received_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (address, body_sha256),
    CHECK ((body_text IS NULL) <> (body_base64 IS NULL))
);
