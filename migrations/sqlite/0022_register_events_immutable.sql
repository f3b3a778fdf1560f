-- Register events are never changed or removed, as postings and imports
-- are not: an event registered in error is withdrawn by a later event
-- (0021, docs/rules.md "Corrections"), so what was paid on it stays
-- explained.
CREATE TRIGGER register_event_never_updated BEFORE UPDATE ON register_event
BEGIN
    SELECT RAISE(ABORT, 'register events are never updated: withdraw an event registered in error');
END;

CREATE TRIGGER register_event_never_deleted BEFORE DELETE ON register_event
BEGIN
    SELECT RAISE(ABORT, 'register events are never deleted: withdraw an event registered in error');
END;
