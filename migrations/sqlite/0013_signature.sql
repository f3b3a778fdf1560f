-- How a caseworker signs decision letters (issue 13): full name and a
-- title from a fixed list (its name is in the message catalogues, so a
-- Bokmål letter gets a Bokmål title).
CREATE TABLE user_signature (
    user_name TEXT PRIMARY KEY REFERENCES user_account (name),
    full_name TEXT NOT NULL,
    title     TEXT NOT NULL
);
