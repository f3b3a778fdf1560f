-- A batch's lines stored as one block per municipality and grant instead of
-- one row per person (issue 16); see the SQLite migration of the same
-- number. `lines` holds "person<TAB>amount_ore<LF>" per line.
CREATE TABLE batch_block (
    batch_id     BIGINT NOT NULL REFERENCES batch (id),
    municipality TEXT NOT NULL,
    grant_code   TEXT NOT NULL,
    line_count   BIGINT NOT NULL CHECK (line_count > 0),
    total_ore    BIGINT NOT NULL,
    lines        TEXT NOT NULL,
    PRIMARY KEY (batch_id, municipality, grant_code)
);
INSERT INTO batch_block (batch_id, municipality, grant_code, line_count, total_ore, lines)
    SELECT batch_id, municipality, grant_code, COUNT(*), SUM(amount_ore),
           string_agg(person_id || chr(9) || CAST(amount_ore AS TEXT) || chr(10), '' ORDER BY person_id COLLATE "C")
    FROM batch_line GROUP BY batch_id, municipality, grant_code;
DROP TABLE batch_line;
