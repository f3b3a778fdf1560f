-- PostgreSQL drops its index of postings by account here (its 0024 says
-- why). SQLite keeps it: its foreign key from posting to account uses it
-- whenever an account is removed or renamed.
SELECT 1;
