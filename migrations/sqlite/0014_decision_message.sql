-- The reason of a decision the ranking proposed (`scheme propose --apply`),
-- as a catalogue message (JSON: key and arguments), so that letters and
-- pages give it in the reader's language (issue 13). A caseworker's own
-- reasons stay in decision_reason, in their words.
ALTER TABLE application ADD COLUMN decision_message TEXT;
