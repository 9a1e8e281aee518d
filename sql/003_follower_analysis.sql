-- Follower analysis (issue 5): the encrypted session of a job (deleted when the job ends), the pages
-- of followers/following stored as they arrive, and a snapshot per completed analysis.
CREATE TABLE analysis_secrets (
    job_id      bigint PRIMARY KEY REFERENCES jobs (id) ON DELETE CASCADE,
    -- AES-GCM (SecretBox) of the JSON {"session_id","csrf_token"}.
    sealed      bytea NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- Users fetched for a job, list = 'followers' | 'following'. Re-fetching a page after a restart is idempotent.
CREATE TABLE analysis_users (
    job_id      bigint NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    list        text NOT NULL CHECK (list IN ('followers', 'following')),
    pk          text NOT NULL,
    username    text NOT NULL,
    full_name   text NOT NULL DEFAULT '',
    is_private  boolean NOT NULL DEFAULT false,
    is_verified boolean NOT NULL DEFAULT false,
    position    integer NOT NULL,
    PRIMARY KEY (job_id, list, pk)
);

-- One per completed analysis: the account, when, and its counts. Snapshot users stay after the job
-- is cleaned up, so changes between analyses can be computed.
CREATE TABLE analysis_snapshots (
    id              bigserial PRIMARY KEY,
    owner_id        bigint NOT NULL REFERENCES api_users (id) ON DELETE CASCADE,
    job_id          bigint REFERENCES jobs (id) ON DELETE SET NULL,
    public_id       text NOT NULL,
    account_pk      text NOT NULL,
    username        text NOT NULL,
    followers_count integer NOT NULL,
    following_count integer NOT NULL,
    taken_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX analysis_snapshots_owner ON analysis_snapshots (owner_id, username, taken_at DESC);
CREATE INDEX analysis_snapshots_public ON analysis_snapshots (owner_id, public_id, taken_at DESC);

CREATE TABLE analysis_snapshot_users (
    snapshot_id bigint NOT NULL REFERENCES analysis_snapshots (id) ON DELETE CASCADE,
    list        text NOT NULL CHECK (list IN ('followers', 'following')),
    pk          text NOT NULL,
    username    text NOT NULL,
    full_name   text NOT NULL DEFAULT '',
    is_private  boolean NOT NULL DEFAULT false,
    is_verified boolean NOT NULL DEFAULT false,
    PRIMARY KEY (snapshot_id, list, pk)
);
CREATE INDEX analysis_snapshot_users_username ON analysis_snapshot_users (snapshot_id, list, username);
