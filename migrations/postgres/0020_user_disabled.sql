-- A user who leaves is disabled, not deleted: their name stays on every
-- audit entry, batch and decision they made, and they can no longer sign in
-- or act. NULL: the user may act.
ALTER TABLE user_account ADD COLUMN disabled_at TEXT;
