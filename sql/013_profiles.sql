-- Whole-profile, stories and highlight downloads (issue 16). The posts themselves are rows of `downloads` (the same
-- files, metadata and signed links as single posts); these tables hold what a profile download adds.

-- One row per API user and Instagram profile: the profile's metadata, which profile picture is stored, and the
-- watermark of incremental runs (the newest post of the last complete run: a re-run stops there).
CREATE TABLE profile_downloads (
    user_id          bigint NOT NULL REFERENCES api_users (id) ON DELETE CASCADE,
    profile_pk       text NOT NULL CHECK (profile_pk ~ '^[0-9]{1,25}$'),
    username         text NOT NULL,
    profile          jsonb NOT NULL,
    picture_code     text,
    picture_path     text,
    newest_taken_at  timestamptz,
    updated_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, profile_pk)
);

-- POST /api/watch: a profile (or its stories) downloaded again every `every_seconds` by a job that re-queues itself.
CREATE TABLE profile_watches (
    id               bigserial PRIMARY KEY,
    user_id          bigint NOT NULL REFERENCES api_users (id) ON DELETE CASCADE,
    url              text NOT NULL,
    every_seconds    integer NOT NULL CHECK (every_seconds BETWEEN 1 AND 31536000),
    session          text,
    created_at       timestamptz NOT NULL DEFAULT now(),
    last_job_id      bigint,
    UNIQUE (user_id, url)
);

-- Webhooks (`callback_url` of a collection job): each API user's signing secret (sealed by the SecretBox, shown
-- once when made) and every delivery attempt with its outcome.
CREATE TABLE webhook_secrets (
    user_id     bigint PRIMARY KEY REFERENCES api_users (id) ON DELETE CASCADE,
    sealed      bytea NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE webhook_deliveries (
    id             bigserial PRIMARY KEY,
    user_id        bigint NOT NULL REFERENCES api_users (id) ON DELETE CASCADE,
    source_job_id  bigint NOT NULL,
    url            text NOT NULL,
    attempt        integer NOT NULL CHECK (attempt >= 1),
    -- The receiver's HTTP status; NULL when there was no answer (refused, timeout, connection failed).
    status         integer,
    outcome        text NOT NULL CHECK (outcome IN ('delivered', 'failed', 'refused')),
    error          text,
    duration_ms    double precision NOT NULL DEFAULT 0,
    created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX webhook_deliveries_job ON webhook_deliveries (source_job_id, id);
