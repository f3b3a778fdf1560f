-- The double-entry ledger: accounts, budget lines, allocations, vouchers and
-- postings. Postings are never updated or deleted; a correction is a new voucher.

CREATE TABLE account (
    account    TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    grp        TEXT NOT NULL,
    -- The statement line; for balance accounts 'treasury-line|note8-line'.
    line       TEXT NOT NULL
);

CREATE TABLE budget_line (
    chapter      TEXT NOT NULL,
    post         TEXT NOT NULL,
    chapter_name TEXT NOT NULL,
    post_text    TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('expense', 'income')),
    transferable TEXT NOT NULL CHECK (transferable IN ('true', 'false')),
    notes        TEXT NOT NULL,
    -- The order of the budget file, which the statements keep.
    position     BIGINT NOT NULL,
    PRIMARY KEY (chapter, post)
);

CREATE TABLE allocation (
    year            BIGINT NOT NULL,
    chapter         TEXT NOT NULL,
    post            TEXT NOT NULL,
    transferred_ore BIGINT NOT NULL,
    allocated_ore   BIGINT NOT NULL,
    PRIMARY KEY (year, chapter, post)
);

CREATE TABLE voucher (
    id           BIGSERIAL PRIMARY KEY,
    reference    TEXT NOT NULL UNIQUE,
    voucher_date TEXT NOT NULL,
    source       TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    recorded_at  TEXT NOT NULL
);

CREATE TABLE posting (
    id           BIGSERIAL PRIMARY KEY,
    voucher_id   BIGINT NOT NULL REFERENCES voucher (id),
    line_number  BIGINT NOT NULL,
    account      TEXT NOT NULL REFERENCES account (account),
    chapter      TEXT,
    post         TEXT,
    amount_ore   BIGINT NOT NULL,
    counterparty TEXT,
    text         TEXT NOT NULL,
    UNIQUE (voucher_id, line_number)
);
CREATE INDEX posting_account ON posting (account);

CREATE FUNCTION posting_is_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'postings are never updated or deleted: post a correcting voucher';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER posting_never_changed BEFORE UPDATE OR DELETE ON posting
    FOR EACH ROW EXECUTE FUNCTION posting_is_append_only();

-- Which batch wrote which voucher, so that a batch posts once.
CREATE TABLE batch_voucher (
    batch_id   BIGINT NOT NULL REFERENCES batch (id),
    voucher_id BIGINT NOT NULL REFERENCES voucher (id),
    PRIMARY KEY (batch_id, voucher_id)
);
