-- Two-person approval, exactly-once payment and the audit log.

CREATE TABLE app_user (
    name TEXT PRIMARY KEY,
    role TEXT NOT NULL CHECK (role IN ('finance_officer', 'approver', 'auditor'))
);

-- computed → attested → approved → paid; rejected goes back to computed;
-- superseded when the register changed and the batch was recomputed.
ALTER TABLE batch ADD COLUMN status TEXT NOT NULL DEFAULT 'computed';
ALTER TABLE batch ADD COLUMN attested_by TEXT;
ALTER TABLE batch ADD COLUMN approved_by TEXT;
ALTER TABLE batch ADD COLUMN approved_at TEXT;
ALTER TABLE batch ADD COLUMN unverified_rates_allowed TEXT;

-- Municipalities whose net was negative: not paid, carried to the next term.
CREATE TABLE batch_carried (
    batch_id     BIGINT NOT NULL REFERENCES batch (id),
    municipality TEXT NOT NULL,
    PRIMARY KEY (batch_id, municipality)
);

CREATE TABLE payment (
    payment_id   TEXT PRIMARY KEY,
    batch_id     BIGINT NOT NULL UNIQUE REFERENCES batch (id),
    content_hash TEXT NOT NULL,
    file_name    TEXT NOT NULL,
    transfers    BIGINT NOT NULL,
    total_ore    BIGINT NOT NULL,
    paid_at      TEXT NOT NULL
);

CREATE TABLE audit_entry (
    id          INTEGER PRIMARY KEY,
    batch_id    BIGINT NOT NULL,
    action      TEXT NOT NULL,
    actor       TEXT NOT NULL,
    at          TEXT NOT NULL,
    batch_hash  TEXT NOT NULL,
    detail      TEXT NOT NULL,
    -- Unique: two writers that read the same last entry cannot both append.
    prev_hash   TEXT NOT NULL UNIQUE,
    entry_hash  TEXT NOT NULL
);
