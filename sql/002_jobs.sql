-- The durable job queue (issue 5). Workers claim queued jobs with FOR UPDATE SKIP LOCKED and hold a
-- lease (lease_owner, lease_expires_at) that a heartbeat extends; an expired lease makes the job
-- claimable again, and it resumes from `checkpoint`.
CREATE TABLE jobs (
    id                bigserial PRIMARY KEY,
    kind              text NOT NULL CHECK (length(kind) BETWEEN 1 AND 100),
    -- NULL for system jobs (maintenance); else the API user the job belongs to.
    owner_id          bigint REFERENCES api_users (id) ON DELETE CASCADE,
    -- An id shown to clients (e.g. the follower analysis' 16 hex), unique per owner among live jobs.
    public_id         text,
    -- At most one live (queued or running) job per unique key: recurring maintenance, one analysis per cookie pair.
    unique_key        text,
    args              jsonb NOT NULL DEFAULT '{}',
    state             text NOT NULL DEFAULT 'queued'
                      CHECK (state IN ('queued', 'running', 'completed', 'failed', 'cancelled')),
    attempts          integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    max_attempts      integer NOT NULL DEFAULT 5 CHECK (max_attempts BETWEEN 1 AND 100),
    run_at            timestamptz NOT NULL DEFAULT now(),
    lease_owner       text,
    lease_expires_at  timestamptz,
    cancel_requested  boolean NOT NULL DEFAULT false,
    checkpoint        jsonb,
    progress          jsonb NOT NULL DEFAULT '{}',
    result            jsonb,
    last_error_code   text,
    last_error        text,
    created_at        timestamptz NOT NULL DEFAULT now(),
    started_at        timestamptz,
    finished_at       timestamptz,
    updated_at        timestamptz NOT NULL DEFAULT now(),
    CHECK ((state = 'running') = (lease_owner IS NOT NULL))
);
CREATE UNIQUE INDEX jobs_unique_live ON jobs (unique_key) WHERE unique_key IS NOT NULL AND state IN ('queued', 'running');
CREATE INDEX jobs_claimable ON jobs (kind, run_at, id) WHERE state = 'queued';
CREATE INDEX jobs_leased ON jobs (lease_expires_at) WHERE state = 'running';
CREATE INDEX jobs_owner ON jobs (owner_id, created_at DESC);
CREATE INDEX jobs_public_id ON jobs (owner_id, public_id);
CREATE INDEX jobs_finished ON jobs (finished_at) WHERE state IN ('completed', 'failed', 'cancelled');

-- What happened to a job: claims, checkpoints, backoffs, errors (never a secret).
CREATE TABLE job_events (
    id          bigserial PRIMARY KEY,
    job_id      bigint NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    at          timestamptz NOT NULL DEFAULT now(),
    event       text NOT NULL,
    message     text NOT NULL DEFAULT '',
    data        jsonb
);
CREATE INDEX job_events_job ON job_events (job_id, id);
