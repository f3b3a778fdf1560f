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
    content   BLOB NOT NULL,
    PRIMARY KEY (import_id, page)
);

-- Like the events they hold, pages are never changed or removed.
CREATE TRIGGER register_event_page_never_updated BEFORE UPDATE ON register_event_page
BEGIN
    SELECT RAISE(ABORT, 'pages of register events are never updated');
END;

CREATE TRIGGER register_event_page_never_deleted BEFORE DELETE ON register_event_page
BEGIN
    SELECT RAISE(ABORT, 'pages of register events are never deleted');
END;
