-- The register's events as pages of bytes beside their rows (issue 16,
-- src/db/event_pages.rs): an import writes both in one transaction, and
-- rebuilding the register reads a few dozen pages instead of a row per
-- event. The rows stay the register; pages are read only while they hold
-- exactly as many events as the rows, and `tilskot check` compares them.
-- Imports stored before this migration have no pages: such a database
-- reads its rows, as before.
CREATE TABLE register_event_page (
    import_id BIGINT NOT NULL REFERENCES register_import (id),
    page      BIGINT NOT NULL,
    format    BIGINT NOT NULL,
    events    BIGINT NOT NULL,
    content   BYTEA NOT NULL,
    PRIMARY KEY (import_id, page)
);

-- Read whole on every rebuild: compressed with lz4 where the server has
-- it, stored uncompressed otherwise (as in 0019).
DO $$
BEGIN
    ALTER TABLE register_event_page ALTER COLUMN content SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN
    ALTER TABLE register_event_page ALTER COLUMN content SET STORAGE EXTERNAL;
END
$$;

-- Like the events they hold, pages are never changed or removed (the
-- function of 0022 refuses it).
CREATE TRIGGER register_event_page_never_changed BEFORE UPDATE OR DELETE ON register_event_page
    FOR EACH ROW EXECUTE FUNCTION register_event_is_append_only();

CREATE TRIGGER register_event_page_never_truncated BEFORE TRUNCATE ON register_event_page
    FOR EACH STATEMENT EXECUTE FUNCTION register_event_is_append_only();
