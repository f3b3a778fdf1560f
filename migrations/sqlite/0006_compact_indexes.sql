-- Fewer and smaller B-trees for the two largest tables (issue 6, measured
-- with perf on a 508 000-event import: index inserts were the largest cost).
--
-- register_event: an event's content key hashes every field, the person
-- included, so the same content is always the same person: one unique index
-- on (person_id, content_key) does the work of UNIQUE (content_key) and of
-- the index on person_id, which the import and `explain` look events up by.
CREATE TABLE register_event_compact (
    id            INTEGER PRIMARY KEY,
    content_key   TEXT NOT NULL,
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
INSERT INTO register_event_compact
    SELECT id, content_key, import_id, source_row, event, event_date, person_id, household_id,
           birth_date, municipality, basis, unaccompanied, country, mother_id
    FROM register_event;
DROP TABLE register_event;
ALTER TABLE register_event_compact RENAME TO register_event;
CREATE UNIQUE INDEX register_event_person_content ON register_event (person_id, content_key);
-- A person enters the register once, by settlement or by birth.
CREATE UNIQUE INDEX register_event_one_entry ON register_event (person_id)
    WHERE event IN ('settled', 'born');

-- batch_line: stored in its primary key's order (no separate rowid tree).
CREATE TABLE batch_line_compact (
    batch_id     BIGINT NOT NULL REFERENCES batch (id),
    municipality TEXT NOT NULL,
    grant_code   TEXT NOT NULL,
    -- Empty for the base grant, which belongs to the municipality.
    person_id    TEXT NOT NULL,
    amount_ore   BIGINT NOT NULL CHECK (amount_ore <> 0),
    PRIMARY KEY (batch_id, municipality, grant_code, person_id)
) WITHOUT ROWID;
INSERT INTO batch_line_compact
    SELECT batch_id, municipality, grant_code, person_id, amount_ore FROM batch_line;
DROP TABLE batch_line;
ALTER TABLE batch_line_compact RENAME TO batch_line;
-- No index by person: `explain` finds a person's lines through the primary
-- key with the municipalities the person lived in, and the person index
-- made every batch's storage slower as the table grew.
