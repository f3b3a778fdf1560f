-- One identity for every actor: the command line's users (app_user) and the
-- web's (web_user) become one table with one set of roles and a password
-- each. Web users keep their passwords; a command-line user had none, so it
-- is copied with a hash that no password matches, and an administrator sets
-- one (`tilskot user password`). Sessions are not copied: everyone signs in
-- again.
CREATE TABLE user_account (
    name          TEXT PRIMARY KEY,
    password_hash TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('finance_officer', 'approver', 'caseworker',
                                               'applicant', 'finance', 'auditor', 'admin')),
    organisation  TEXT REFERENCES organisation (id),
    CHECK ((role = 'applicant') = (organisation IS NOT NULL))
);

INSERT INTO user_account (name, password_hash, role, organisation)
    SELECT name, password_hash, role, organisation FROM web_user;
INSERT INTO user_account (name, password_hash, role, organisation)
    SELECT name, '!', role, NULL FROM app_user
    WHERE name NOT IN (SELECT name FROM web_user);

-- The schemes a caseworker handles.
CREATE TABLE user_scheme (
    user_name TEXT NOT NULL REFERENCES user_account (name),
    scheme    TEXT NOT NULL,
    PRIMARY KEY (user_name, scheme)
);
INSERT INTO user_scheme (user_name, scheme) SELECT user_name, scheme FROM caseworker_scheme;

CREATE TABLE user_session (
    -- SHA-256 of the cookie's token: a copy of the table signs in no one.
    token_hash TEXT PRIMARY KEY,
    user_name  TEXT NOT NULL REFERENCES user_account (name),
    csrf_token TEXT NOT NULL,
    expires_at TEXT NOT NULL
);

-- Reviews name their reviewer among the users: rebuilt to point there.
CREATE TABLE review_v2 (
    application_id BIGINT NOT NULL REFERENCES application (id),
    reviewer       TEXT NOT NULL REFERENCES user_account (name),
    conflict_of_interest TEXT NOT NULL CHECK (conflict_of_interest IN ('true', 'false')),
    declared_at    TEXT NOT NULL,
    submitted_at   TEXT,
    PRIMARY KEY (application_id, reviewer)
);
INSERT INTO review_v2 (application_id, reviewer, conflict_of_interest, declared_at, submitted_at)
    SELECT application_id, reviewer, conflict_of_interest, declared_at, submitted_at FROM review;
CREATE TABLE review_score_v2 (
    application_id BIGINT NOT NULL,
    reviewer       TEXT NOT NULL,
    criterion      TEXT NOT NULL,
    value          BIGINT NOT NULL CHECK (value BETWEEN 0 AND 5),
    PRIMARY KEY (application_id, reviewer, criterion),
    FOREIGN KEY (application_id, reviewer) REFERENCES review_v2 (application_id, reviewer)
);
INSERT INTO review_score_v2 (application_id, reviewer, criterion, value)
    SELECT application_id, reviewer, criterion, value FROM review_score;
DROP TABLE review_score;
DROP TABLE review;
ALTER TABLE review_v2 RENAME TO review;
ALTER TABLE review_score_v2 RENAME TO review_score;

DROP TABLE web_session;
DROP TABLE caseworker_scheme;
DROP TABLE web_user;
DROP TABLE app_user;
