-- The built register, stored (issue 16): each command that needs the
-- persons reads this one row instead of every event and rebuilding them.
-- Derived data: it is valid for exactly `event_count` events (events are
-- never changed or removed) and the move lag it was built with; any other
-- count, lag or format is rebuilt from the events and replaced.
CREATE TABLE register_snapshot (
    move_lag    BIGINT PRIMARY KEY,
    event_count BIGINT NOT NULL,
    format      BIGINT NOT NULL,
    persons     BIGINT NOT NULL,
    built_at    TEXT NOT NULL,
    content     BYTEA NOT NULL
);
