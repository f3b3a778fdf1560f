-- Nothing on SQLite: it stores large values as they are. PostgreSQL's 0019
-- replaces its slow default compression of the register snapshot and the
-- blocks of batch lines and paid sums.
SELECT 1;
