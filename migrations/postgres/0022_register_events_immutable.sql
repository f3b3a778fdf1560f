-- Register events are never changed or removed, as postings and imports
-- are not: an event registered in error is withdrawn by a later event
-- (0021, docs/rules.md "Corrections"), so what was paid on it stays
-- explained. TRUNCATE is refused too (row triggers do not see it).
CREATE FUNCTION register_event_is_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'register events are never updated or deleted: withdraw an event registered in error';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER register_event_never_changed BEFORE UPDATE OR DELETE ON register_event
    FOR EACH ROW EXECUTE FUNCTION register_event_is_append_only();

CREATE TRIGGER register_event_never_truncated BEFORE TRUNCATE ON register_event
    FOR EACH STATEMENT EXECUTE FUNCTION register_event_is_append_only();
