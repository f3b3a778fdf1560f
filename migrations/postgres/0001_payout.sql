-- The payout engine: settings, the settlement register and payout batches.
-- Money is integer øre; dates and months are ISO text.

CREATE TABLE setting (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE register_import (
    id           BIGSERIAL PRIMARY KEY,
    file_name    TEXT NOT NULL,
    imported_at  TEXT NOT NULL,
    rows_read    BIGINT NOT NULL,
    events_added BIGINT NOT NULL
);

CREATE TABLE register_event (
    id            BIGSERIAL PRIMARY KEY,
    content_key   TEXT NOT NULL UNIQUE,
    import_id     BIGINT NOT NULL REFERENCES register_import (id),
    source_row    BIGINT NOT NULL,
    event         TEXT NOT NULL CHECK (event IN ('settled', 'born', 'moved', 'exited')),
    event_date    TEXT NOT NULL,
    person_id     TEXT NOT NULL,
    household_id  TEXT,
    birth_date    TEXT,
    municipality  TEXT,
    basis         TEXT,
    unaccompanied TEXT,
    country       TEXT,
    mother_id     TEXT
);
CREATE INDEX register_event_person ON register_event (person_id);
-- A person enters the register once, by settlement or by birth.
CREATE UNIQUE INDEX register_event_one_entry ON register_event (person_id)
    WHERE event IN ('settled', 'born');

CREATE TABLE batch (
    id                  BIGSERIAL PRIMARY KEY,
    period              TEXT NOT NULL,
    run_number          BIGINT NOT NULL CHECK (run_number >= 1),
    computed_at         TEXT NOT NULL,
    content_hash        TEXT NOT NULL,
    line_count          BIGINT NOT NULL,
    total_ore           BIGINT NOT NULL,
    weakest_rate_status TEXT NOT NULL,
    register_events     BIGINT NOT NULL,
    UNIQUE (period, run_number)
);

CREATE TABLE batch_line (
    batch_id     BIGINT NOT NULL REFERENCES batch (id),
    municipality TEXT NOT NULL,
    grant_code   TEXT NOT NULL,
    -- Empty for the base grant, which belongs to the municipality.
    person_id    TEXT NOT NULL,
    amount_ore   BIGINT NOT NULL CHECK (amount_ore <> 0),
    PRIMARY KEY (batch_id, municipality, grant_code, person_id)
);
CREATE INDEX batch_line_person ON batch_line (person_id);
