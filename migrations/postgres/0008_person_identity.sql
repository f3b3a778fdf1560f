-- Ids that differ only in case are one person: the import looks persons up
-- by their lower-case id.
CREATE INDEX register_event_person_lower ON register_event (LOWER(person_id));
