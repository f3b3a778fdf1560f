-- A batch's lines stored as one block per municipality and grant instead of
-- one row per person (issue 16): a term's 300 000–400 000 lines became
-- about 2 500 rows, which SQLite writes in a few hundredths of a second
-- instead of half a second, and which a batch run reads back whole.
-- `lines` holds "person<TAB>amount_ore<LF>" per line, persons in byte
-- order, an empty person for the base grant; `line_count` and `total_ore`
-- say what the block holds, for the pages that show sums only, and are
-- checked against `lines` whenever the lines are read.
CREATE TABLE batch_block (
    batch_id     BIGINT NOT NULL REFERENCES batch (id),
    municipality TEXT NOT NULL,
    grant_code   TEXT NOT NULL,
    line_count   BIGINT NOT NULL CHECK (line_count > 0),
    total_ore    BIGINT NOT NULL,
    lines        TEXT NOT NULL,
    PRIMARY KEY (batch_id, municipality, grant_code)
) WITHOUT ROWID;
INSERT INTO batch_block (batch_id, municipality, grant_code, line_count, total_ore, lines)
    SELECT batch_id, municipality, grant_code, COUNT(*), SUM(amount_ore),
           group_concat(person_id || char(9) || CAST(amount_ore AS TEXT) || char(10), '' ORDER BY person_id)
    FROM batch_line GROUP BY batch_id, municipality, grant_code;
DROP TABLE batch_line;
