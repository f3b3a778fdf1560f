-- What has been paid so far per municipality, grant and person, written at
-- every payment (issue 16): a term's run subtracts it from what is due.
-- Summing every paid batch's lines again took a third of a term's run at
-- ten times the report's volume. The sums are kept as blocks of the same
-- form as batch_block; paid_sum_batch lists the paid batches they sum, and
-- the payment's audit entry 'paid_sums' records the hash of both, which a
-- run checks before it trusts them. Only the newest sums are kept; a
-- database without them sums the paid lines as before.
CREATE TABLE paid_sum_block (
    through_batch_id BIGINT NOT NULL REFERENCES batch (id),
    municipality     TEXT NOT NULL,
    grant_code       TEXT NOT NULL,
    line_count       BIGINT NOT NULL CHECK (line_count > 0),
    total_ore        BIGINT NOT NULL,
    lines            TEXT NOT NULL,
    PRIMARY KEY (through_batch_id, municipality, grant_code)
);
CREATE TABLE paid_sum_batch (
    through_batch_id BIGINT NOT NULL REFERENCES batch (id),
    batch_id         BIGINT NOT NULL REFERENCES batch (id),
    PRIMARY KEY (through_batch_id, batch_id)
);
