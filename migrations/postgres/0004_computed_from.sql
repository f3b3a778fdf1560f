-- What a batch was computed from (the rules' fingerprint and the number of
-- register events), so that approval and payment can tell cheaply that
-- nothing changed since.
ALTER TABLE batch ADD COLUMN computed_from TEXT NOT NULL DEFAULT '';
