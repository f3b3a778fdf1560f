-- Postings are no longer indexed by account. Since 0017 the index served
-- one query only: the check that an account with postings is neither
-- removed nor renamed, a rare administrative step that may as well read the
-- table. Every posting written paid for it: a sixth of PostgreSQL's time
-- for a 50 000-posting insert (psql on the scale-10 bench database,
-- 2026-12-06: 290-300 ms with the index, 247 ms without), and a payment at
-- ten times the report's volume writes a million postings.
DROP INDEX posting_account;
