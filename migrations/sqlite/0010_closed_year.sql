-- A closed year (tilskot close-year): nothing is written into it any more.
-- Every voucher, batch, award, payment and release checks this table in
-- the transaction that writes.
CREATE TABLE closed_year (
    year      BIGINT PRIMARY KEY,
    closed_at TEXT NOT NULL,
    closed_by TEXT NOT NULL
);
