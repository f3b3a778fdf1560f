-- Nothing on SQLite: PostgreSQL keeps the number of register events in a
-- row of its own (register_size) because counting millions of rows took it
-- a fifth of a second a command; SQLite counts the rows of register_event
-- from its smallest index in a few milliseconds (db::dialect::event_count).
SELECT 1;
