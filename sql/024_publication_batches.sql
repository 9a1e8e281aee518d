-- The same post to several connected accounts in one request (issue 14, batch): one batch row per request, holding
-- the request's Idempotency-Key and fingerprint (a replay answers the same posts; the posts' own unique key allows
-- one row per key), and one post row per account pointing at it, each with its own job.

CREATE TABLE instagram_publication_batches (
    id              bigserial PRIMARY KEY,
    user_id         bigint NOT NULL REFERENCES api_users(id) ON DELETE CASCADE,
    idempotency_key text,
    request_hash    text NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now()
);

CREATE UNIQUE INDEX instagram_publication_batches_idempotency ON instagram_publication_batches (user_id, idempotency_key)
    WHERE idempotency_key IS NOT NULL;

ALTER TABLE instagram_publications
    ADD COLUMN batch_id bigint REFERENCES instagram_publication_batches(id) ON DELETE SET NULL;

CREATE INDEX instagram_publications_batch ON instagram_publications (batch_id, id) WHERE batch_id IS NOT NULL;
