-- Corrections: an event registered in error is withdrawn by a row that
-- repeats its fields under the kind `withdrawn_<kind>` (docs/rules.md, The
-- register). Events stay append-only; the withdrawal is an event too.
--
-- The event column takes the four withdrawals, and a person may now hold a
-- second settlement when the first is withdrawn, so the index that allowed
-- one settled or born row a person goes: the import checks that a person
-- has one entry that counts.
ALTER TABLE register_event DROP CONSTRAINT register_event_event_check;
ALTER TABLE register_event ADD CONSTRAINT register_event_event_check
    CHECK (event IN ('settled', 'born', 'moved', 'exited',
        'withdrawn_settled', 'withdrawn_born', 'withdrawn_moved', 'withdrawn_exited'));
DROP INDEX register_event_one_entry;
