-- One unique index on (person_id, content_key) instead of UNIQUE
-- (content_key) and the index on person_id: an event's content key hashes
-- every field, the person included, so the two say the same (issue 6).
ALTER TABLE register_event DROP CONSTRAINT register_event_content_key_key;
DROP INDEX register_event_person;
CREATE UNIQUE INDEX register_event_person_content ON register_event (person_id, content_key);

-- No index of batch lines by person: `explain` finds a person's lines
-- through the primary key with the municipalities the person lived in.
DROP INDEX batch_line_person;
