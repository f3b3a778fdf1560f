-- Corrections: an event registered in error is withdrawn by a row that
-- repeats its fields under the kind `withdrawn_<kind>` (docs/rules.md, The
-- register). Events stay append-only; the withdrawal is an event too.
--
-- The event column takes the four withdrawals, and a person may now hold a
-- second settlement when the first is withdrawn, so the index that allowed
-- one settled or born row a person goes: the import checks that a person
-- has one entry that counts. SQLite cannot change a CHECK in place, so the
-- table is copied, as 0006 did.
CREATE TABLE register_event_corrected (
    id            INTEGER PRIMARY KEY,
    content_key   TEXT NOT NULL,
    import_id     BIGINT NOT NULL REFERENCES register_import (id),
    source_row    BIGINT NOT NULL,
    event         TEXT NOT NULL CHECK (event IN ('settled', 'born', 'moved', 'exited',
        'withdrawn_settled', 'withdrawn_born', 'withdrawn_moved', 'withdrawn_exited')),
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
INSERT INTO register_event_corrected
    SELECT id, content_key, import_id, source_row, event, event_date, person_id, household_id,
           birth_date, municipality, basis, unaccompanied, country, mother_id
    FROM register_event;
DROP TABLE register_event;
ALTER TABLE register_event_corrected RENAME TO register_event;
CREATE UNIQUE INDEX register_event_person_content ON register_event (person_id, content_key);
CREATE INDEX register_event_person_lower ON register_event (LOWER(person_id));
