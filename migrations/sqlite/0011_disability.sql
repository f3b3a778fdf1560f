-- The disability grant on application (rules R14–R19). An application is
-- identified by its reference; the same reference with other content is
-- refused. Every decision is kept; the latest is the one in force.
CREATE TABLE disability_application (
    reference                    TEXT PRIMARY KEY,
    municipality                 TEXT NOT NULL,
    person_id                    TEXT NOT NULL,
    grant_number                 BIGINT NOT NULL CHECK (grant_number IN (1, 2)),
    grant_year                   BIGINT NOT NULL CHECK (grant_year >= 1),
    documented_ore               BIGINT,
    originated_before_settlement TEXT NOT NULL,
    special_agreement            TEXT NOT NULL,
    received                     TEXT NOT NULL,
    extended_until               TEXT,
    content_hash                 TEXT NOT NULL,
    source                       TEXT NOT NULL,
    imported_at                  TEXT NOT NULL
);
CREATE INDEX disability_application_person ON disability_application (person_id);

CREATE TABLE disability_decision (
    id          INTEGER PRIMARY KEY,
    reference   TEXT NOT NULL REFERENCES disability_application (reference),
    decision    TEXT NOT NULL,
    amount_ore  BIGINT NOT NULL CHECK (amount_ore >= 0),
    reason      TEXT NOT NULL,
    decided_on  TEXT NOT NULL,
    decided_by  TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);
CREATE INDEX disability_decision_reference ON disability_decision (reference);
