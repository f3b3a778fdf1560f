-- The register snapshot in parts (issue 16, format 2 of
-- src/db/register_codec.rs): each part holds up to 32 768 persons and
-- reads on its own, so a command reads one part while the next is
-- fetched. Fetching the snapshot as one value of 38 MB (scale 10, six
-- events a person) took 0.24-0.32 s on PostgreSQL, more than twice what
-- sending its bytes takes. The head row in register_snapshot keeps what
-- the snapshot was built from and how many parts and persons it holds;
-- its content is empty from format 2 on.
ALTER TABLE register_snapshot ADD COLUMN parts BIGINT NOT NULL DEFAULT 0;

CREATE TABLE register_snapshot_part (
    move_lag BIGINT NOT NULL,
    part     BIGINT NOT NULL,
    content  BLOB NOT NULL,
    PRIMARY KEY (move_lag, part)
);

-- Snapshots of format 1 are never read again: the next command that needs
-- the register builds it from the events and stores it in parts.
DELETE FROM register_snapshot;
