-- Vouchers and register imports are never changed or removed, like their
-- postings and events (PostgreSQL's 0017 says why it now needs this: the
-- references to them are checked per statement there). SQLite keeps its
-- foreign keys.
CREATE TRIGGER voucher_never_updated BEFORE UPDATE ON voucher
BEGIN
    SELECT RAISE(ABORT, 'vouchers are never updated: post a correcting voucher');
END;

CREATE TRIGGER voucher_never_deleted BEFORE DELETE ON voucher
BEGIN
    SELECT RAISE(ABORT, 'vouchers are never deleted: post a correcting voucher');
END;

CREATE TRIGGER register_import_never_updated BEFORE UPDATE ON register_import
BEGIN
    SELECT RAISE(ABORT, 'register imports are never updated');
END;

CREATE TRIGGER register_import_never_deleted BEFORE DELETE ON register_import
BEGIN
    SELECT RAISE(ABORT, 'register imports are never deleted');
END;
