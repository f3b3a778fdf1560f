-- Decision rights: the submitted reviews a scheme requires before anyone
-- decides an application (from the schemes file; two by default).
ALTER TABLE scheme_call ADD COLUMN min_reviews BIGINT NOT NULL DEFAULT 2;
