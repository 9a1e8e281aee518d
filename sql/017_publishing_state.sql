-- Publishing state you can see and act on (issue 14, second slice): scheduled and cancelled posts, the
-- Idempotency-Key a post was asked with (one post per key and API user; the request's fingerprint tells a
-- replay from a different body), and which job may publish a post (job_id, job_generation: a retry or a moved
-- schedule gives the post a new job, and an older job finding its id replaced does nothing).

ALTER TABLE instagram_publications DROP CONSTRAINT instagram_publications_state_check;
ALTER TABLE instagram_publications ADD CONSTRAINT instagram_publications_state_check
    CHECK (state IN ('draft', 'scheduled', 'queued', 'waiting_quota', 'publishing', 'published', 'failed', 'cancelled'));

ALTER TABLE instagram_publications
    ADD COLUMN scheduled_at    timestamptz,
    ADD COLUMN idempotency_key text,
    ADD COLUMN request_hash    text,
    ADD COLUMN job_generation  integer NOT NULL DEFAULT 0;

CREATE UNIQUE INDEX instagram_publications_idempotency ON instagram_publications (user_id, idempotency_key)
    WHERE idempotency_key IS NOT NULL;
CREATE INDEX instagram_publications_user_list ON instagram_publications (user_id, account_id, state, id DESC);
