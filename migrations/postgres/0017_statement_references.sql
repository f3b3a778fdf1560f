-- A posting still refers to a voucher and an account that exist, and an
-- event to its import, but PostgreSQL now checks that once per statement,
-- over all the rows it inserted, instead of once per row (issue 16). A
-- payment at ten times the report's volume posts a million postings; the
-- two per-row foreign-key checks were most of PostgreSQL's time for them
-- (psql \copy of those postings: 12.4 s with both keys, 3.7 s with
-- neither), and an import's per-row check took 5 µs of every event's 18.
-- SQLite keeps its foreign keys: they cost it little.
--
-- What a foreign key also guaranteed is kept by triggers: a voucher and an
-- import are never changed or removed (like postings and events), and an
-- account that has postings is neither removed nor renamed. The statement check locks the
-- accounts it refers to (FOR KEY SHARE, as a foreign key does), so that a
-- concurrent removal waits for this transaction.
ALTER TABLE posting DROP CONSTRAINT posting_voucher_id_fkey;
ALTER TABLE posting DROP CONSTRAINT posting_account_fkey;

CREATE FUNCTION posting_references_exist() RETURNS trigger AS $$
DECLARE
    missing TEXT;
BEGIN
    PERFORM 1 FROM account
     WHERE account IN (SELECT DISTINCT account FROM new_postings)
       FOR KEY SHARE;
    SELECT n.account INTO missing
      FROM new_postings n LEFT JOIN account a ON a.account = n.account
     WHERE a.account IS NULL LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'foreign_key_violation',
            MESSAGE = format('a posting refers to account %s, which does not exist', missing);
    END IF;
    -- One index probe per voucher (a subplan, never a join: a hash join
    -- would read the whole voucher table at every statement).
    SELECT d.voucher_id::text INTO missing
      FROM (SELECT DISTINCT voucher_id FROM new_postings) d
     WHERE (SELECT v.id FROM voucher v WHERE v.id = d.voucher_id) IS NULL
     LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'foreign_key_violation',
            MESSAGE = format('a posting refers to voucher %s, which does not exist', missing);
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER posting_references AFTER INSERT ON posting
    REFERENCING NEW TABLE AS new_postings
    FOR EACH STATEMENT EXECUTE FUNCTION posting_references_exist();

CREATE FUNCTION voucher_is_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'vouchers are never updated or deleted: post a correcting voucher';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER voucher_never_changed BEFORE UPDATE OR DELETE ON voucher
    FOR EACH ROW EXECUTE FUNCTION voucher_is_append_only();

CREATE FUNCTION account_in_use_kept() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.account = OLD.account THEN
        RETURN NEW;
    END IF;
    IF EXISTS (SELECT 1 FROM posting WHERE account = OLD.account) THEN
        RAISE EXCEPTION USING ERRCODE = 'foreign_key_violation',
            MESSAGE = format('account %s has postings: it is neither removed nor renamed', OLD.account);
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER account_in_use BEFORE DELETE OR UPDATE OF account ON account
    FOR EACH ROW EXECUTE FUNCTION account_in_use_kept();

ALTER TABLE register_event DROP CONSTRAINT register_event_import_id_fkey;

CREATE FUNCTION register_event_import_exists() RETURNS trigger AS $$
DECLARE
    missing TEXT;
BEGIN
    SELECT d.import_id::text INTO missing
      FROM (SELECT DISTINCT import_id FROM new_events) d
     WHERE (SELECT i.id FROM register_import i WHERE i.id = d.import_id) IS NULL
     LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'foreign_key_violation',
            MESSAGE = format('an event refers to import %s, which does not exist', missing);
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER register_event_import AFTER INSERT ON register_event
    REFERENCING NEW TABLE AS new_events
    FOR EACH STATEMENT EXECUTE FUNCTION register_event_import_exists();

CREATE FUNCTION register_import_is_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'register imports are never updated or deleted';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER register_import_never_changed BEFORE UPDATE OR DELETE ON register_import
    FOR EACH ROW EXECUTE FUNCTION register_import_is_append_only();
