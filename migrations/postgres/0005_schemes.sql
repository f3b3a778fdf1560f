-- Discretionary schemes: calls with their frames, applicants, web users and
-- sessions, applications with every transition, reviews, commitments,
-- reservations, payments and releases.

CREATE TABLE scheme_call (
    scheme            TEXT NOT NULL,
    year              BIGINT NOT NULL,
    name              TEXT NOT NULL,
    chapter           TEXT NOT NULL,
    post              TEXT NOT NULL,
    -- Comma-separated applicant kinds.
    eligible          TEXT NOT NULL,
    call_opens        TEXT NOT NULL,
    call_closes       TEXT NOT NULL,
    min_participants  BIGINT,
    min_own_financing_percent BIGINT,
    frame_ore         BIGINT NOT NULL,
    -- Awards minus releases. Written only by the award and release
    -- transactions, with a conditional UPDATE; the CHECK is the last guard.
    bound_ore         BIGINT NOT NULL DEFAULT 0,
    sources           TEXT NOT NULL,
    PRIMARY KEY (scheme, year),
    CHECK (frame_ore >= 0),
    CHECK (bound_ore >= 0 AND bound_ore <= frame_ore)
);

CREATE TABLE scheme_criterion (
    scheme   TEXT NOT NULL,
    year     BIGINT NOT NULL,
    code     TEXT NOT NULL,
    name     TEXT NOT NULL,
    weight   BIGINT NOT NULL CHECK (weight > 0),
    position BIGINT NOT NULL,
    PRIMARY KEY (scheme, year, code),
    FOREIGN KEY (scheme, year) REFERENCES scheme_call (scheme, year)
);

CREATE TABLE organisation (
    id   TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('municipality', 'county', 'voluntary_organisation'))
);

CREATE TABLE web_user (
    name          TEXT PRIMARY KEY,
    password_hash TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('applicant', 'caseworker', 'finance')),
    organisation  TEXT REFERENCES organisation (id),
    CHECK ((role = 'applicant') = (organisation IS NOT NULL))
);

-- The schemes a caseworker handles.
CREATE TABLE caseworker_scheme (
    user_name TEXT NOT NULL REFERENCES web_user (name),
    scheme    TEXT NOT NULL,
    PRIMARY KEY (user_name, scheme)
);

CREATE TABLE web_session (
    -- SHA-256 of the cookie's token: a copy of the table signs in no one.
    token_hash TEXT PRIMARY KEY,
    user_name  TEXT NOT NULL REFERENCES web_user (name),
    csrf_token TEXT NOT NULL,
    expires_at TEXT NOT NULL
);

CREATE TABLE application (
    id                BIGSERIAL PRIMARY KEY,
    scheme            TEXT NOT NULL,
    year              BIGINT NOT NULL,
    organisation      TEXT NOT NULL REFERENCES organisation (id),
    project           TEXT NOT NULL,
    amount_ore        BIGINT NOT NULL,
    budget_total_ore  BIGINT NOT NULL,
    own_financing_ore BIGINT NOT NULL,
    participants      BIGINT NOT NULL,
    state             TEXT NOT NULL CHECK (state IN ('draft', 'submitted', 'in_review', 'decided', 'paid', 'reported')),
    submitted_on      TEXT,
    decision          TEXT CHECK (decision IN ('awarded', 'partly_awarded', 'rejected', 'recommended_not_funded')),
    decision_reason   TEXT,
    decided_by        TEXT,
    decided_at        TEXT,
    report_text       TEXT,
    FOREIGN KEY (scheme, year) REFERENCES scheme_call (scheme, year)
);
CREATE INDEX application_scheme ON application (scheme, year);
CREATE INDEX application_organisation ON application (organisation);

CREATE TABLE application_later_year (
    application_id BIGINT NOT NULL REFERENCES application (id),
    year           BIGINT NOT NULL,
    amount_ore     BIGINT NOT NULL,
    PRIMARY KEY (application_id, year)
);

-- Every transition, with who and when.
CREATE TABLE application_transition (
    id             BIGSERIAL PRIMARY KEY,
    application_id BIGINT NOT NULL REFERENCES application (id),
    from_state     TEXT,
    to_state       TEXT NOT NULL,
    actor          TEXT NOT NULL,
    at             TEXT NOT NULL,
    detail         TEXT NOT NULL
);

CREATE TABLE review (
    application_id BIGINT NOT NULL REFERENCES application (id),
    reviewer       TEXT NOT NULL REFERENCES web_user (name),
    conflict_of_interest TEXT NOT NULL CHECK (conflict_of_interest IN ('true', 'false')),
    declared_at    TEXT NOT NULL,
    submitted_at   TEXT,
    PRIMARY KEY (application_id, reviewer)
);

CREATE TABLE review_score (
    application_id BIGINT NOT NULL,
    reviewer       TEXT NOT NULL,
    criterion      TEXT NOT NULL,
    value          BIGINT NOT NULL CHECK (value BETWEEN 0 AND 5),
    PRIMARY KEY (application_id, reviewer, criterion),
    FOREIGN KEY (application_id, reviewer) REFERENCES review (application_id, reviewer)
);

-- Tilsegn: the current year's commitment against the frame.
CREATE TABLE commitment (
    application_id BIGINT PRIMARY KEY REFERENCES application (id),
    scheme         TEXT NOT NULL,
    year           BIGINT NOT NULL,
    amount_ore     BIGINT NOT NULL CHECK (amount_ore > 0),
    committed_by   TEXT NOT NULL,
    committed_at   TEXT NOT NULL
);

-- Later years of a multi-year award, subject to Parliament's appropriation.
CREATE TABLE reservation (
    application_id BIGINT NOT NULL REFERENCES application (id),
    year           BIGINT NOT NULL,
    amount_ore     BIGINT NOT NULL,
    PRIMARY KEY (application_id, year)
);

-- A commitment is paid once: the voucher posts it to the ledger.
CREATE TABLE scheme_payment (
    application_id BIGINT PRIMARY KEY REFERENCES commitment (application_id),
    voucher_id     BIGINT NOT NULL REFERENCES voucher (id),
    amount_ore     BIGINT NOT NULL,
    paid_by        TEXT NOT NULL,
    paid_at        TEXT NOT NULL
);

-- What of a commitment will never be paid, given back to the frame.
CREATE TABLE commitment_release (
    application_id BIGINT PRIMARY KEY REFERENCES commitment (application_id),
    amount_ore     BIGINT NOT NULL CHECK (amount_ore > 0),
    released_by    TEXT NOT NULL,
    released_at    TEXT NOT NULL,
    reason         TEXT NOT NULL
);
